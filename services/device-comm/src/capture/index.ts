export { captureDevice, type CaptureOptions, type CaptureTarget, type DeviceCapture } from './capture-device.js';
export { tryLogin, type LoginCheck } from './try-login.js';
export { openCommandChannel, type DeviceProtocol, type OpenedChannel } from './open-channel.js';
export type { CaptureLogLevel, CaptureLogLine } from './capture-log.js';
export { cleanConfig } from './config-cleaner.js';
export { redactSecrets } from './secret-redactor.js';
export { runShowCommands, type CommandRun } from './run-commands.js';
export { applyConfigPolicy, type ConfigPolicy } from './policy-rules.js';
