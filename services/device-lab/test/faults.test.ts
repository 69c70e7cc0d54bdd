import ssh2 from 'ssh2';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { startDeviceLab, type DeviceLab, type LabDevice } from '../src/index.js';
import { connectRaw, type RawShell } from './raw-shell.js';

const it = suite('faults on demand');
let lab: DeviceLab;

const device = (name: string): LabDevice => {
  const found = lab.devices.find((candidate) => candidate.name === name);
  if (!found) throw new Error(`no lab device ${name}`);
  return found;
};

/** Logs in, takes the enable step and turns paging off, as a client would. */
async function privileged(name: string, pagingOff = true): Promise<RawShell> {
  const target = device(name);
  const shell = await connectRaw(target, { password: target.password });
  await shell.waitFor(new RegExp(`${name}>$`));
  shell.send(`enable\n${target.enablePassword}\n${pagingOff ? 'terminal length 0\n' : ''}`);
  await shell.waitFor(new RegExp(pagingOff ? `terminal length 0\\r\\n${name}#$` : `${name}#$`));
  return shell;
}

async function showRunningConfig(shell: RawShell, name: string): Promise<string> {
  const start = shell.transcript.length;
  shell.send('show running-config\n');
  return (await shell.waitFor(new RegExp(`\\r\\nend\\r\\n\\r\\n${name}#$`), { from: start })).slice(start);
}

/** `exec` on a fresh connection: the output and the exit code. */
function exec(target: LabDevice, command: string, algorithms?: ssh2.Algorithms): Promise<{ output: string; code: number | null }> {
  const client = new ssh2.Client();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => (client.destroy(), reject(new Error('exec timed out'))), 3_000);
    client.on('error', (error) => (clearTimeout(timer), reject(error)));
    client.on('ready', () =>
      client.exec(command, (error, channel) => {
        if (error) return (clearTimeout(timer), client.end(), reject(error));
        let output = '';
        let code: number | null = null;
        channel.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
        channel.on('exit', (exitCode: number | null) => (code = exitCode));
        channel.on('close', () => (clearTimeout(timer), client.end(), resolve({ output, code })));
      }),
    );
    client.connect({ host: target.host, port: target.port, username: target.username, password: target.password, ...(algorithms ? { algorithms } : {}) });
  });
}

it.before(async () => {
  lab = await startDeviceLab({
    devices: [
      { name: 'locked', faults: { authFailure: true } },
      { name: 'mute', faults: { hangAfterLogin: true } },
      { name: 'endless', faults: { endlessPager: true } },
      { name: 'noisy', enablePassword: null, faults: { garbageBytes: true } },
      { name: 'big', faults: { hugeConfig: 1024 * 1024 } },
      { name: 'drifty', faults: { driftEveryBackups: 2 } },
      { name: 'exec', enablePassword: null, ssh: { exec: true } },
      { name: 'old', ssh: { algorithms: { kex: ['diffie-hellman-group14-sha1'], cipher: ['3des-cbc'], hmac: ['hmac-sha1'], serverHostKey: ['ssh-rsa'] } } },
    ],
  });
});
it.after(async () => {
  await lab.close();
});

it('authFailure: the right password is refused too, by both methods', async () => {
  const target = device('locked');
  for (const auth of [{ password: target.password }, { keyboardInteractive: target.password }]) {
    try {
      await connectRaw(target, auth);
      assert.unreachable('login should fail');
    } catch (error) {
      assert.match(String(error), /authentication methods failed/);
    }
  }
});

it('hangAfterLogin: the banner, then nothing at all, even when spoken to', async () => {
  const shell = await connectRaw(device('mute'), { password: device('mute').password });
  try {
    await shell.waitFor(/authorized user\.\r\n\r\n$/);
    const seen = shell.transcript.length;
    shell.send('\nshow version\n');
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.is(shell.transcript.length, seen);
  } finally {
    shell.end();
  }
});

it('endlessPager: --More-- forever, starting the config again from the top, whatever terminal length says', async () => {
  const shell = await privileged('endless');
  try {
    const start = shell.transcript.length;
    shell.send('show running-config\n');
    await shell.waitFor(/ --More-- $/, { from: start });
    for (let page = 0; page < 12; page += 1) {
      const before = shell.transcript.length;
      shell.send(' ');
      await shell.waitFor(/ --More-- $/, { from: before });
    }
    const output = shell.transcript.slice(start);
    assert.ok((output.match(/\r\nhostname endless\r\n/g) ?? []).length >= 2, 'the config starts over');
    assert.ok((output.match(/\r\nend\r\n/g) ?? []).length >= 1, 'past the end and on');
  } finally {
    shell.end();
  }
});

