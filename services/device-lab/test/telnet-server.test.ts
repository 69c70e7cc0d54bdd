import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { startDeviceLab, type DeviceLab, type LabDevice } from '../src/index.js';
import { TelnetServerCodec } from '../src/telnet/telnet-server-codec.js';
import { connectTelnet } from './raw-telnet.js';

const it = suite('Telnet on the device lab');
const IAC = 255, DONT = 254, DO = 253, WONT = 252, WILL = 251, SB = 250, SE = 240;
const ECHO = 1, SGA = 3, TTYPE = 24, NAWS = 31, NEW_ENVIRON = 39;
let lab: DeviceLab;

const device = (name: string): LabDevice => {
  const found = lab.devices.find((candidate) => candidate.name === name);
  if (!found) throw new Error(`no lab device ${name}`);
  return found;
};
const telnetPort = (name: string): number => {
  const port = device(name).telnetPort;
  if (port === undefined) throw new Error(`${name} serves no Telnet`);
  return port;
};

it.before(async () => {
  lab = await startDeviceLab({
    devices: [
      { name: 'R1', protocols: ['ssh', 'telnet'] },
      { name: 'locked', protocols: ['telnet'], faults: { authFailure: true } },
      { name: 'ssh-only' },
    ],
  });
});
it.after(async () => {
  await lab.close();
});

it('serves Telnet on its own port only where asked', () => {
  const r1 = device('R1');
  assert.equal(r1.protocols, ['ssh', 'telnet']);
  assert.ok(r1.telnetPort !== undefined && r1.telnetPort !== r1.port);
  assert.is(device('ssh-only').telnetPort, undefined);
});

it('offers echo and SGA, asks for window size and terminal type, like IOS', async () => {
  const telnet = await connectTelnet(telnetPort('R1'));
  try {
    await telnet.waitFor(/Username: $/);
    assert.equal(telnet.commands.slice(0, 4), [[IAC, WILL, ECHO], [IAC, WILL, SGA], [IAC, DO, NAWS], [IAC, DO, TTYPE]]);
  } finally {
    telnet.end();
  }
});

it('logs in with Username and Password, echoing the one and not the other, then runs the CLI', async () => {
  const r1 = device('R1');
  const telnet = await connectTelnet(telnetPort('R1'));
  try {
    await telnet.waitFor(/\r\nUser Access Verification\r\n\r\nUsername: $/);
    telnet.send(`${r1.username}\r\n${r1.password}\r\0`);
    await telnet.waitFor(/R1>$/);
    assert.match(telnet.text, new RegExp(`Username: ${r1.username}\\r\\nPassword: \\r\\n`));
    assert.not.ok(telnet.text.includes(r1.password));
    const start = telnet.text.length;
    telnet.send(`enable\r\n${r1.enablePassword}\r\nterminal length 0\r\nshow running-config\r\n`);
    await telnet.waitFor(/\r\nend\r\n\r\nR1#$/, { from: start });
    assert.not.match(telnet.text.slice(start), /R1#\r\nR1#/, 'CR LF is one Enter');
    telnet.send('exit\r\n');
    await telnet.closed();
  } finally {
    telnet.end();
  }
});

it('says % Login invalid and asks again; drops the line after the third failure', async () => {
  const telnet = await connectTelnet(telnetPort('R1'));
  try {
    await telnet.waitFor(/Username: $/);
    telnet.send('admin\r\nwrong1\r\nadmin\r\nwrong2\r\nadmin\r\nwrong3\r\n');
    await telnet.closed();
    assert.is((telnet.text.match(/% Login invalid\r\n/g) ?? []).length, 3);
  } finally {
    telnet.end();
  }
});

it('authFailure: the right password is refused too', async () => {
  const locked = device('locked');
  const telnet = await connectTelnet(telnetPort('locked'));
  try {
    await telnet.waitFor(/Username: $/);
    telnet.send(`${locked.username}\r\n${locked.password}\r\n`);
    await telnet.waitFor(/% Authentication failed\r\n\r\nUsername: $/);
  } finally {
    telnet.end();
  }
});

it('the codec: answers once per change, refuses what it does not know, reads NAWS and the terminal type', () => {
  const sent: number[][] = [];
  const codec = new TelnetServerCodec((bytes) => sent.push([...bytes]));
  codec.open();
  sent.length = 0;
  codec.decode(Buffer.from([IAC, DO, ECHO, IAC, DO, SGA, IAC, WILL, NAWS, IAC, SB, NAWS, 1, IAC, IAC, 0, 40, IAC, SE]));
  assert.equal(sent, [], 'answers to our own offers need no answer');
  assert.equal({ ...codec.terminal }, { width: 511, height: 40 });
  codec.decode(Buffer.from([IAC, WILL, TTYPE, IAC, DO, NEW_ENVIRON, IAC, DONT, ECHO, IAC, DONT, ECHO]));
  assert.equal(sent, [[IAC, SB, TTYPE, 1, IAC, SE], [IAC, WONT, NEW_ENVIRON], [IAC, WONT, ECHO]]);
  codec.decode(Buffer.from([IAC, SB, TTYPE, 0, ...Buffer.from('VT100'), IAC, SE]));
  assert.is(codec.terminal.type, 'VT100');
  assert.equal([...codec.decode(Buffer.from([0x61, 13, 0, 0x62, IAC, IAC, 13, 10]))], [0x61, 13, 0x62, 0xff, 13, 10]);
  assert.equal([...codec.encode(Buffer.from([0x61, 0xff, 13, 0x62, 13, 10]))], [0x61, 0xff, 0xff, 13, 0, 0x62, 13, 10]);
  assert.not.ok(sent.some((bytes) => bytes[1] === DONT && bytes[2] === NAWS));
});

it.run();
