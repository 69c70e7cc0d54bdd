#!/usr/bin/env node
// Starts a device lab and prints one JSON line per device; runs until SIGINT/SIGTERM.
import { parseArgs } from 'node:util';
import { startDeviceLab } from './device-lab.js';
import { DEFAULT_PLATFORM, labPlatformIds } from './platforms/index.js';

const USAGE = 'usage: device-lab [--devices N] [--port BASE] [--host ADDR] [--latency MS] [--platforms a,b,c]';

const { values } = parseArgs({
  options: {
    devices: { type: 'string', default: '10' },
    port: { type: 'string', default: '0' },
    host: { type: 'string', default: '127.0.0.1' },
    latency: { type: 'string', default: '0' },
    platforms: { type: 'string', default: DEFAULT_PLATFORM },
  },
});

const count = Number(values.devices);
const basePort = Number(values.port);
const latency = Number(values.latency);
const platforms = values.platforms.split(',').map((id) => id.trim()).filter((id) => id !== '');
const unknown = platforms.filter((id) => !labPlatformIds().includes(id));
if (!Number.isInteger(count) || count < 1 || !Number.isInteger(basePort) || basePort < 0 || !(latency >= 0) || platforms.length === 0) {
  console.error(USAGE);
  process.exit(2);
}
if (unknown.length > 0) {
  console.error(`unknown platform(s): ${unknown.join(', ')}; known: ${labPlatformIds().join(', ')}\n${USAGE}`);
  process.exit(2);
}

// Devices get the platforms round-robin: --devices 4 --platforms a,b gives a, b, a, b.
const lab = await startDeviceLab({
  devices: Array.from({ length: count }, () => ({ faults: { commandLatencyMs: latency } })),
  platforms,
  basePort,
  host: values.host,
});
for (const device of lab.devices) console.log(JSON.stringify(device));

let stopping = false;
const stop = (): void => {
  if (stopping) return;
  stopping = true;
  void lab.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
