// bench/git: the config repository's wave commits alone, in this process: `--devices` devices committed in waves of
// `--wave`, three rounds (first backups, unchanged configs, one config in ten changed). Prints the process's CPU per
// device (all threads: libgit2 works on nodegit's pool) and each round's wall time, one JSON line per figure.
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { GitConfigRepository } from '@netraven/infra/git';
import { tempDir } from '@netraven/infra/testing';
import { report } from '../support/metrics.js';

const { values } = parseArgs({
  options: {
    devices: { type: 'string', default: '1000' },
    wave: { type: 'string', default: '50' },
    interfaces: { type: 'string', default: '200' },
  },
});
const devices = Number(values.devices);
const wave = Number(values.wave);
const interfaces = Number(values.interfaces);

/** An access switch's running config of `interfaces` ports; round 3 changes one device in ten. */
function config(device: number, round: string): string {
  const lines = ['!', `hostname sw-${device}`, '!'];
  for (let port = 1; port <= interfaces; port++) {
    lines.push(`interface GigabitEthernet1/0/${port}`, ` description access port ${port} of sw-${device}`, ' switchport mode access', '!');
  }
  if (round === 'changed' && device % 10 === 0) lines.push('ntp server 192.0.2.123');
  return `${lines.join('\n')}\nend\n`;
}

const dir = await tempDir('netraven-bench-git-');
try {
  const repo = await GitConfigRepository.open(`${dir.path}/configs.git`);
  const ids = Array.from({ length: devices }, () => randomUUID());
  for (const round of ['new', 'unchanged', 'changed']) {
    const jobId = randomUUID();
    const contents = ids.map((_, i) => config(i, round));
    const cpu = process.cpuUsage();
    const started = performance.now();
    for (let i = 0; i < devices; i += wave) {
      await Promise.all(ids.slice(i, i + wave).map((id, k) => repo.commitConfig({
        path: repo.deviceConfigPath(id), content: contents[i + k]!, jobId, deviceName: `sw-${i + k}`, when: new Date(),
      })));
    }
    const seconds = (performance.now() - started) / 1000;
    const used = process.cpuUsage(cpu);
    const context = { round, devices, wave };
    report('git.commit_cpu_ms_per_device', (used.user + used.system) / 1000 / devices, 'ms', { ...context, system_ms: Math.round(used.system / 10 / devices) / 100 });
    report('git.commit_devices_per_second', devices / seconds, 'devices/s', context);
  }
} finally {
  await dir.remove();
}
