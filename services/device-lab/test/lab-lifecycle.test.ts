import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { generateHostKey, hostKeyFingerprint } from '../src/host-key.js';
import { startDeviceLab } from '../src/index.js';

const it = suite('device lab lifecycle');

async function freePortRange(size: number): Promise<number> {
  for (let attempt = 0; attempt < 20; attempt += 1) {
    const base = 20_000 + Math.floor(Math.random() * 30_000);
    const servers = [];
    try {
      for (let offset = 0; offset < size; offset += 1) {
        const server = createServer();
        await new Promise<void>((resolve, reject) => {
          server.once('error', reject);
          server.listen(base + offset, '127.0.0.1', () => resolve());
        });
        servers.push(server);
      }
      return base;
    } catch {
      continue;
    } finally {
      await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
    }
  }
  throw new Error('no free port range');
}

it('listens on consecutive ports from a base port', async () => {
  const base = await freePortRange(3);
  const lab = await startDeviceLab({ devices: 3, basePort: base });
  try {
    assert.equal(lab.devices.map((device) => device.port), [base, base + 1, base + 2]);
  } finally {
    await lab.close();
  }
});

it('keeps host key fingerprints when restarted with the same keys', async () => {
  const first = await startDeviceLab({ devices: 2 });
  const fingerprints = first.devices.map((device) => device.hostKeyFingerprint);
  const keys = first.hostKeys;
  await first.close();
  const second = await startDeviceLab({ devices: 2, hostKeys: keys });
  try {
    assert.equal(second.devices.map((device) => device.hostKeyFingerprint), fingerprints);
  } finally {
    await second.close();
  }
});

it('always generates host keys that ssh2 can load (works around its ed25519 zero-byte bug)', async () => {
  const keys = Array.from({ length: 600 }, (_, index) => generateHostKey(`k${index}`));
  for (const key of keys) assert.match(hostKeyFingerprint(key), /^SHA256:/);
});

it('runs from the command line, prints one JSON line per device, and stops on SIGTERM', async () => {
  const cli = fileURLToPath(new URL('../src/cli.ts', import.meta.url));
  const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', cli, '--devices', '2'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const deadline = Date.now() + 15_000;
  while (output.split('\n').filter(Boolean).length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  child.kill('SIGTERM');
  const code = await Promise.race([exited, new Promise<'hung'>((r) => setTimeout(() => r('hung'), 5_000))]);
  if (code === 'hung') child.kill('SIGKILL');
  const devices = output.split('\n').filter(Boolean).map((line) => JSON.parse(line) as { name: string; port: number });
  assert.equal(devices.map((device) => device.name), ['lab-r1', 'lab-r2']);
  assert.ok(devices.every((device) => device.port > 0));
  assert.is(code, 0);
});

it('assigns --platforms round-robin from the command line, and refuses unknown ones', async () => {
  const cli = fileURLToPath(new URL('../src/cli.ts', import.meta.url));
  const run = (...args: string[]) =>
    spawn(process.execPath, ['--conditions=source', '--import', 'tsx', cli, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  const refused = run('--platforms', 'cisco_nxos,cisco_wlc');
  let complaint = '';
  refused.stderr.on('data', (chunk: Buffer) => (complaint += chunk.toString()));
  const refusedCode = await new Promise<number | null>((resolve) => refused.on('exit', (code) => resolve(code)));
  assert.is(refusedCode, 2);
  assert.match(complaint, /unknown platform\(s\): cisco_wlc; known: cisco_ios, /);

  const child = run('--devices', '3', '--platforms', 'cisco_nxos,arista_eos');
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const deadline = Date.now() + 15_000;
  while (output.split('\n').filter(Boolean).length < 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  child.kill('SIGTERM');
  assert.is(await exited, 0);
  const devices = output.split('\n').filter(Boolean).map((line) => JSON.parse(line) as { platform: string });
  assert.equal(devices.map((device) => device.platform), ['cisco_nxos', 'arista_eos', 'cisco_nxos']);
});

it.run();
