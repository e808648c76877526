/**
 * The club use cases' refusals: each one sentence fit to show as is (the conversation capitalises
 * it and ends it with a full stop), raised before anything is stored.
 */
import { GoFastError, type ErrorCode } from '../domain/errors.js';

type ClubErrorCode = Extract<ErrorCode, 'INVALID_INPUT' | 'WRONG_STATE' | 'PLAN_NOT_FOUND' | 'NOT_YOUR_PLAN' | 'CONFLICT'>;
/** The person a refusal is about, and its sentence around their name. */
type AboutPerson = { readonly identity: string; readonly sentence: (name: string) => string };

export class ClubError extends GoFastError {
  /** See `about`. */
  private readonly aboutPerson?: AboutPerson;

  constructor(code: ClubErrorCode, message: string, about?: AboutPerson) {
    super(code, message, { userFacing: true });
    this.name = 'ClubError';
    if (about !== undefined) this.aboutPerson = about;
  }

  /**
   * A refusal about a person: its message names them by identity (for operators and logs); a chat
   * surface names them as it shows people (`namedBy`), never as a raw identity.
   */
  static about(code: ClubErrorCode, identity: string, sentence: (name: string) => string): ClubError {
    return new ClubError(code, sentence(identity), { identity, sentence });
  }

  /** The message with its person, if any, named by `nameOf`. */
  namedBy(nameOf: (identity: string) => string): string {
    return this.aboutPerson === undefined ? this.message : this.aboutPerson.sentence(nameOf(this.aboutPerson.identity));
  }
}

export const clubNotFound = (id: string): ClubError => new ClubError('PLAN_NOT_FOUND', `no club with id ${id}`);
export const notClubAdmin = (): ClubError => new ClubError('NOT_YOUR_PLAN', 'only the club’s admins can do that; nothing was changed');
export const clubClosed = (name: string): ClubError => new ClubError('WRONG_STATE', `the club ${name} is closed and takes no new members`);
