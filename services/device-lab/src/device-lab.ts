import { defaultRunningConfig } from './cisco-ios/default-running-config.js';
import { ciscoIdentityFor } from './cisco-ios/identity.js';
import { SimulatedCiscoDevice } from './cisco-ios/simulated-cisco-device.js';
import { generateHostKey, hostKeyFingerprint } from './host-key.js';
import type { DeviceFaults, DeviceLab, DeviceLabOptions, LabDevice, LabDeviceSpec } from './lab-options.js';
import { listenAsSshDevice, type ListeningDevice } from './ssh-device-server.js';

const DEFAULTS = { host: '127.0.0.1', namePrefix: 'lab-r', username: 'admin', password: 'lab-pass', enablePassword: 'lab-enable' };

interface RunningDevice {
  simulated: SimulatedCiscoDevice;
  listening: ListeningDevice;
  public: LabDevice;
}

/** Starts simulated Cisco IOS devices, each reachable over real SSH on its own loopback port. */
export async function startDeviceLab(options: DeviceLabOptions = {}): Promise<DeviceLab> {
  const host = options.host ?? DEFAULTS.host;
  const specs = typeof options.devices === 'number' || options.devices === undefined
    ? Array.from({ length: options.devices ?? 1 }, (): LabDeviceSpec => ({}))
    : options.devices;
  const running = new Map<string, RunningDevice>();
  const hostKeys: Record<string, string> = {};
  const now = new Date();
  try {
    for (const [index, spec] of specs.entries()) {
      const simulated = createDevice(spec, index, options, now);
      if (running.has(simulated.name)) throw new Error(`device lab: duplicate device name ${simulated.name}`);
      const hostKey = options.hostKeys?.[simulated.name] ?? generateHostKey(simulated.name);
      const port = options.basePort ? options.basePort + index : 0;
      const listening = await listenAsSshDevice(simulated, hostKey, host, port);
      hostKeys[simulated.name] = hostKey;
      running.set(simulated.name, {
        simulated,
        listening,
        public: {
          name: simulated.name,
          host,
          port: listening.port,
          platform: 'cisco_ios',
          username: simulated.username,
          password: simulated.password,
          ...(simulated.enablePassword === undefined ? {} : { enablePassword: simulated.enablePassword }),
          hostKeyFingerprint: hostKeyFingerprint(hostKey),
          model: simulated.identity.model,
          serial: simulated.identity.serial,
          osVersion: simulated.identity.version,
        },
      });
    }
  } catch (error) {
    await Promise.all([...running.values()].map((device) => device.listening.close()));
    throw error;
  }

  const lookup = (name: string): RunningDevice => {
    const device = running.get(name);
    if (!device) throw new Error(`device lab: no device named ${name}`);
    return device;
  };
  const find = (name: string): SimulatedCiscoDevice => lookup(name).simulated;
  return {
    devices: [...running.values()].map((device) => device.public),
    hostKeys,
    setConfig: (name, text) => find(name).setConfig(text),
    driftConfig: (name) => find(name).drift(),
    getConfig: (name) => find(name).renderRunningConfig(),
    setFaults: (name, faults: DeviceFaults) => {
      find(name).faults = { ...faults };
    },
    openConnections: (name) => {
      const devices = name === undefined ? [...running.values()] : [lookup(name)];
      return devices.reduce((total, device) => total + device.listening.openConnections, 0);
    },
    close: async () => {
      await Promise.all([...running.values()].map((device) => device.listening.close()));
    },
  };
}

function createDevice(spec: LabDeviceSpec, index: number, options: DeviceLabOptions, now: Date): SimulatedCiscoDevice {
  const name = spec.name ?? `${options.namePrefix ?? DEFAULTS.namePrefix}${index + 1}`;
  const username = spec.username ?? options.username ?? DEFAULTS.username;
  const password = spec.password ?? options.password ?? DEFAULTS.password;
  const enablePassword =
    spec.enablePassword === null ? undefined : spec.enablePassword ?? options.enablePassword ?? DEFAULTS.enablePassword;
  const identity = ciscoIdentityFor(index, now);
  const config =
    spec.config ??
    defaultRunningConfig({
      hostname: name,
      index,
      identity,
      username,
      ...(enablePassword === undefined ? {} : { enablePassword }),
    });
  return new SimulatedCiscoDevice({
    name,
    username,
    password,
    ...(enablePassword === undefined ? {} : { enablePassword }),
    identity,
    config,
    faults: { ...spec.faults },
  });
}
