/** A command that is not allowed in the aggregate's current state. */
export class IllegalStateError extends Error {
  override readonly name = 'IllegalStateError';
  constructor(message: string) {
    super(message);
  }
}

/** A command whose data breaks a business rule regardless of state; `field` names the input at fault when known. */
export class ValidationError extends Error {
  override readonly name = 'ValidationError';
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

/** Something the request names does not exist; `field` names the input that named it when known. */
export class NotFoundError extends Error {
  override readonly name = 'NotFoundError';
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

/** A device presented another SSH host key than the one pinned: possible interception, never accepted silently. */
export class HostKeyMismatchError extends IllegalStateError {
  constructor(
    readonly pinned: string,
    readonly presented: string,
  ) {
    super(`host key changed: pinned ${pinned}, presented ${presented}`);
  }
}

/** The request carries no valid identity (no token, an expired or forged one, wrong password). */
export class UnauthenticatedError extends Error {
  override readonly name = 'UnauthenticatedError';
  constructor(message = 'sign in first') {
    super(message);
  }
}

/** The caller is known but its role or tag scope does not allow the request. */
export class ForbiddenError extends Error {
  override readonly name = 'ForbiddenError';
  constructor(message: string) {
    super(message);
  }
}
