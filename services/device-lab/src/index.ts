export { startDeviceLab } from './device-lab.js';
export type { DeviceFaults, DeviceLab, DeviceLabOptions, LabDevice, LabDeviceSpec, LabProtocol, LabSshOptions } from './lab-options.js';
export { DEFAULT_PLATFORM, labPlatformIds, labPlatformVariants } from './platforms/index.js';
