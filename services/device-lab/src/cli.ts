#!/usr/bin/env node
// Starts a device lab and prints one JSON line per device; runs until SIGINT/SIGTERM.
import { parseArgs } from 'node:util';
import { startDeviceLab } from './device-lab.js';
import { FAULT_HELP, parseFaultSpec } from './faults/fault-spec.js';
import type { DeviceFaults, LabProtocol } from './lab-options.js';
import { DEFAULT_PLATFORM, labPlatformIds, labPlatformVariants } from './platforms/index.js';

const USAGE =
  'usage: device-lab [--devices N] [--port BASE] [--host ADDR] [--latency MS] [--platforms a,b,c]\n' +
  '                  [--protocols ssh,telnet] [--telnet-port BASE] [--exec] [--faults SPEC] [--help]';

const HELP = `${USAGE}

Simulated network devices over real SSH (and Telnet) on loopback; one JSON line per device on stdout.

  --devices N         how many devices (default 10), named lab-r1, lab-r2, ...
  --port BASE         SSH port of device i is BASE+i-1 (default: ephemeral ports)
  --host ADDR         address to listen on (default 127.0.0.1)
  --platforms a,b     platforms assigned round-robin (default ${DEFAULT_PLATFORM}; known: ${labPlatformIds().join(', ')});
                      PLATFORM:VARIANT for another release or box (${knownVariants().join(', ')})
  --protocols p,q     ssh, telnet or both (default ssh); Telnet gets its own port ("telnetPort")
  --telnet-port BASE  Telnet port of device i is BASE+i-1 (default: ephemeral ports)
  --exec              accept SSH exec requests (one command per channel)
  --latency MS        shorthand for --faults all:commandLatencyMs=MS
  --faults SPEC       faults per device: entries "WHO:FAULT[=VALUE],..." separated by ";"
                      WHO: all, a device number (1-based), a range 2-4, or a device name
                      e.g. --faults 'all:commandLatencyMs=20;2:authFailure;lab-r3:driftEveryBackups=2,garbageBytes'

Faults:
${Object.entries(FAULT_HELP).map(([name, { help }]) => `  ${name.padEnd(24)}${help}`).join('\n')}`;

function knownVariants(): string[] {
  return Object.entries(labPlatformVariants()).flatMap(([id, variants]) => variants.map((variant) => `${id}:${variant}`));
}

const { values } = parseArgs({
  options: {
    devices: { type: 'string', default: '10' },
    port: { type: 'string', default: '0' },
    host: { type: 'string', default: '127.0.0.1' },
    latency: { type: 'string', default: '0' },
    platforms: { type: 'string', default: DEFAULT_PLATFORM },
    protocols: { type: 'string', default: 'ssh' },
    'telnet-port': { type: 'string', default: '0' },
    exec: { type: 'boolean', default: false },
    faults: { type: 'string', default: '' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});

if (values.help) {
  console.log(HELP);
  process.exit(0);
}

const fail = (message: string): never => {
  console.error(`${message}\n${USAGE}`);
  process.exit(2);
};
const list = (text: string): string[] => text.split(',').map((item) => item.trim()).filter((item) => item !== '');
const isProtocol = (name: string): name is LabProtocol => name === 'ssh' || name === 'telnet';

const count = Number(values.devices);
const basePort = Number(values.port);
const telnetBasePort = Number(values['telnet-port']);
const latency = Number(values.latency);
const platforms = list(values.platforms);
const protocols = list(values.protocols);
const unknown = platforms.filter((name) => !labPlatformIds().includes(name) && !knownVariants().includes(name));
if (!Number.isInteger(count) || count < 1 || !Number.isInteger(basePort) || basePort < 0 || !(latency >= 0) || platforms.length === 0) fail('invalid arguments');
if (!Number.isInteger(telnetBasePort) || telnetBasePort < 0) fail('invalid --telnet-port');
if (unknown.length > 0) fail(`unknown platform(s): ${unknown.join(', ')}; known: ${[...labPlatformIds(), ...knownVariants()].join(', ')}`);
if (protocols.length === 0 || !protocols.every(isProtocol)) fail('--protocols takes ssh, telnet or both');

const names = Array.from({ length: count }, (_, index) => `lab-r${index + 1}`);
/** `aruba_aoscx:10.16` → the platform and its variant. */
const platformAndVariant = (name: string): { platform: string; variant?: string } => {
  const [platform = name, variant] = name.split(':');
  return variant === undefined ? { platform } : { platform, variant };
};
let faults: DeviceFaults[] = [];
try {
  faults = parseFaultSpec(values.faults, names);
} catch (error) {
  fail(`--faults: ${error instanceof Error ? error.message : String(error)}`);
}

// Devices get the platforms round-robin: --devices 4 --platforms a,b gives a, b, a, b.
const lab = await startDeviceLab({
  devices: names.map((name, index) => ({
    name,
    ...platformAndVariant(platforms[index % platforms.length] ?? DEFAULT_PLATFORM),
    faults: { ...(latency > 0 ? { commandLatencyMs: latency } : {}), ...faults[index] },
    protocols: protocols.filter(isProtocol),
    ...(values.exec ? { ssh: { exec: true } } : {}),
  })),
  basePort,
  telnetBasePort,
  host: values.host,
});
let stopping = false;
const stop = (): void => {
  if (stopping) return;
  stopping = true;
  void lab.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
// Only now: whoever reads these lines may signal at once.
for (const device of lab.devices) console.log(JSON.stringify(device));
