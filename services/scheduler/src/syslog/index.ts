export * from './syslog-message.js';
export * from './config-change.js';
export * from './change-debounce.js';
export * from './tcp-framing.js';
export * from './sender-directory.js';
export * from './syslog-listener.js';
