/** Domain errors thrown by use-cases; one table maps each code to an HTTP status (ARCHITECTURE.md rule 7). */
export const ERROR_STATUS = {
  INVALID: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  TOO_MANY_REQUESTS: 429,
  INTERNAL: 500,
  UNAVAILABLE: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export type FieldErrors = Record<string, string>;

/** The message as a catalogue key, for screens that show it in the reader's language (see lib/i18n/message-ref). */
export interface ErrorRef {
  key: string;
  values?: Record<string, string>;
}

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: FieldErrors,
    readonly ref?: ErrorRef,
  ) {
    super(message);
    this.name = 'AppError';
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }

  static notFound(what = 'Resource'): AppError {
    return new AppError('NOT_FOUND', `${what} not found`);
  }

  static invalid(message: string, fields?: FieldErrors): AppError {
    return new AppError('INVALID', message, fields);
  }
}

export interface ErrorBody {
  error: { code: ErrorCode; message: string; fields?: FieldErrors; ref?: ErrorRef };
}

export function toErrorBody(error: unknown): { status: number; body: ErrorBody } {
  if (error instanceof AppError) {
    return {
      status: error.status,
      body: {
        error: {
          code: error.code,
          message: error.message,
          ...(error.fields ? { fields: error.fields } : {}),
          ...(error.ref ? { ref: error.ref } : {}),
        },
      },
    };
  }
  // Unknown failures say nothing about internals to the caller; the server log keeps the detail.
  console.error(error);
  return { status: 500, body: { error: { code: 'INTERNAL', message: 'Internal error' } } };
}
