import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parseFaultSpec } from '../src/faults/fault-spec.js';

const it = suite('faults from the command line');
const names = ['lab-r1', 'lab-r2', 'lab-r3', 'lab-r4'];

it('reads entries for all devices, by number, by range and by name', () => {
  const faults = parseFaultSpec('all:commandLatencyMs=20; 2:authFailure ;3-4:hugeConfig=5m,hangOnCommand=show run;lab-r1:driftEveryBackups=2,garbageBytes', names);
  assert.equal(faults, [
    { commandLatencyMs: 20, driftEveryBackups: 2, garbageBytes: true },
    { commandLatencyMs: 20, authFailure: true },
    { commandLatencyMs: 20, hugeConfig: 5 * 1024 * 1024, hangOnCommand: 'show run' },
    { commandLatencyMs: 20, hugeConfig: 5 * 1024 * 1024, hangOnCommand: 'show run' },
  ]);
  assert.equal(parseFaultSpec('1:hugeConfig,endlessPager=false', names)[0], { hugeConfig: true, endlessPager: false });
  assert.equal(parseFaultSpec('', names), [{}, {}, {}, {}]);
});

it('refuses what it cannot read, saying why', () => {
  const refusal = (spec: string): string => {
    try {
      parseFaultSpec(spec, names);
    } catch (error) {
      return error instanceof Error ? error.message : String(error);
    }
    throw new Error(`"${spec}" should be refused`);
  };
  assert.match(refusal('1:bogus'), /unknown fault "bogus"; known: commandLatencyMs, /);
  assert.match(refusal('authFailure'), /names no devices; write e\.g\. all:authFailure/);
  assert.match(refusal('5:authFailure'), /devices 5 are not in 1-4/);
  assert.match(refusal('lab-r9:authFailure'), /no device named lab-r9/);
  assert.match(refusal('1:driftEveryBackups=often'), /needs a number/);
  assert.match(refusal('1:hangOnCommand'), /needs a value/);
  assert.match(refusal('1:hugeConfig=big'), /is not a size/);
});

it('the lab CLI takes --faults and --protocols, and documents every fault in --help', async () => {
  const cli = fileURLToPath(new URL('../src/cli.ts', import.meta.url));
  /** Runs the CLI; a lab that keeps running is stopped once it printed `linesBeforeStop` lines. */
  const run = async (linesBeforeStop: number, ...args: string[]): Promise<{ code: number | null; out: string; err: string }> => {
    const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', cli, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const deadline = Date.now() + 15_000;
    const printedEnough = (): boolean => linesBeforeStop > 0 && out.split('\n').filter(Boolean).length >= linesBeforeStop;
    while (child.exitCode === null && !printedEnough() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    if (child.exitCode === null) child.kill('SIGTERM');
    return { code: await exited, out, err };
  };
  const [help, refused, started] = await Promise.all([
    run(0, '--help'),
    run(0, '--faults', '2:nonsense'),
    run(2, '--devices', '2', '--protocols', 'ssh,telnet', '--faults', '2:authFailure'),
  ]);
  assert.is(help.code, 0);
  for (const fault of ['authFailure', 'hangAfterLogin', 'endlessPager', 'garbageBytes', 'hugeConfig', 'driftEveryBackups']) assert.ok(help.out.includes(fault), fault);
  assert.is(refused.code, 2);
  assert.match(refused.err, /--faults: unknown fault "nonsense"/);
  const devices = started.out.split('\n').filter(Boolean).map((line) => JSON.parse(line) as { protocols: string[]; port: number; telnetPort?: number });
  assert.is(devices.length, 2);
  assert.ok(devices.every((device) => device.telnetPort !== undefined && device.telnetPort !== device.port));
  assert.equal(devices[0]?.protocols, ['ssh', 'telnet']);
  assert.is(started.code, 0, started.err);
});

it.run();
