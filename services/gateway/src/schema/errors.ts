import { ERROR_CODE_DESCRIPTIONS, ERROR_CODES, type ErrorCode } from '../errors/error-codes.js';
import { builder } from './builder.js';

const values = Object.fromEntries(ERROR_CODES.map((code) => [code, { description: ERROR_CODE_DESCRIPTIONS[code] }])) as Record<ErrorCode, { description: string }>;

/** Published so clients can switch on `extensions.code` against the schema; no field returns it. */
builder.enumType('ErrorCode', {
  description: 'Every `extensions.code` an error of this API carries. Invalid input also carries `extensions.field`, the input at fault.',
  values,
});
