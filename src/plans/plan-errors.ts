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
