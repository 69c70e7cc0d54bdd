export { startDeviceLab } from './device-lab.js';
export type { DeviceFaults, DeviceLab, DeviceLabOptions, LabDevice, LabDeviceSpec } from './lab-options.js';
