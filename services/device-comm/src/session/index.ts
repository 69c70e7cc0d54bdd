export { CliSession, type CliDialect, type CliSessionOptions, type LineOutcome } from './cli-session.js';
export { classifyConnectionError } from './connection-failure.js';
export { DeviceCommError, isDeviceCommError } from './device-comm-error.js';
export { PromptDetector } from './prompt-detector.js';
export { openSshConnection, sshFingerprint, type HostKeyVerifier, type SshConnectOptions, type SshConnection } from './ssh-connection.js';
export { stripAnsi, TerminalText } from './terminal-text.js';
