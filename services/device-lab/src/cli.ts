#!/usr/bin/env node
// Starts a device lab and prints one JSON line per device; runs until SIGINT/SIGTERM.
import { parseArgs } from 'node:util';
import { startDeviceLab } from './device-lab.js';

const { values } = parseArgs({
  options: {
    devices: { type: 'string', default: '10' },
    port: { type: 'string', default: '0' },
    host: { type: 'string', default: '127.0.0.1' },
    latency: { type: 'string', default: '0' },
  },
});

const count = Number(values.devices);
const basePort = Number(values.port);
const latency = Number(values.latency);
if (!Number.isInteger(count) || count < 1 || !Number.isInteger(basePort) || basePort < 0 || !(latency >= 0)) {
  console.error('usage: device-lab [--devices N] [--port BASE] [--host ADDR] [--latency MS]');
  process.exit(2);
}

const lab = await startDeviceLab({
  devices: Array.from({ length: count }, () => ({ faults: { commandLatencyMs: latency } })),
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
