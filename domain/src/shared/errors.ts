/** A command that is not allowed in the aggregate's current state. */
export class IllegalStateError extends Error {
  override readonly name = 'IllegalStateError';
  constructor(message: string) {
    super(message);
  }
}

/** A command whose data breaks a business rule regardless of state. */
export class ValidationError extends Error {
  override readonly name = 'ValidationError';
  constructor(message: string) {
    super(message);
  }
}

export class NotFoundError extends Error {
  override readonly name = 'NotFoundError';
  constructor(message: string) {
    super(message);
  }
}
