/** Typed errors, mapped to HTTP in one place (src/api/errors.ts). */
export interface FieldProblem {
  path: string;
  message: string;
}

export class DomainError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class Invalid extends DomainError {
  constructor(message: string, details?: FieldProblem[] | unknown, code = 'invalid') {
    super(code, message, details);
  }
}
export class NotFound extends DomainError {
  constructor(message: string, code = 'not_found') {
    super(code, message);
  }
}
export class Forbidden extends DomainError {
  constructor(message: string, code = 'forbidden') {
    super(code, message);
  }
}
export class Unauthorized extends DomainError {
  constructor(message = 'Authentication required', code = 'unauthorized') {
    super(code, message);
  }
}
export class Conflict extends DomainError {
  constructor(message: string, details?: unknown, code = 'conflict') {
    super(code, message, details);
  }
}
export class TooLarge extends DomainError {
  constructor(message: string, code = 'too_large') {
    super(code, message);
  }
}
export class RateLimited extends DomainError {
  constructor(
    message: string,
    /** When the caller may try again (Retry-After). */
    readonly retryAfterSec = 60,
    code = 'rate_limited',
  ) {
    super(code, message);
  }
}
