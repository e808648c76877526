/**
 * The club use cases' refusals: each one sentence fit to show as is (the conversation capitalises
 * it and ends it with a full stop), raised before anything is stored.
 */
import { GoFastError, type ErrorCode } from '../domain/errors.js';

export class ClubError extends GoFastError {
  constructor(
    code: Extract<ErrorCode, 'INVALID_INPUT' | 'WRONG_STATE' | 'PLAN_NOT_FOUND' | 'NOT_YOUR_PLAN' | 'CONFLICT'>,
    message: string,
  ) {
    super(code, message, { userFacing: true });
    this.name = 'ClubError';
  }
}

export const clubNotFound = (id: string): ClubError => new ClubError('PLAN_NOT_FOUND', `no club with id ${id}`);
export const notClubAdmin = (): ClubError => new ClubError('NOT_YOUR_PLAN', 'only the club’s admins can do that; nothing was changed');
export const clubClosed = (name: string): ClubError => new ClubError('WRONG_STATE', `the club ${name} is closed and takes no new members`);
