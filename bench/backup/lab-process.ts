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

/**
 * The device lab in its own process, so its SSH work does not share the worker's event loop. Node 20's module
 * hooks (`--import tsx`) now and then deadlock a process at start-up (nodejs/node#50948: the main thread waits
 * for the hooks thread forever), so a lab that has not listed its devices in time is killed and started again.
 */
export async function startLabProcess(options: { devices: number; basePort: number; latencyMs: number }): Promise<LabProcess> {
  const startupMs = 60_000 + 20 * options.devices;
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await startLabOnce(options, startupMs);
    } catch (error) {
      if (!(error instanceof LabStartTimeout) || attempt === 3) throw error;
      console.error(`${error.message}; starting it again (attempt ${attempt + 1} of 3)`);
    }
  }
}

class LabStartTimeout extends Error {
  override readonly name = 'LabStartTimeout';
}

async function startLabOnce(options: { devices: number; basePort: number; latencyMs: number }, startupMs: number): Promise<LabProcess> {
  const child: ChildProcess = spawn(
    process.execPath,
    [...(process.env.BENCH_PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`] : []), '--conditions=source', '--import', 'tsx', labCli, '--devices', String(options.devices), '--port', String(options.basePort), '--latency', String(options.latencyMs)],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  // A bench that ends in any way takes its lab with it: an orphaned lab would keep the ports and the output pipe.
  const killOnExit = (): void => void child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const devices: LabDeviceInfo[] = [];
  const lines = createInterface({ input: child.stdout! });
  let timer: NodeJS.Timeout | undefined;
  try {
    await new Promise<void>((resolve, reject) => {
      child.once('exit', (code) => reject(new Error(`device lab exited with ${code} after ${devices.length} devices`)));
      timer = setTimeout(() => reject(new LabStartTimeout(`device lab listed ${devices.length} of ${options.devices} devices in ${startupMs} ms`)), startupMs);
      lines.on('line', (line) => {
        devices.push(JSON.parse(line) as LabDeviceInfo);
        if (devices.length === options.devices) resolve();
      });
    });
  } catch (error) {
    process.removeListener('exit', killOnExit);
    // Its ports are free for the next attempt once it is gone.
    const gone = new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve(undefined) : child.once('exit', resolve)));
    child.kill('SIGKILL');
    await gone;
    throw error;
  } finally {
    clearTimeout(timer);
  }
  child.removeAllListeners('exit');
  return {
    devices,
    pid: child.pid!,
    stop: () =>
      new Promise<void>((resolve) => {
        process.removeListener('exit', killOnExit);
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
