import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { diffieHellman } from 'node:crypto';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';

// ssh2 as patched by patches/ssh2+1.17.0.patch: curve25519 key exchanges take their key pair from here.
const require = createRequire(import.meta.url);
const kexModule = require.resolve('ssh2/lib/protocol/kex.js');
const { x25519KeyPair } = require(kexModule) as {
  x25519KeyPair(): { privateKey: import('node:crypto').KeyObject; publicKey: import('node:crypto').KeyObject; rawPublicKey: Buffer };
};

const it = suite('ssh2 curve25519 key pairs');

it('are X25519 key pairs whose raw public key agrees with the private key', () => {
  const client = x25519KeyPair();
  const server = x25519KeyPair();
  assert.is(client.rawPublicKey.length, 32);
  assert.not.equal(client.rawPublicKey, server.rawPublicKey);
  const clientSecret = diffieHellman({ privateKey: client.privateKey, publicKey: server.publicKey });
  const serverSecret = diffieHellman({ privateKey: server.privateKey, publicKey: client.publicKey });
  assert.equal(clientSecret, serverSecret);
  assert.equal(client.publicKey.export({ format: 'jwk' }).x, client.rawPublicKey.toString('base64url'));
});

// Node 20 deadlocked the worker mid-job (main thread in futex): a garbage collection during the public key's JWK
// export destroyed the generateKeyPairSync job, which locks the mutex the export holds. With a collection every 11,
// 13, 17 or 23 allocations and a shifting allocation pattern, the old code hung within 20,000 key pairs (< 1 s) at
// each of these intervals; the key pairs must get through all of them.
for (const interval of [11, 13, 17, 23]) {
  it(`survive a garbage collection every ${interval} allocations (no deadlock)`, async () => {
    const script = `
      const { x25519KeyPair } = require(${JSON.stringify(kexModule)});
      const shift = [];
      for (let i = 0; i < 20000; i++) {
        for (let j = i % 7; j > 0; j--) shift.push({ j });
        if (shift.length > 100) shift.length = 0;
        if (x25519KeyPair().rawPublicKey.length !== 32) process.exit(2);
      }
      process.stdout.write('done');`;
    const { code, stdout } = await new Promise<{ code: number | null; stdout: string }>((resolve) => {
      execFile(process.execPath, [`--gc-interval=${interval}`, '-e', script], { timeout: 15_000, killSignal: 'SIGKILL' }, (error, out) => {
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout: out });
      });
    });
    assert.is(stdout, 'done', 'the key pairs hung (deadlock) or failed');
    assert.is(code, 0);
  });
}

it.run();
