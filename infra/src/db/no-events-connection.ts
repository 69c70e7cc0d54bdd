/**
 * The `application_name` suffix of connections that never append events (the read models' pool). A gap-free reader of
 * the event log waits below every transaction still in flight that could append events; a transaction of a
 * connection whose name ends with this suffix cannot (a statement trigger on `eventstore.events` refuses it), so
 * readers do not wait for it: a projector's batch transaction no longer holds back every other subscription's read.
 * Nothing may `SET application_name` on such a connection.
 */
export const NO_EVENTS_SUFFIX = '[no events]';

export const READ_MODELS_APPLICATION_NAME = `netraven read models ${NO_EVENTS_SUFFIX}`;
