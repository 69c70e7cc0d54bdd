import { readdir, readFile } from 'node:fs/promises';

const CLOCK_TICKS_PER_SECOND = 100;

interface ProcessTimes { pid: number; ppid: number; cpuMs: number; childrenCpuMs: number }

/** utime+stime (and the same for waited-for children) from /proc/<pid>/stat, in milliseconds. */
async function timesOf(pid: number): Promise<ProcessTimes | undefined> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => undefined);
  if (!stat) return undefined;
  // The command name sits in parentheses and may hold spaces: fields count from after its ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const tick = (i: number): number => Number(fields[i]) * (1000 / CLOCK_TICKS_PER_SECOND);
  return { pid, ppid: Number(fields[1]), cpuMs: tick(11) + tick(12), childrenCpuMs: tick(13) + tick(14) };
}

/** CPU milliseconds one process has used so far. */
export async function processCpuMs(pid: number): Promise<number> {
  return (await timesOf(pid))?.cpuMs ?? Number.NaN;
}

/**
 * CPU milliseconds a PostgreSQL server has used so far: the postmaster whose command line names
 * `dataDir`, its live backends and the backends that have already exited.
 */
export async function postgresCpuMs(dataDir: string): Promise<number> {
  const all = await Promise.all((await readdir('/proc')).filter((name) => /^\d+$/.test(name)).map(async (name) => {
    const pid = Number(name);
    const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
    return { pid, cmdline, times: await timesOf(pid) };
  }));
  const postmaster = all.find((p) => p.cmdline.includes('postgres') && p.cmdline.includes(dataDir));
  if (!postmaster?.times) return Number.NaN;
  const backends = all.filter((p) => p.times?.ppid === postmaster.pid);
  return postmaster.times.cpuMs + postmaster.times.childrenCpuMs + backends.reduce((sum, p) => sum + (p.times?.cpuMs ?? 0), 0);
}
