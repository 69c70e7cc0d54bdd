import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const BIN = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'services', 'netraven', 'bin', 'netraven.mjs');
export const ADMIN_PASSWORD = 'test-admin-password';

export interface RunningNetRaven {
  /** The origin: the console at `/`, the API at `/graphql`. */
  readonly origin: string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** `netraven start --lab N` as a user runs it (own data directory, embedded PostgreSQL, free ports). */
export async function startNetRaven(labDevices: number, labLatencyMs: number, extraArgs: readonly string[] = [], extraEnv: Record<string, string> = {}): Promise<RunningNetRaven> {
  const dataDir = mkdtempSync(join(tmpdir(), 'netraven-web-'));
  const labPort = 20_000 + Math.floor(Math.random() * 10_000);
  const child: ChildProcess = spawn(process.execPath, [BIN, 'start', '--lab', String(labDevices), '--lab-port', String(labPort), '--lab-latency', String(labLatencyMs), ...extraArgs], {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '/root', NETRAVEN_ADMIN_PASSWORD: ADMIN_PASSWORD,
      NETRAVEN_DATA_DIR: dataDir, PORT: '0', NETRAVEN_EMBEDDED_PG_PORT: String(await freePort()), NETRAVEN_LOG_LEVEL: 'warn', ...extraEnv,
    },
  });
  let output = '';
  const origin = await new Promise<string>((resolve, reject) => {
    const collect = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const found = /GraphQL: (http:\/\/\S+)\/graphql/.exec(output);
      if (found?.[1]) resolve(found[1]);
    };
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    child.once('exit', (code) => reject(new Error(`netraven exited (${code}) before it was up:\n${output.slice(-3000)}`)));
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    origin,
    stop: async () => {
      if (child.exitCode === null && child.pid !== undefined) process.kill(-child.pid, 'SIGINT');
      const timer = setTimeout(() => child.pid !== undefined && process.kill(-child.pid, 'SIGKILL'), 20_000);
      await exited;
      clearTimeout(timer);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A GraphQL call as a script makes it (to set up users and read what the lab registered). */
export async function api<T>(origin: string, query: string, variables: Record<string, unknown> = {}, token?: string): Promise<T> {
  const response = await fetch(`${origin}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: Array<{ message: string }> };
  if (body.errors?.length || !body.data) throw new Error(`GraphQL: ${JSON.stringify(body.errors)}`);
  return body.data;
}

export async function adminToken(origin: string): Promise<string> {
  const data = await api<{ login: { accessToken: string } }>(origin,
    'mutation($input: LoginInput!) { login(input: $input) { accessToken } }', { input: { username: 'admin', password: ADMIN_PASSWORD } });
  return data.login.accessToken;
}

/** Polls until `check` holds (no fixed sleeps). */
export async function eventually<T>(check: () => Promise<T | undefined | false>, timeoutMs = 30_000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
