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
