import { spawn, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

export const WORKER_NODE_OPTIONS = '--max-old-space-size=192 --max-semi-space-size=8';

const cli = fileURLToPath(new URL('../../services/netraven/src/cli.ts', import.meta.url));

export interface WorkerProcess {
  readonly pid: number;
  /** Resolves once the worker's `/readyz` answers 200: its start-up is then done and not counted in the job's CPU. */
  ready(timeoutMs?: number): Promise<void>;
  /** Highest resident set size seen by the kernel (VmHWM), in MiB. */
  peakRssMiB(): Promise<number>;
  stop(): Promise<void>;
}

/** Highest resident set size the kernel has seen for a process (VmHWM), in MiB. */
export async function peakRssMiB(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kib = Number(status.match(/VmHWM:\s+(\d+) kB/)?.[1] ?? Number.NaN);
  return kib / 1024;
}

/** A NetRaven device-comm worker (`start --roles worker`) in its own process, so its memory is its own. */
export async function startWorkerProcess(environment: Record<string, string>): Promise<WorkerProcess> {
  const metricsPort = await freeLoopbackPort();
  const profile = process.env.BENCH_PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`] : [];
  // The worker's heap bound as compose.yaml deploys it: without one V8 lets garbage grow (420 MiB peak
  // RSS at 500 sessions) where a bounded heap stays near 255 MiB at the same throughput.
  const nodeOptions = (process.env.BENCH_WORKER_NODE_OPTIONS ?? WORKER_NODE_OPTIONS).split(' ').filter(Boolean);
  const child: ChildProcess = spawn(process.execPath, [...profile, ...nodeOptions, '--conditions=source', '--import', 'tsx', cli, 'start', '--roles', 'worker'], {
    env: { ...process.env, ...environment, NETRAVEN_METRICS_PORT: String(metricsPort) },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const killOnExit = (): void => void child.kill('SIGKILL');
  process.once('exit', killOnExit);
  return {
    pid: child.pid!,
    ready: (timeoutMs = 120_000) => waitUntilReady(`http://127.0.0.1:${metricsPort}/readyz`, child, timeoutMs),
    peakRssMiB: () => peakRssMiB(child.pid!),
    stop: () =>
      new Promise<void>((resolve) => {
        process.removeListener('exit', killOnExit);
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        // A process whose main thread is stuck never runs its SIGTERM handler: it must not outlive the bench.
        const kill = setTimeout(() => child.kill('SIGKILL'), 15_000);
        child.once('exit', () => {
          clearTimeout(kill);
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}

async function freeLoopbackPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (!address || typeof address === 'string') throw new Error('no loopback port for the worker\'s /readyz');
  return address.port;
}

async function waitUntilReady(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the worker exited with code ${child.exitCode} before it was ready`);
    const status = await fetch(url).then((response) => response.status, () => 0);
    if (status === 200) return;
    if (Date.now() > deadline) throw new Error(`the worker was not ready within ${timeoutMs} ms (${url}: ${status || 'no answer'})`);
    // Polling a process that is starting: nothing else can tell the bench it is ready.
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
