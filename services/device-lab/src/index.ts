export { startDeviceLab } from './device-lab.js';
export type { DeviceFaults, DeviceLab, DeviceLabOptions, LabDevice, LabDeviceSpec } from './lab-options.js';
export { DEFAULT_PLATFORM, labPlatformIds } from './platforms/index.js';
