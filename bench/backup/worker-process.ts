import { spawn, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

export const WORKER_NODE_OPTIONS = '--max-old-space-size=192 --max-semi-space-size=8';

const cli = fileURLToPath(new URL('../../services/netraven/src/cli.ts', import.meta.url));

export interface WorkerProcess {
  readonly pid: number;
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
export function startWorkerProcess(environment: Record<string, string>): WorkerProcess {
  const profile = process.env.BENCH_PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`] : [];
  // The worker's heap bound as compose.yaml deploys it: without one V8 lets garbage grow (420 MiB peak
  // RSS at 500 sessions) where a bounded heap stays near 255 MiB at the same throughput.
  const nodeOptions = (process.env.BENCH_WORKER_NODE_OPTIONS ?? WORKER_NODE_OPTIONS).split(' ').filter(Boolean);
  const child: ChildProcess = spawn(process.execPath, [...profile, ...nodeOptions, '--conditions=source', '--import', 'tsx', cli, 'start', '--roles', 'worker'], {
    env: { ...process.env, ...environment },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return {
    pid: child.pid!,
    peakRssMiB: () => peakRssMiB(child.pid!),
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