it('garbageBytes: bytes that are not UTF-8 and stray escapes, yet the text underneath is all there', async () => {
  const target = device('noisy');
  const shell = await connectRaw(target, { password: target.password });
  // What a terminal shows: escapes and the characters no terminal prints taken out.
  const shown = (): string =>
    shell.transcript
      .replace(/\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07]*\x07|[()][0-9A-Za-z]|[0-Z\\^_`-~])/g, '')
      .replace(/[\x00-\x07\x0e-\x1f\x7f\ufffd]/g, '');
  try {
    shell.send('terminal length 0\nshow running-config\n');
    const deadline = Date.now() + 2_000;
    while (!/\r\nend\r\n\r\nnoisy#$/.test(shown()) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    const bytes = shell.bytes;
    assert.not.ok(Buffer.from(bytes.toString('utf8'), 'utf8').equals(bytes), 'some bytes are not UTF-8');
    assert.match(shell.transcript, /\x1b\[/);
    // The clock period and the NVRAM stamp differ on every print.
    const stable = (text: string): string => text.replace(/^(?:ntp clock-period|! NVRAM config last updated).*\r?\n/gm, '');
    const printed = stable(lab.getConfig('noisy').replace(/\n/g, '\r\n'));
    assert.ok(stable(shown()).includes(printed.slice(printed.indexOf('!\r\nversion'))), 'the config is there once the junk is gone');
    assert.match(shown(), /^\r\nAuthorized access only\./);
  } finally {
    shell.end();
  }
});

it('hugeConfig: the config grows to the size asked for and still ends like a config', () => {
  const config = lab.getConfig('big');
  assert.ok(Buffer.byteLength(config) >= 1024 * 1024 && Buffer.byteLength(config) < 1024 * 1024 + 8192, `${Buffer.byteLength(config)} bytes`);
  assert.match(config, /\nhostname big\n! capacity test 0000001: /);
  assert.match(config, /\nend\n+$/);
});

it('driftEveryBackups: a change after every second print of the config, and setFaults starts counting again', async () => {
  // Each drift adds one line that is either a numbered description or a new list entry.
  const driftLines = (config: string): number => (config.match(/\(change \d+\)|access-list 10 permit 10\.20\./g) ?? []).length;
  const before = driftLines(lab.getConfig('drifty'));
  const changes = async (prints: number): Promise<number[]> => {
    const shell = await privileged('drifty');
    try {
      const counts: number[] = [];
      for (let print = 0; print < prints; print += 1) counts.push(driftLines(await showRunningConfig(shell, 'drifty')) - before);
      return counts;
    } finally {
      shell.end();
    }
  };
  assert.equal(await changes(5), [0, 0, 1, 1, 2]);
  lab.setFaults('drifty', { driftEveryBackups: 2 });
  assert.equal(await changes(3), [2, 2, 3], 'counting starts again: the fifth print did not drift, the second after the reset did');
});

it('exec requests: one command, no banner, no prompt, then the channel closes with status 0', async () => {
  const { output, code } = await exec(device('exec'), 'show version');
  assert.is(code, 0);
  assert.match(output, /^Cisco IOS Software/);
  assert.match(output, /Configuration register is 0x2102\r\n\r\n$/);
  const stable = (text: string): string =>
    text.replace(/\r\n/g, '\n').split('\n').filter((line) => !/^(! NVRAM config last updated|ntp clock-period)/.test(line)).join('\n');
  const config = await exec(device('exec'), 'show running-config');
  assert.is(config.code, 0);
  assert.fixture(stable(config.output), stable(lab.getConfig('exec')));
});

it('exec requests are refused unless the device is told to accept them', async () => {
  try {
    await exec(device('locked'), 'show version');
    assert.unreachable('should not get this far');
  } catch (error) {
    assert.match(String(error), /authentication methods failed/);
  }
  lab.setFaults('locked', {});
  try {
    await exec(device('locked'), 'show version');
    assert.unreachable('exec should be refused');
  } catch (error) {
    assert.match(String(error), /Unable to exec/);
  } finally {
    lab.setFaults('locked', { authFailure: true });
  }
});

it('legacy algorithms: only those are offered, with an RSA host key', async () => {
  const old = device('old');
  try {
    await exec(old, 'show version');
    assert.unreachable('a modern client should find nothing in common');
  } catch (error) {
    assert.match(String(error), /no matching key exchange algorithm/);
  }
  const legacy: ssh2.Algorithms = { kex: ['diffie-hellman-group14-sha1'], cipher: ['3des-cbc'], hmac: ['hmac-sha1'], serverHostKey: ['ssh-rsa'] };
  const shell = await connectRaw(old, { password: old.password }, 3_000, legacy);
  try {
    await shell.waitFor(/old>$/);
  } finally {
    shell.end();
  }
});

it.run();
