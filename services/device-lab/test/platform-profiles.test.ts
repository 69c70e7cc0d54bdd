import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { labPlatformIds, startDeviceLab, type DeviceLab, type LabDevice } from '../src/index.js';
import { connectRaw, type RawShell } from './raw-shell.js';
import { WIRE, type WireLook } from './wire-looks.js';

const it = suite('each simulated platform on the wire');
let lab: DeviceLab;
const escape = (text: string): string => text.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
// Cursor moves and mode switches some CLIs draw after their prompt (HP ProCurve).
const TRAILING_ESCAPES = String.raw`(?:\x1b\[[0-9;?]*[A-Za-z])*$`;
const promptAtEnd = (prompt: string, before = ''): RegExp => new RegExp(`${before}${escape(prompt)}${TRAILING_ESCAPES}`);
/** What a terminal shows of it: no escapes, no carriage return that does not end a line. */
const visible = (text: string): string => text.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '').replace(/\r(?!\n)/g, '');

it.before(async () => {
  lab = await startDeviceLab({ devices: labPlatformIds().length, platforms: labPlatformIds() });
});
it.after(async () => {
  await lab.close();
});

async function privilegedShell(device: LabDevice, look: WireLook): Promise<RawShell> {
  const shell = await connectRaw({ ...device, username: `${device.username}${look.loginOptions ?? ''}` }, { password: device.password });
  if (look.gate !== undefined) {
    await shell.waitFor(new RegExp(`${escape(look.gate)}${TRAILING_ESCAPES}`));
    shell.send(' ');
  }
  await shell.waitFor(promptAtEnd(look.loginPrompt));
  if (look.loginPrompt === look.privilegedPrompt) return shell;
  const start = shell.transcript.length;
  shell.send('enable\n');
  if (device.enablePassword !== undefined) {
    await shell.waitFor(/Password: $/, { from: start });
    shell.send(`${device.enablePassword}\n`);
  }
  await shell.waitFor(promptAtEnd(look.privilegedPrompt), { from: start });
  return shell;
}

async function turnPagingOff(shell: RawShell, look: WireLook): Promise<void> {
  for (const command of look.pagingOff ?? []) {
    const start = shell.transcript.length;
    shell.send(`${command}\n`);
    // FortiOS changes its prompt on the way (`(console) #`), so any prompt ending will do.
    await shell.waitFor(new RegExp(`${escape(command)}\r\n[^]*(?:[#>$]|\\]) ?${TRAILING_ESCAPES}`), { from: start });
  }
}

it('covers every platform the lab knows, round-robin', () => {
  assert.equal(lab.devices.map((device) => device.platform), labPlatformIds());
  assert.equal(Object.keys(WIRE).sort(), [...labPlatformIds()].sort());
});

for (const platform of labPlatformIds()) {
  const look = (): WireLook => {
    const expected = WIRE[platform];
    if (!expected) throw new Error(`no wire look for ${platform}`);
    return expected;
  };
  const device = (): LabDevice => lab.devices.find((candidate) => candidate.platform === platform) as LabDevice;

  it(`${platform}: logs in, reaches privileged mode and answers a bad command in the vendor's words`, async () => {
    const shell = await privilegedShell(device(), look());
    try {
      const start = shell.transcript.length;
      shell.send('show bogus\n');
      const output = (await shell.waitFor(promptAtEnd(look().privilegedPrompt), { from: start })).slice(start);
      assert.match(output, look().badCommandError);
    } finally {
      shell.end();
    }
  });

  const pager = WIRE[platform]?.pager;
  if (pager !== undefined) {
    it(`${platform}: pages the config behind its pager and wipes the pager after a key`, async () => {
      const shell = await privilegedShell(device(), look());
      try {
        const start = shell.transcript.length;
        shell.send(`${look().configCommand}\n`);
        await shell.waitFor(new RegExp(`${escape(pager.prompt)}$`), { from: start });
        shell.send(' ');
        await shell.waitFor(new RegExp(`${escape(pager.prompt)}${escape(pager.wipe)}`), { from: start });
        shell.send('q');
        await shell.waitFor(promptAtEnd(look().privilegedPrompt), { from: start });
      } finally {
        shell.end();
      }
    });
  }

  // RouterOS has a pager but no command to turn it off.
  if (pager === undefined || WIRE[platform]?.pagingOff !== undefined) {
    it(`${platform}: prints the whole config at once ${pager === undefined ? '(it has no pager)' : 'after its paging-off commands'}`, async () => {
      const shell = await privilegedShell(device(), look());
      try {
        await turnPagingOff(shell, look());
        const start = shell.transcript.length;
        shell.send(`${look().configCommand}\n`);
        const output = (await shell.waitFor(promptAtEnd(look().privilegedPrompt), { from: start, timeoutMs: 3_000 })).slice(start);
        const lines = visible(output).split('\r\n').slice(1, -1);
        assert.match(lines.find((line) => line !== '') ?? '', look().configStart);
        if (pager !== undefined) assert.not.ok(output.includes(pager.prompt), 'no pager after paging was turned off');
        assert.ok(lines.includes(look().hostnameLine.replace('{name}', device().name)), 'the config names the device');
      } finally {
        shell.end();
      }
    });
  }

  it(`${platform}: tells model, serial and version in ${WIRE[platform]?.factCommands.join(' and ')}`, async () => {
    const shell = await privilegedShell(device(), look());
    try {
      await turnPagingOff(shell, look());
      const last = look().factCommands.at(-1) ?? '';
      shell.send(`${look().factCommands.join('\n')}\n`);
      const transcript = await shell.waitFor(promptAtEnd(look().privilegedPrompt, `${escape(last)}\\r\\n[^]*`), { timeoutMs: 3_000 });
      const facts = look().serialHidden ? [device().model, device().osVersion] : [device().model, device().serial, device().osVersion];
      for (const fact of facts) assert.ok(transcript.includes(fact), `${fact} is shown`);
    } finally {
      shell.end();
    }
  });
}

it('names the known platforms when asked for an unknown one', async () => {
  try {
    await startDeviceLab({ devices: [{ platform: 'cisco_wlc' }] });
    assert.unreachable('the lab should refuse');
  } catch (error) {
    assert.match(String(error), /unknown platform "cisco_wlc"; known platforms: cisco_ios, cisco_iosxe, cisco_nxos/);
  }
});

it.run();
