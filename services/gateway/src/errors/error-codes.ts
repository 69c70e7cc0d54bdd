import { ForbiddenError, IllegalStateError, NotFoundError, UnauthenticatedError, ValidationError } from '@netraven/domain';

/**
 * Every `extensions.code` a client can receive: the one list that the schema's `ErrorCode` enum,
 * the error masking and the tests read, so no code is emitted without being documented.
 */
export const ERROR_CODES = [
  'BAD_USER_INPUT', 'NOT_FOUND', 'CONFLICT', 'UNAUTHENTICATED', 'FORBIDDEN',
  'GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_REQUEST', 'PAYLOAD_TOO_LARGE', 'SERVICE_UNAVAILABLE', 'INTERNAL_SERVER_ERROR',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export const ERROR_CODE_DESCRIPTIONS: Readonly<Record<ErrorCode, string>> = {
  BAD_USER_INPUT: 'The request’s data is refused (a rule, a limit, a wrong type, a cursor of another list, a document too deep or too costly); `extensions.field` names the input at fault when one is.',
  NOT_FOUND: 'Something the request names does not exist, or lies outside the caller’s tag scope; `extensions.field` names the input that named it.',
  CONFLICT: 'The request clashes with the current state (a name already taken, a change to a decommissioned device, ...).',
  UNAUTHENTICATED: 'No valid identity: no token, an expired, forged or revoked one, a wrong password, or too many failed sign-ins.',
  FORBIDDEN: 'The caller is known but its role or tag scope does not allow the request.',
  GRAPHQL_PARSE_FAILED: 'The document is not GraphQL.',
  GRAPHQL_VALIDATION_FAILED: 'The document does not fit the schema (an unknown field, a literal of the wrong type, ...).',
  BAD_REQUEST: 'The HTTP request itself is malformed (body, method, content type, variables, operation name).',
  PAYLOAD_TOO_LARGE: 'The request body is over the gateway’s limit (HTTP 413).',
  SERVICE_UNAVAILABLE: 'NetRaven cannot reach its database at this moment (restarting, network): retry shortly. A query had no effect; a command may or may not have been recorded, so look before repeating one that is not idempotent.',
  INTERNAL_SERVER_ERROR: 'A failure on NetRaven’s side; the message is masked, the details are in the gateway’s log.',
};

export const isErrorCode = (value: unknown): value is ErrorCode => typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);

/** Codes the libraries below emit under another name, mapped into the enum. */
const ALIASES: Readonly<Record<string, ErrorCode>> = {
  REQUEST_ENTITY_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  OPERATION_RESOLUTION_FAILURE: 'BAD_REQUEST',
};

/** A library's code as a member of the enum; an unknown one is an internal error (and a test fails on it). */
export const toErrorCode = (value: unknown): ErrorCode =>
  isErrorCode(value) ? value : (typeof value === 'string' && ALIASES[value]) || 'INTERNAL_SERVER_ERROR';

/** The code of a domain rejection; undefined for anything else (which is masked). */
export function domainErrorCode(error: unknown): ErrorCode | undefined {
  if (error instanceof UnauthenticatedError) return 'UNAUTHENTICATED';
  if (error instanceof ForbiddenError) return 'FORBIDDEN';
  if (error instanceof ValidationError) return 'BAD_USER_INPUT';
  if (error instanceof IllegalStateError) return 'CONFLICT';
  if (error instanceof NotFoundError) return 'NOT_FOUND';
  return undefined;
}

/** Socket errors of a connection to a server that is down, restarting or unreachable. */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND']);

/**
 * True for a failure to reach the database rather than one of a statement: a refused or broken connection,
 * PostgreSQL's connection exceptions (SQLSTATE class 08) and its shutdown codes (57P01 admin shutdown, 57P02
 * crash shutdown, 57P03 cannot connect now), and pg's own "Connection terminated" (a code-less Error).
 */
export function isUnavailableFailure(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && (NETWORK_CODES.has(code) || code.startsWith('08') || /^57P0[123]$/.test(code))) return true;
  return code === undefined && /^Connection terminated( unexpectedly| due to connection timeout)?$/.test(error.message);
}
