import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { withWebConsole } from '../src/web/web-static.js';

let server: Server;
let base: string;
let root: string;
const script = `console.log(${JSON.stringify('x'.repeat(2000))});`;

test.before(async () => {
  root = mkdtempSync(join(tmpdir(), 'web-console-'));
  mkdirSync(join(root, 'assets'));
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>NetRaven</title>');
  writeFileSync(join(root, 'assets', 'index-abc123.js'), script);
  writeFileSync(join(root, 'secret.txt'), 'inside');
  writeFileSync(join(root, '..', 'outside-web-console.txt'), 'outside');
  server = createServer(withWebConsole(root, (_req, res) => res.writeHead(299, { 'content-type': 'text/plain' }).end('api')));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

test.after(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  rmSync(root, { recursive: true, force: true });
  rmSync(join(root, '..', 'outside-web-console.txt'), { force: true });
});

test('the console page at / is revalidated each time, as HTML', async () => {
  const response = await fetch(`${base}/`);
  assert.is(response.status, 200);
  assert.is(response.headers.get('content-type'), 'text/html; charset=utf-8');
  assert.is(response.headers.get('cache-control'), 'no-cache');
  assert.match(await response.text(), '<title>NetRaven</title>');
});

test('hashed assets are cached for a year and sent gzipped to a browser that takes it', async () => {
  const plain = await fetch(`${base}/assets/index-abc123.js`, { headers: { 'accept-encoding': 'identity' } });
  assert.is(plain.status, 200);
  assert.is(plain.headers.get('content-type'), 'text/javascript; charset=utf-8');
  assert.is(plain.headers.get('cache-control'), 'public, max-age=31536000, immutable');
  assert.is(await plain.text(), script);
  const raw = await new Promise<{ encoding: string | undefined; body: Buffer }>((resolve, reject) => {
    import('node:http').then(({ get }) => get(`${base}/assets/index-abc123.js`, { headers: { 'accept-encoding': 'gzip' } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ encoding: res.headers['content-encoding'], body: Buffer.concat(chunks) }));
    }).on('error', reject), reject);
  });
  assert.is(raw.encoding, 'gzip');
  assert.ok(raw.body.length < script.length / 4);
  assert.is(gunzipSync(raw.body).toString(), script);
});

test('an unknown page path (a deep link) gets the console page; an unknown file is 404', async () => {
  const deep = await fetch(`${base}/devices/dev-1`);
  assert.is(deep.status, 200);
  assert.match(await deep.text(), '<title>NetRaven</title>');
  const missing = await fetch(`${base}/assets/missing.js`);
  assert.is(missing.status, 404);
});

test('API paths and other methods go to the API', async () => {
  for (const path of ['/graphql', '/graphql?query=%7B__typename%7D', '/healthz', '/auth/oidc/login']) {
    const response = await fetch(`${base}${path}`);
    assert.is(response.status, 299, path);
  }
  const post = await fetch(`${base}/`, { method: 'POST', body: '{}' });
  assert.is(post.status, 299);
});

test('no file outside the console directory is served', async () => {
  const response = await fetch(`${base}/..%2Foutside-web-console.txt`);
  assert.not.match(await response.text(), 'outside');
  const inside = await fetch(`${base}/secret.txt`);
  assert.is(await inside.text(), 'inside');
});

test.run();
