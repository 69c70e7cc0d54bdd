import { createConnection } from 'node:net';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { startDeviceLab, type DeviceLab, type LabDevice } from '../src/index.js';
import { connectRaw } from './raw-shell.js';

const it = suite('SSH sessions on the device lab');
let lab: DeviceLab;
let r1: LabDevice;

it.before(async () => {
  lab = await startDeviceLab({
    devices: [
      {},
      { name: 'priv-only', enablePassword: null },
      { name: 'aaa', faults: { keyboardInteractiveOnly: true } },
      { name: 'wedged', faults: { hangOnConnect: true } },
    ],
  });
  r1 = lab.devices[0] as LabDevice;
});
it.after(async () => {
  await lab.close();
});

it('serves each device on its own loopback port with its own host key', () => {
  const ports = new Set(lab.devices.map((device) => device.port));
  assert.is(ports.size, lab.devices.length);
  assert.ok(lab.devices.every((device) => device.host === '127.0.0.1' && device.platform === 'cisco_ios'));
  assert.is(new Set(lab.devices.map((device) => device.hostKeyFingerprint)).size, lab.devices.length);
  assert.match(r1.hostKeyFingerprint, /^SHA256:[A-Za-z0-9+/]{43}$/);
});

it('shows the MOTD, then a user exec prompt; enable asks for the password without echoing it', async () => {
  const shell = await connectRaw(r1, { password: r1.password });
  try {
    await shell.waitFor(/lab-r1>$/);
    assert.match(shell.transcript, /Authorized access only\./);
    const before = shell.transcript.length;
    shell.send('enable\n');
    await shell.waitFor(/enable\r\nPassword: $/, { from: before });
    shell.send(`${r1.enablePassword}\n`);
    const after = await shell.waitFor(/\r\nlab-r1#$/, { from: before });
    assert.not.ok(after.includes(r1.enablePassword ?? '?'), 'the enable password must not be echoed');
  } finally {
    shell.end();
  }
});

it('refuses a wrong enable password three times, then says % Bad secrets', async () => {
  const shell = await connectRaw(r1, { password: r1.password });
  try {
    await shell.waitFor(/lab-r1>$/);
    shell.send('enable\nwrong1\nwrong2\nwrong3\n');
    await shell.waitFor(/Password: \r\nPassword: \r\nPassword: \r\n% Bad secrets\r\n\r\nlab-r1>$/);
  } finally {
    shell.end();
  }
});

it('pages every screen behind --More-- and wipes the pager with backspaces; q stops', async () => {
  const shell = await connectRaw(r1, { password: r1.password });
  try {
    await shell.waitFor(/lab-r1>$/);
    shell.send(`enable\n${r1.enablePassword}\n`);
    await shell.waitFor(/lab-r1#$/);
    const start = shell.transcript.length;
    shell.send('show running-config\n');
    const firstScreen = (await shell.waitFor(/ --More-- $/, { from: start })).slice(start);
    assert.is(firstScreen.split('\r\n').length - 2, 23, 'echo line, 23 lines of output, then the pager');
    shell.send(' ');
    const wipe = `${'\b'.repeat(10)}${' '.repeat(10)}${'\b'.repeat(10)}`;
    await shell.waitFor(new RegExp(` --More-- ${wipe}[^]* --More-- $`), { from: start });
    shell.send('q');
    await shell.waitFor(/lab-r1#$/, { from: shell.transcript.length - 12 });
    assert.not.match(shell.transcript.slice(start), /\nend\r\n/);
  } finally {
    shell.end();
  }
});

it('prints everything at once after terminal length 0, starting with Building configuration...', async () => {
  const shell = await connectRaw(r1, { password: r1.password });
  try {
    await shell.waitFor(/lab-r1>$/);
    shell.send(`enable\n${r1.enablePassword}\nterminal length 0\n`);
    await shell.waitFor(/terminal length 0\r\nlab-r1#$/);
    const start = shell.transcript.length;
    shell.send('show running-config\n');
    const output = (await shell.waitFor(/\r\nend\r\n\r\nlab-r1#$/, { from: start })).slice(start);
    assert.not.match(output, /--More--/);
    assert.match(output, /^show running-config\r\nBuilding configuration\.\.\.\r\n\r\nCurrent configuration : \d+ bytes\r\n/);
  } finally {
    shell.end();
  }
});

it('answers wrong commands like IOS, caret under the bad word', async () => {
  const shell = await connectRaw(r1, { password: r1.password });
  try {
    await shell.waitFor(/lab-r1>$/);
    let start = shell.transcript.length;
    shell.send('show running-config\n');
    let output = (await shell.waitFor(/lab-r1>$/, { from: start })).slice(start);
    assert.is(output, `show running-config\r\n${' '.repeat('lab-r1>show '.length)}^\r\n% Invalid input detected at '^' marker.\r\n\r\nlab-r1>`);
    start = shell.transcript.length;
    shell.send('frobnicate\n');
    output = (await shell.waitFor(/lab-r1>$/, { from: start })).slice(start);
    assert.match(output, /^frobnicate\r\n% Unknown command or computer name, or unable to find computer address\r\nlab-r1>$/);
  } finally {
    shell.end();
  }
});

it('shows facts in show version and closes the session on exit', async () => {
  const shell = await connectRaw(r1, { password: r1.password });
  try {
    await shell.waitFor(/lab-r1>$/);
    shell.send('terminal length 0\nshow version\n');
    const output = await shell.waitFor(/Configuration register is 0x2102\r\n\r\nlab-r1>$/);
    assert.match(output, new RegExp(`lab-r1 uptime is \\d+ \\w+`));
    assert.match(output, new RegExp(`Processor board ID ${r1.serial}`));
    assert.match(output, new RegExp(`Cisco ${r1.model.replace('/', '\\/')} \\(revision`));
    assert.match(output, new RegExp(`Version ${r1.osVersion.replace(/[()]/g, '\\$&')}, RELEASE`));
    shell.send('exit\n');
    await shell.closed();
  } finally {
    shell.end();
  }
});

it('lets a device land directly in privileged mode', async () => {
  const device = lab.devices.find((candidate) => candidate.name === 'priv-only') as LabDevice;
  assert.is(device.enablePassword, undefined);
  const shell = await connectRaw(device, { password: device.password });
  try {
    await shell.waitFor(/priv-only#$/);
  } finally {
    shell.end();
  }
});

it('rejects a wrong password', async () => {
  try {
    await connectRaw(r1, { password: 'not-the-password' });
    assert.unreachable('login should fail');
  } catch (error) {
    assert.match(String(error), /authentication methods failed/);
  }
});

it('offers only keyboard-interactive when told to', async () => {
  const device = lab.devices.find((candidate) => candidate.name === 'aaa') as LabDevice;
  try {
    await connectRaw(device, { password: device.password });
    assert.unreachable('password auth should be refused');
  } catch (error) {
    assert.match(String(error), /authentication methods failed/);
  }
  const shell = await connectRaw(device, { keyboardInteractive: device.password });
  try {
    await shell.waitFor(/aaa>$/);
  } finally {
    shell.end();
  }
});

it('keeps a wedged device silent after the TCP handshake', async () => {
  const device = lab.devices.find((candidate) => candidate.name === 'wedged') as LabDevice;
  const received = await new Promise<number>((resolve, reject) => {
    const socket = createConnection({ host: device.host, port: device.port });
    let bytes = 0;
    socket.on('data', (chunk) => (bytes += chunk.length));
    socket.on('error', reject);
    socket.on('connect', () => setTimeout(() => (socket.destroy(), resolve(bytes)), 300));
  });
  assert.is(received, 0);
});

it('applies command latency', async () => {
  lab.setFaults('lab-r1', { commandLatencyMs: 150 });
  const shell = await connectRaw(r1, { password: r1.password });
  try {
    await shell.waitFor(/lab-r1>$/);
    const started = performance.now();
    const start = shell.transcript.length;
    shell.send('show clock\n');
    await shell.waitFor(/UTC \w{3} \w{3} \d+ \d{4}\r\nlab-r1>$/, { from: start });
    assert.ok(performance.now() - started >= 140, 'answered too early');
  } finally {
    shell.end();
    lab.setFaults('lab-r1', {});
  }
});

it.run();
