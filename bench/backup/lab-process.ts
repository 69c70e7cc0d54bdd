import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

export interface LabDeviceInfo {
  name: string;
  host: string;
  port: number;
  platform: string;
  username: string;
  password: string;
  enablePassword?: string;
}

export interface LabProcess {
  readonly devices: LabDeviceInfo[];
  readonly pid: number;
  stop(): Promise<void>;
}

const labCli = fileURLToPath(new URL('../../services/device-lab/src/cli.ts', import.meta.url));

/** The device lab in its own process, so its SSH work does not share the worker's event loop. */
export async function startLabProcess(options: { devices: number; basePort: number; latencyMs: number }): Promise<LabProcess> {
  const child: ChildProcess = spawn(
    process.execPath,
    [...(process.env.BENCH_PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`] : []), '--conditions=source', '--import', 'tsx', labCli, '--devices', String(options.devices), '--port', String(options.basePort), '--latency', String(options.latencyMs)],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const devices: LabDeviceInfo[] = [];
  const lines = createInterface({ input: child.stdout! });
  await new Promise<void>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`device lab exited with ${code} after ${devices.length} devices`)));
    lines.on('line', (line) => {
      devices.push(JSON.parse(line) as LabDeviceInfo);
      if (devices.length === options.devices) resolve();
    });
  });
  child.removeAllListeners('exit');
  return {
    devices,
    pid: child.pid!,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
