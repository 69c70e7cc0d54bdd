import { generateHostKey, hostKeyFingerprint } from './host-key.js';
import type { DeviceFaults, DeviceLab, DeviceLabOptions, LabDevice, LabDeviceSpec, LabProtocol } from './lab-options.js';
import { recordPlanted } from './formats/planted-secrets.js';
import { DEFAULT_PLATFORM, getLabPlatform } from './platforms/index.js';
import { SimulatedDevice } from './simulation/simulated-device.js';
import { listenAsSshDevice, type ListeningDevice } from './ssh-device-server.js';
import { listenAsTelnetDevice } from './telnet-device-server.js';

const DEFAULTS = { host: '127.0.0.1', namePrefix: 'lab-r', username: 'admin', password: 'lab-pass', enablePassword: 'lab-enable' };

interface RunningDevice {
  simulated: SimulatedDevice;
  listeners: ListeningDevice[];
  public: LabDevice;
}

/** Starts simulated network devices, each reachable over real SSH (and Telnet, when asked) on its own loopback ports. */
export async function startDeviceLab(options: DeviceLabOptions = {}): Promise<DeviceLab> {
  const host = options.host ?? DEFAULTS.host;
  const specs = typeof options.devices === 'number' || options.devices === undefined
    ? Array.from({ length: options.devices ?? 1 }, (): LabDeviceSpec => ({}))
    : options.devices;
  const running = new Map<string, RunningDevice>();
  const hostKeys: Record<string, string> = {};
  const now = new Date();
  const closeAll = (): Promise<void> =>
    Promise.all([...running.values()].flatMap((device) => device.listeners.map((listener) => listener.close()))).then(() => undefined);
  try {
    for (const [index, spec] of specs.entries()) {
      const { simulated, plantedSecrets } = createDevice(spec, index, options, now);
      if (running.has(simulated.name)) throw new Error(`device lab: duplicate device name ${simulated.name}`);
      const protocols: LabProtocol[] = spec.protocols && spec.protocols.length > 0 ? [...new Set(spec.protocols)] : ['ssh'];
      const hostKey = options.hostKeys?.[simulated.name] ?? generateHostKey(simulated.name, wantsRsaKey(spec) ? 'rsa' : 'ed25519');
      hostKeys[simulated.name] = hostKey;
      const device: RunningDevice = { simulated, listeners: [], public: publicView(simulated, host, hostKey, protocols, plantedSecrets) };
      running.set(simulated.name, device);
      if (protocols.includes('ssh')) {
        const listening = await listenAsSshDevice(simulated, hostKey, host, portFor(options.basePort, index), spec.ssh);
        device.listeners.push(listening);
        device.public.port = listening.port;
      }
      if (protocols.includes('telnet')) {
        const listening = await listenAsTelnetDevice(simulated, host, portFor(options.telnetBasePort, index));
        device.listeners.push(listening);
        device.public.telnetPort = listening.port;
        if (!protocols.includes('ssh')) device.public.port = listening.port;
      }
    }
  } catch (error) {
    await closeAll();
    throw error;
  }

  const lookup = (name: string): RunningDevice => {
    const device = running.get(name);
    if (!device) throw new Error(`device lab: no device named ${name}`);
    return device;
  };
  const find = (name: string): SimulatedDevice => lookup(name).simulated;
  return {
    devices: [...running.values()].map((device) => device.public),
    hostKeys,
    setConfig: (name, text) => find(name).setConfig(text),
    driftConfig: (name) => find(name).drift(),
    getConfig: (name) => find(name).renderRunningConfig(),
    setFaults: (name, faults: DeviceFaults) => {
      find(name).faults = faults;
    },
    openConnections: (name) => {
      const devices = name === undefined ? [...running.values()] : [lookup(name)];
      return devices.reduce((total, device) => total + device.listeners.reduce((sum, listener) => sum + listener.openConnections, 0), 0);
    },
    close: closeAll,
  };
}

function portFor(basePort: number | undefined, index: number): number {
  return basePort ? basePort + index : 0;
}

/** A device told to offer only RSA host key algorithms needs an RSA key to sign with. */
function wantsRsaKey(spec: LabDeviceSpec): boolean {
  const offered = spec.ssh?.algorithms?.serverHostKey;
  return offered !== undefined && offered.length > 0 && offered.every((name) => name === 'ssh-rsa' || name.startsWith('rsa-sha2-'));
}

function publicView(simulated: SimulatedDevice, host: string, hostKey: string, protocols: LabProtocol[], plantedSecrets: string[]): LabDevice {
  return {
    name: simulated.name,
    host,
    port: 0,
    protocols,
    platform: simulated.profile.id,
    ...(simulated.profile.variant === undefined ? {} : { variant: simulated.profile.variant }),
    username: simulated.username,
    password: simulated.password,
    ...(simulated.enablePassword === undefined ? {} : { enablePassword: simulated.enablePassword }),
    hostKeyFingerprint: hostKeyFingerprint(hostKey),
    model: simulated.box.identity.model,
    serial: simulated.box.identity.serial,
    osVersion: simulated.box.identity.osVersion,
    plantedSecrets,
  };
}

function createDevice(spec: LabDeviceSpec, index: number, options: DeviceLabOptions, now: Date): { simulated: SimulatedDevice; plantedSecrets: string[] } {
  const platforms = options.platforms ?? [];
  const profile = getLabPlatform(spec.platform ?? platforms[index % Math.max(1, platforms.length)] ?? DEFAULT_PLATFORM, spec.variant);
  const name = spec.name ?? `${options.namePrefix ?? DEFAULTS.namePrefix}${index + 1}`;
  const username = spec.username ?? options.username ?? DEFAULTS.username;
  const password = spec.password ?? options.password ?? DEFAULTS.password;
  const labEnablePassword = options.enablePassword ?? (profile.enable?.passwordByDefault ? DEFAULTS.enablePassword : undefined);
  const enablePassword = profile.enable === undefined || spec.enablePassword === null ? undefined : spec.enablePassword ?? labEnablePassword;
  const box = profile.createBox(index, now);
  const generated = spec.config === undefined
    ? recordPlanted(() => box.defaultConfig({ hostname: name, index, username, ...(enablePassword === undefined ? {} : { enablePassword }) }))
    : { result: spec.config, planted: [] };
  const config = generated.result;
  const simulated = new SimulatedDevice({
    name,
    profile,
    box,
    username,
    password,
    ...(enablePassword === undefined ? {} : { enablePassword }),
    privilegedAtLogin: profile.enable === undefined || spec.enablePassword === null,
    config,
    faults: { ...spec.faults },
  });
  // A value a generator made but the config prints differently (a prefix cut off) is not in it to leak.
  return { simulated, plantedSecrets: [...new Set(generated.planted)].filter((secret) => config.includes(secret)) };
}
