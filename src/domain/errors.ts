/**
 * Stable error codes with their HTTP status. Domain code throws DomainError with a code; the HTTP
 * layer maps the code to the status through this one table (tested against docs/API.md).
 */
export const ERROR_CODES = {
  VALIDATION: 400,
  BAD_JSON: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  ILLEGAL_TRANSITION: 409,
  CONFLICT: 409,
  IDEMPOTENCY_MISMATCH: 422,
  PAYLOAD_TOO_LARGE: 413,
  RATE_LIMITED: 429,
  UNAVAILABLE: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export class DomainError extends Error {
  constructor(
    public readonly code: ErrorCode,
    message: string,
    /** `path` and `issues`: a refused tuned pack names the JSON path (RFC 6901) of each bad value (issue #16 item 4). */
    public readonly details: { field?: string; allowed?: string[]; path?: string; issues?: { path: string; message: string }[] } = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const invalid = (field: string, message: string) => new DomainError('VALIDATION', `${field}: ${message}`, { field });
export const notFound = (what: string) => new DomainError('NOT_FOUND', `${what} not found`);
export const forbidden = (message = 'not allowed') => new DomainError('FORBIDDEN', message);
