import { builder } from './builder.js';

/** Any JSON value, as stored: event data in audit trails. Output only in practice; input is taken as given. */
builder.scalarType('JSON', {
  description: 'Any JSON value (an event’s data in an audit trail)',
  serialize: (value) => value,
  parseValue: (value) => value,
});
