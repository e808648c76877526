/** The errors the plan use cases raise; each is shown to the user as its message. */
import { GoFastError } from '../domain/errors.js';
import type { PlanStatus } from './plan-record.js';

export class PlanNotFoundError extends GoFastError {
  constructor(planId: string) {
    super('PLAN_NOT_FOUND', `no plan with id ${planId}`, { userFacing: true });
    this.name = 'PlanNotFoundError';
  }
}

export class NotYourPlanError extends GoFastError {
  constructor() {
    super('NOT_YOUR_PLAN', 'that plan belongs to someone else; only its owner can change it', { userFacing: true });
    this.name = 'NotYourPlanError';
  }
}

export class WrongStateError extends GoFastError {
  readonly status: PlanStatus;
  constructor(status: PlanStatus, message: string) {
    super('WRONG_STATE', message, { userFacing: true });
    this.name = 'WrongStateError';
    this.status = status;
  }
}

export class PlanCompleteError extends GoFastError {
  constructor(totalWeeks: number) {
    super('PLAN_COMPLETE', `plan complete: all ${totalWeeks} weeks exist`, { userFacing: true });
    this.name = 'PlanCompleteError';
  }
}

/** The plan kept changing under a write (more retries than a real race would need). */
export class PlanConflictError extends GoFastError {
  constructor(planId: string) {
    super('CONFLICT', `plan ${planId} changed while it was being updated; try again`, { userFacing: true });
    this.name = 'PlanConflictError';
  }
}

/**
 * A move or a cross-training change the coaching rules do not allow (`/plan move`, `/plan cross`):
 * the message says why; `nearest` is the closest move that is allowed, offered as a button.
 */
export class ChangeRefusedError extends GoFastError {
  readonly weekNumber: number;
  readonly nearest: { readonly from: number; readonly to: number } | undefined;
  constructor(message: string, weekNumber: number, nearest?: { from: number; to: number }) {
    super('INVALID_INPUT', message, { userFacing: true });
    this.name = 'ChangeRefusedError';
    this.weekNumber = weekNumber;
    this.nearest = nearest;
  }
}
