// How fast this host is at the work a backup is made of, printed before a benchmark's figures: the
// same commit's devices/s differed threefold between two machines of the same kind (docs/benchmarks.md),
// so a figure only compares with another measured on a host that calibrates alike.
import { generateKeyPairSync, sign, createHash } from 'node:crypto';
import pg from 'pg';
import { report } from './metrics.js';

function microsPerCall(calls: number, work: (i: number) => void): number {
  for (let i = 0; i < Math.min(200, calls); i++) work(i);
  const started = process.hrtime.bigint();
  for (let i = 0; i < calls; i++) work(i);
  return Number(process.hrtime.bigint() - started) / calls / 1000;
}

/** ed25519 signing (an SSH host key's work), SHA-256 of a small text, and a PostgreSQL round trip over loopback. */
export async function reportHostCalibration(databaseUrl: string): Promise<void> {
  const { privateKey } = generateKeyPairSync('ed25519');
  report('host.ed25519_sign_us', microsPerCall(2000, (i) => sign(null, Buffer.from(`calibration ${i}`), privateKey)), 'us');
  report('host.sha256_small_us', microsPerCall(20_000, (i) => createHash('sha256').update(`calibration ${i}`).digest()), 'us');
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    for (let i = 0; i < 200; i++) await client.query('SELECT $1::int AS n', [i]);
    const cpu = process.cpuUsage();
    const started = process.hrtime.bigint();
    const rounds = 2000;
    for (let i = 0; i < rounds; i++) await client.query('SELECT $1::int AS n', [i]);
    const used = process.cpuUsage(cpu);
    report('host.pg_round_trip_us', Number(process.hrtime.bigint() - started) / rounds / 1000, 'us', { client_cpu_us: Math.round((used.user + used.system) / rounds) });
  } finally {
    await client.end();
  }
}
