/**
 * The few error types the product has. `userFacing` errors carry a message fit to show the user as
 * is (bad input, not your plan, wrong state); the rest are bugs or outages, logged once where they
 * are caught and shown as a short apology.
 */

export type ErrorCode =
  | 'INVALID_INPUT'
  | 'PLAN_NOT_FOUND'
  | 'NOT_YOUR_PLAN'
  | 'WRONG_STATE'
  | 'PLAN_COMPLETE'
  | 'RULES_VIOLATED'
  | 'ENGINE_FAILED'
  | 'STORAGE_FAILED'
  // The database cannot be reached for now (down, unreachable, timed out): try again shortly.
  | 'STORAGE_UNAVAILABLE'
  | 'CONFLICT'
  // Regenerate asked for another take of a preview and the engine has shown every one it has.
  | 'NO_MORE_TAKES';

export class GoFastError extends Error {
  readonly code: ErrorCode;
  readonly userFacing: boolean;
  constructor(code: ErrorCode, message: string, options: { userFacing: boolean; cause?: unknown }) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'GoFastError';
    this.code = code;
    this.userFacing = options.userFacing;
  }
}

/** Input that breaks an accepted range; `fields` maps each bad field to what is accepted. */
export class InputError extends GoFastError {
  readonly fields: Readonly<Record<string, string>>;
  constructor(fields: Record<string, string>) {
    const first = Object.entries(fields)[0];
    super('INVALID_INPUT', first ? `${first[0]}: ${first[1]}` : 'invalid input', { userFacing: true });
    this.name = 'InputError';
    this.fields = fields;
  }
}

/** A plan that breaks PLAN-RULES.md reached a place it must never reach (an engine bug). */
export class RulesViolatedError extends GoFastError {
  readonly violations: readonly { readonly rule: string; readonly message: string }[];
  constructor(violations: readonly { readonly rule: string; readonly message: string }[]) {
    const head = violations
      .slice(0, 3)
      .map((v) => `${v.rule}: ${v.message}`)
      .join('; ');
    super('RULES_VIOLATED', `plan breaks ${violations.length} rule(s): ${head}`, { userFacing: false });
    this.name = 'RulesViolatedError';
    this.violations = violations;
  }
}
