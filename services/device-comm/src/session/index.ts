export { CliSession, type CliDialect, type CliSessionOptions, type LineOutcome } from './cli-session.js';
export { classifyConnectionError } from './connection-failure.js';
export { CommandRejectedError, DeviceCommError, isDeviceCommError } from './device-comm-error.js';
export { DEFAULT_OUTPUT_LIMITS, type OutputLimits } from './output-limits.js';
export { PromptDetector } from './prompt-detector.js';
export {
  openSshConnection, sshFingerprint, type HostKeyVerifier, type SshAlgorithms, type SshConnectOptions, type SshConnection,
} from './ssh-connection.js';
export { SshExecChannel, type SshExecOptions } from './ssh-exec.js';
export { openSshShell } from './ssh-shell.js';
export { TelnetCodec, type TelnetWindow } from './telnet/telnet-codec.js';
export { telnetLogin } from './telnet/telnet-login.js';
export { openTelnet, type TelnetConnectOptions } from './telnet/telnet-transport.js';
export type { CliTransport, CommandChannel } from './transport.js';
export { stripAnsi, TerminalText } from './terminal-text.js';
