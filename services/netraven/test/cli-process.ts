import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEmbeddedPostgres } from '@netraven/infra/db';
import { TEST_ADMIN_PASSWORD } from './graphql-client.js';

const BIN = join(dirname(fileURLToPath(import.meta.url)), '..', 'bin', 'netraven.mjs');

export interface CliProcess {
  readonly child: ChildProcess;
  /** The GraphQL URL the CLI printed once it was up. */
  readonly url: Promise<string>;
  /** Resolves with the exit code (or 128 + signal number) once the launcher has exited. */
  readonly exited: Promise<number>;
  output(): string;
  /** Sends a signal to the process group, as a terminal (Ctrl-C) or `kill -9 -<pgid>` does. */
  signalGroup(signal: NodeJS.Signals): void;
}

/** `netraven start ...` exactly as a user runs it (with the test admin's password), in a process group of its own. */
export function startCli(args: readonly string[], environment: Record<string, string>): CliProcess {
  const child = spawn(process.execPath, [BIN, 'start', ...args], {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/root', NETRAVEN_ADMIN_PASSWORD: TEST_ADMIN_PASSWORD, ...environment },
  });
  let output = '';
  let announce: (url: string) => void = () => undefined;
  let fail: (error: Error) => void = () => undefined;
  const url = new Promise<string>((resolve, reject) => {
    announce = resolve;
    fail = reject;
  });
  url.catch(() => undefined);
  const collect = (chunk: Buffer): void => {
    output += chunk.toString('utf8');
    const found = /GraphQL: (http:\/\/\S+)/.exec(output);
    if (found?.[1]) announce(found[1]);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const exited = new Promise<number>((resolve) => {
    child.on('exit', (code, signal) => {
      fail(new Error(`netraven exited (${code ?? signal}) before it was up:\n${output.slice(-4000)}`));
      resolve(code ?? (signal === 'SIGKILL' ? 137 : 128));
    });
  });
  return {
    child, url, exited,
    output: () => output,
    signalGroup: (signal) => {
      if (child.pid !== undefined) process.kill(-child.pid, signal);
    },
  };
}

/** Log lines the CLI printed at error level or above (pino: 50 error, 60 fatal), and stack traces. */
export function errorLines(output: string): string[] {
  return output.split('\n').filter((line) => {
    if (/^\s+at /.test(line) || /\bError:/.test(line) && !line.startsWith('{')) return true;
    if (!line.startsWith('{')) return false;
    try {
      return ((JSON.parse(line) as { level?: number }).level ?? 0) >= 50;
    } catch {
      return false;
    }
  });
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/**
 * A base port with `count` free ports after it, below the kernel's ephemeral range (32768+) so no
 * outgoing connection takes one later, and clear of what already listens here (RabbitMQ's 25672, ...).
 */
export async function freePortRange(count: number): Promise<number> {
  for (let tries = 0; tries < 20; tries++) {
    const base = 20_000 + Math.floor(Math.random() * (32_000 - 20_000 - count));
    if (await allFree(base, count)) return base;
  }
  throw new Error(`no ${count} free consecutive ports found`);
}

async function allFree(base: number, count: number): Promise<boolean> {
  for (let port = base; port < base + count; port++) {
    const server = createServer();
    const free = await new Promise<boolean>((resolve) => {
      server.once('error', () => resolve(false));
      server.listen(port, '127.0.0.1', () => resolve(true));
    });
    if (!free) return false;
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
  return true;
}

/** Stops an embedded PostgreSQL a killed NetRaven left running on `dataDir` (adopt, then stop). */
export async function stopLeftoverPostgres(dataDir: string, port: number): Promise<void> {
  const server = await startEmbeddedPostgres({ dataDir, port });
  await server.stop();
}

export interface OperatorRun { code: number; stdout: string; stderr: string }

/** An operator command of `netraven` (a client of the GraphQL API) run to its end, NETRAVEN_TOKEN in its environment. */
export function runOperatorCommand(args: readonly string[], token: string | undefined): Promise<OperatorRun> {
  const child = spawn(process.execPath, [BIN, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/root', ...(token ? { NETRAVEN_TOKEN: token } : {}) },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code: code ?? 1, stdout, stderr })));
}
