/**
 * Command errors carrying MongoDB's numeric codes and code names, so the driver raises the same
 * MongoServerError (and applies the same retry labels) it would against a real server.
 */

const ErrorCodes = {
  InternalError: 1,
  BadValue: 2,
  FailedToParse: 9,
  Unauthorized: 13,
  TypeMismatch: 14,
  InvalidLength: 16,
  IllegalOperation: 20,
  NamespaceNotFound: 26,
  PathNotViable: 28,
  IndexNotFound: 27,
  CannotCreateIndex: 67,
  ExceededMemoryLimit: 146,
  ConflictingUpdateOperators: 40,
  CursorNotFound: 43,
  NamespaceExists: 48,
  CommandNotFound: 59,
  ImmutableField: 66,
  InvalidOptions: 72,
  InvalidNamespace: 73,
  IndexOptionsConflict: 85,
  IndexKeySpecsConflict: 86,
  WriteConflict: 112,
  NoSuchTransaction: 251,
  TransactionTooOld: 225,
  OperationNotSupportedInTransaction: 263,
  UnsupportedOpQueryCommand: 352,
  BSONObjectTooLarge: 10334,
  DuplicateKey: 11000,
  /** mongod's unnamed assertion for an update whose result passes maxBsonObjectSize. */
  Location17419: 17419,
} as const;

export type ErrorCodeName = keyof typeof ErrorCodes;

/** A failed command; `extra` fields (keyPattern, keyValue, …) are copied into the reply. */
export class CommandError extends Error {
  readonly code: number;
  readonly codeName: ErrorCodeName;
  readonly errorLabels: readonly string[];
  readonly extra: Readonly<Record<string, unknown>>;

  constructor(
    codeName: ErrorCodeName,
    message: string,
    options: { errorLabels?: readonly string[]; extra?: Record<string, unknown> } = {},
  ) {
    super(message);
    this.name = 'CommandError';
    this.codeName = codeName;
    this.code = ErrorCodes[codeName];
    this.errorLabels = options.errorLabels ?? [];
    this.extra = options.extra ?? {};
  }

  /** The reply document MongoDB sends for a failed command. */
  toReply(): Record<string, unknown> {
    return {
      ok: 0,
      errmsg: this.message,
      code: this.code,
      codeName: this.codeName,
      ...this.extra,
      ...(this.errorLabels.length > 0 ? { errorLabels: [...this.errorLabels] } : {}),
    };
  }

  /** The entry MongoDB puts in a write command's `writeErrors` array. */
  toWriteError(index: number): Record<string, unknown> {
    return { index, code: this.code, codeName: this.codeName, errmsg: this.message, ...this.extra };
  }
}

const TRANSIENT_TRANSACTION_ERROR = 'TransientTransactionError';

export function badValue(message: string): CommandError {
  return new CommandError('BadValue', message);
}

export function failedToParse(message: string): CommandError {
  return new CommandError('FailedToParse', message);
}

export function typeMismatch(message: string): CommandError {
  return new CommandError('TypeMismatch', message);
}

export function writeConflict(): CommandError {
  return new CommandError(
    'WriteConflict',
    'Write conflict during plan execution and yielding is disabled. :: Please retry your operation or multi-document transaction.',
    { errorLabels: [TRANSIENT_TRANSACTION_ERROR] },
  );
}

/**
 * Runs a library call (mingo rejects bad operators and arguments by throwing plain Errors) and
 * reports its failure as BadValue, the code MongoDB uses for malformed query and update arguments.
 */
export function withBadValue<T>(run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof CommandError) throw error;
    throw badValue(error instanceof Error ? error.message : String(error));
  }
}
