import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { TelnetCodec } from '../src/session/telnet/telnet-codec.js';

const it = suite('Telnet option negotiation and framing (RFC 854, 1143, 1073, 1091)');

const IAC = 255, DONT = 254, DO = 253, WONT = 252, WILL = 251, SB = 250, SE = 240;
const ECHO = 1, SGA = 3, TTYPE = 24, NAWS = 31, NEW_ENVIRON = 39, CHARSET = 42;

function codec(): { codec: TelnetCodec; sent: number[][]; take(): number[][] } {
  const sent: number[][] = [];
  const instance = new TelnetCodec((bytes) => sent.push([...bytes]), { cols: 511, rows: 24 });
  return {
    codec: instance,
    sent,
    take: () => sent.splice(0, sent.length),
  };
}

it('opens by asking the device to echo and suppress go-ahead, and offering its window size', () => {
  const { codec: telnet, take } = codec();
  telnet.start();
  assert.equal(take(), [[IAC, DO, SGA], [IAC, DO, ECHO], [IAC, WILL, NAWS]]);
});

it('takes the answers to its own requests as answers, not as new requests (no loop)', () => {
  const { codec: telnet, take } = codec();
  telnet.start();
  take();
  telnet.decode(Buffer.from([IAC, WILL, ECHO, IAC, WILL, SGA]));
  assert.equal(take(), []);
  assert.ok(telnet.deviceEchoes);
  telnet.decode(Buffer.from([IAC, WILL, ECHO]));
  assert.equal(take(), [], 'already on: nothing to say');
});

it('sends its window size once NAWS is agreed, with the 0xFF in 511 doubled', () => {
  const { codec: telnet, take } = codec();
  telnet.start();
  take();
  telnet.decode(Buffer.from([IAC, DO, NAWS]));
  assert.equal(take(), [[IAC, SB, NAWS, 0x01, 0xff, 0xff, 0x00, 24, IAC, SE]]);
});

it('agrees to a terminal type request it did not make, and answers SEND with VT100', () => {
  const { codec: telnet, take } = codec();
  telnet.decode(Buffer.from([IAC, DO, TTYPE]));
  assert.equal(take(), [[IAC, WILL, TTYPE]]);
  telnet.decode(Buffer.from([IAC, SB, TTYPE, 1, IAC, SE]));
  assert.equal(take(), [[IAC, SB, TTYPE, 0, ...Buffer.from('VT100'), IAC, SE]]);
});

it('refuses options it does not know, once, and acknowledges an option being turned off', () => {
  const { codec: telnet, take } = codec();
  telnet.decode(Buffer.from([IAC, WILL, CHARSET, IAC, DO, NEW_ENVIRON, IAC, DO, ECHO]));
  assert.equal(take(), [[IAC, DONT, CHARSET], [IAC, WONT, NEW_ENVIRON], [IAC, WONT, ECHO]]);
  telnet.decode(Buffer.from([IAC, WONT, CHARSET]));
  assert.equal(take(), [], 'already off: nothing to say');
  telnet.decode(Buffer.from([IAC, WILL, SGA]));
  assert.equal(take(), [[IAC, DO, SGA]]);
  telnet.decode(Buffer.from([IAC, WONT, SGA]));
  assert.equal(take(), [[IAC, DONT, SGA]]);
});

it('takes commands out of the data, even split across chunks; IAC IAC is one 0xFF, CR NUL is CR', () => {
  const { codec: telnet, take } = codec();
  const parts = [
    telnet.decode(Buffer.from([0x52, 0x31, IAC])),
    telnet.decode(Buffer.from([WILL])),
    telnet.decode(Buffer.from([ECHO, 0x3e, IAC, IAC, 13, 0])),
    telnet.decode(Buffer.from([0x41, 13, 10, IAC, 241, IAC, SB, NAWS, 1, IAC])),
    telnet.decode(Buffer.from([SE, 13])),
    telnet.decode(Buffer.from([0, 0x42])),
  ];
  assert.equal([...Buffer.concat(parts)], [0x52, 0x31, 0x3e, 0xff, 13, 0x41, 13, 10, 13, 0x42]);
  assert.equal(take(), [[IAC, DO, ECHO]]);
});

it('sends a line end as CR LF and a lone CR as CR NUL', () => {
  const { codec: telnet } = codec();
  assert.equal([...telnet.encode('show run\n')], [...Buffer.from('show run\r\n')]);
  assert.equal([...telnet.encode('a\rb\r\n')], [0x61, 13, 0, 0x62, 13, 10]);
});

it.run();
