import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { labPlatformIds, startDeviceLab, type DeviceLab, type LabDevice } from '../src/index.js';
import { connectRaw, type RawShell } from './raw-shell.js';

/** What each simulated platform must look like on the wire, written out from the vendors' CLIs. */
interface WireLook {
  loginPrompt: string;
  privilegedPrompt: string;
  pagingOff: string;
  configCommand: string;
  /** The config printout's first non-blank line. */
  configStart: RegExp;
  pager: string;
  /** What the device writes once a key was pressed at the pager. */
  pagerWipe: string;
  badCommandError: RegExp;
}

const WIRE: Readonly<Record<string, WireLook>> = {
  cisco_ios: {
    loginPrompt: 'lab-r1>', privilegedPrompt: 'lab-r1#', pagingOff: 'terminal length 0', configCommand: 'show running-config',
    configStart: /^Building configuration\.\.\.$/, pager: ' --More-- ', pagerWipe: `${'\b'.repeat(10)}${' '.repeat(10)}${'\b'.repeat(10)}`,
    badCommandError: /% Invalid input detected at '\^' marker\./,
  },
  cisco_iosxe: {
    loginPrompt: 'lab-r2>', privilegedPrompt: 'lab-r2#', pagingOff: 'terminal length 0', configCommand: 'show running-config',
    configStart: /^Building configuration\.\.\.$/, pager: ' --More-- ', pagerWipe: `${'\b'.repeat(10)}${' '.repeat(10)}${'\b'.repeat(10)}`,
    badCommandError: /% Invalid input detected at '\^' marker\./,
  },
  cisco_nxos: {
    loginPrompt: 'lab-r3#', privilegedPrompt: 'lab-r3#', pagingOff: 'terminal length 0', configCommand: 'show running-config',
    configStart: /^!Command: show running-config$/, pager: '\x1b[7m--More--\x1b[27m', pagerWipe: '\r\x1b[K',
    badCommandError: /% Invalid command at '\^' marker\./,
  },
  cisco_iosxr: {
    loginPrompt: 'RP/0/RP0/CPU0:lab-r4#', privilegedPrompt: 'RP/0/RP0/CPU0:lab-r4#', pagingOff: 'terminal length 0',
    configCommand: 'show running-config', configStart: /^\w{3} \w{3} [ \d]\d \d\d:\d\d:\d\d\.\d{3} UTC$/, pager: ' --More-- ',
    pagerWipe: `${'\b'.repeat(10)}${' '.repeat(10)}${'\b'.repeat(10)}`, badCommandError: /% Invalid input detected at '\^' marker\./,
  },
  cisco_asa: {
    loginPrompt: 'lab-r5> ', privilegedPrompt: 'lab-r5# ', pagingOff: 'terminal pager 0', configCommand: 'show running-config',
    configStart: /^: Saved$/, pager: '<--- More --->', pagerWipe: `\r${' '.repeat(14)}\r`, badCommandError: /ERROR: % Invalid input detected at '\^' marker\./,
  },
  arista_eos: {
    loginPrompt: 'lab-r6>', privilegedPrompt: 'lab-r6#', pagingOff: 'terminal length 0', configCommand: 'show running-config',
    configStart: /^! Command: show running-config$/, pager: ' --More-- ', pagerWipe: `\r${' '.repeat(10)}\r`,
    badCommandError: /% Invalid input \(at token 1: 'bogus'\)/,
  },
  dell_os10: {
    loginPrompt: 'lab-r7#', privilegedPrompt: 'lab-r7#', pagingOff: 'terminal length 0', configCommand: 'show running-configuration',
    configStart: /^! Version 10\.5\.\d+\.\d+$/, pager: '--more--', pagerWipe: `\r${' '.repeat(8)}\r`, badCommandError: /% Error: Invalid input at "\^" marker\./,
  },
};

const it = suite('each simulated platform on the wire');
let lab: DeviceLab;
const escape = (text: string): string => text.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');

it.before(async () => {
  lab = await startDeviceLab({ devices: labPlatformIds().length, platforms: labPlatformIds() });
});
it.after(async () => {
  await lab.close();
});

async function privilegedShell(device: LabDevice, look: WireLook): Promise<RawShell> {
  const shell = await connectRaw(device, { password: device.password });
  await shell.waitFor(new RegExp(`${escape(look.loginPrompt)}$`));
  if (look.loginPrompt === look.privilegedPrompt) return shell;
  const start = shell.transcript.length;
  shell.send('enable\n');
  if (device.enablePassword !== undefined) {
    await shell.waitFor(/Password: $/, { from: start });
    shell.send(`${device.enablePassword}\n`);
  }
  await shell.waitFor(new RegExp(`${escape(look.privilegedPrompt)}$`), { from: start });
  return shell;
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
      const output = (await shell.waitFor(new RegExp(`${escape(look().privilegedPrompt)}$`), { from: start })).slice(start);
      assert.match(output, look().badCommandError);
    } finally {
      shell.end();
    }
  });

  it(`${platform}: pages the config behind its pager and wipes the pager after a key`, async () => {
    const shell = await privilegedShell(device(), look());
    try {
      const start = shell.transcript.length;
      shell.send(`${look().configCommand}\n`);
      await shell.waitFor(new RegExp(`${escape(look().pager)}$`), { from: start });
      shell.send(' ');
      await shell.waitFor(new RegExp(`${escape(look().pager)}${escape(look().pagerWipe)}`), { from: start });
      shell.send('q');
      await shell.waitFor(new RegExp(`${escape(look().privilegedPrompt)}$`), { from: start });
    } finally {
      shell.end();
    }
  });

  it(`${platform}: prints the whole config at once after its paging-off command`, async () => {
    const shell = await privilegedShell(device(), look());
    try {
      shell.send(`${look().pagingOff}\n`);
      await shell.waitFor(new RegExp(`${escape(look().pagingOff)}\\r\\n${escape(look().privilegedPrompt)}$`));
      const start = shell.transcript.length;
      shell.send(`${look().configCommand}\n`);
      const output = (await shell.waitFor(new RegExp(`${escape(look().privilegedPrompt)}$`), { from: start })).slice(start);
      const lines = output.split('\r\n').slice(1, -1);
      assert.match(lines.find((line) => line !== '') ?? '', look().configStart);
      assert.not.ok(output.includes(look().pager), 'no pager after paging was turned off');
      assert.ok(lines.join('\n').includes(`hostname ${device().name}`));
    } finally {
      shell.end();
    }
  });

  it(`${platform}: tells model, serial and version in show version and show inventory`, async () => {
    const shell = await privilegedShell(device(), look());
    try {
      shell.send(`${look().pagingOff}\nshow version\nshow inventory\n`);
      const transcript = await shell.waitFor(new RegExp(`show inventory\\r\\n[^]*${escape(look().privilegedPrompt)}$`), { timeoutMs: 3_000 });
      for (const fact of [device().model, device().serial, device().osVersion]) assert.ok(transcript.includes(fact), `${fact} is shown`);
    } finally {
      shell.end();
    }
  });
}

it('names the known platforms when asked for an unknown one', async () => {
  try {
    await startDeviceLab({ devices: [{ platform: 'juniper_junos' }] });
    assert.unreachable('the lab should refuse');
  } catch (error) {
    assert.match(String(error), /unknown platform "juniper_junos"; known platforms: cisco_ios, cisco_iosxe, cisco_nxos/);
  }
});

it.run();
