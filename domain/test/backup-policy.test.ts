import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import {
  backupPolicyDecider, requireSafePattern, validateBackupPolicyRules, validateBackupPolicyScope, ValidationError,
  type BackupPolicyCommand, type BackupPolicyEvent, type BackupPolicyState,
} from '../src/index.js';

const it = suite('backup policy: validated patterns, one policy per scope');
const meta = { now: new Date('2026-11-30T15:00:00Z'), actor: 'user:alice', commandId: 'c', correlationId: 'c' };

function decide(commands: Array<Pick<BackupPolicyCommand, 'type' | 'data'>>): BackupPolicyEvent[][] {
  let state: BackupPolicyState = backupPolicyDecider.initialState();
  return commands.map((c) => {
    const events = backupPolicyDecider.decide({ ...c, metadata: meta } as BackupPolicyCommand, state);
    for (const e of events) state = backupPolicyDecider.evolve(state, e);
    return events;
  });
}

function refused(fn: () => unknown, field: string, message?: RegExp): void {
  try {
    fn();
  } catch (error) {
    assert.instance(error, ValidationError);
    assert.is((error as ValidationError).field, field);
    if (message) assert.match((error as Error).message, message);
    return;
  }
  assert.unreachable(`expected a ValidationError on ${field}`);
}

it('ordinary line patterns pass', () => {
  for (const p of ['^! Time: ', '^ntp clock-period \\d+', '^\\s*$', 'snmp-server community (\\S+)', '(?<=password )\\S+', '^set system uptime [0-9]{1,10}', '^(?:foo|bar) baz']) {
    assert.is(requireSafePattern(p, 'volatile'), p);
  }
});

it('catastrophic and invalid patterns are refused with the field', () => {
  refused(() => requireSafePattern('(a+)+$', 'volatile'), 'volatile', /exponential/);
  refused(() => requireSafePattern('(\\w*)*x', 'secrets'), 'secrets', /exponential/);
  refused(() => requireSafePattern('^(a|ab)*c', 'volatile'), 'volatile', /alternatives/);
  refused(() => requireSafePattern('((x+)y)+', 'volatile'), 'volatile');
  refused(() => requireSafePattern('(.{1,5})+z', 'volatile'), 'volatile');
  refused(() => requireSafePattern('(a)\\1', 'volatile'), 'volatile', /backreference/);
  refused(() => requireSafePattern('.*a.*b.*c.*d', 'volatile'), 'volatile', /unbounded/);
  refused(() => requireSafePattern('([unclosed', 'volatile'), 'volatile', /not a valid regular expression/);
  refused(() => requireSafePattern('x'.repeat(201), 'secrets'), 'secrets', /over 200/);
  refused(() => requireSafePattern('.*', 'volatile'), 'volatile', /empty string/);
  refused(() => requireSafePattern('x*', 'secrets'), 'secrets', /empty string/);
  refused(() => requireSafePattern('', 'secrets'), 'secrets');
  refused(() => requireSafePattern('a\nb', 'secrets'), 'secrets', /control/);
  // A quantifier inside a character class or escaped is not a nested quantifier.
  assert.ok(requireSafePattern('([*+]x)+', 'volatile'));
  assert.ok(requireSafePattern('(\\+x)+', 'volatile'));
});

it('scope: exactly one of tag and deviceId', () => {
  assert.equal(validateBackupPolicyScope({ tag: ' core ' }), { kind: 'tag', tag: 'core' });
  assert.equal(validateBackupPolicyScope({ deviceId: 'd1' }), { kind: 'device', deviceId: 'd1' });
  refused(() => validateBackupPolicyScope({}), 'tag');
  refused(() => validateBackupPolicyScope({ tag: 'core', deviceId: 'd1' }), 'deviceId');
});

it('rules: lists capped, duplicates folded, staleness hours bounded', () => {
  assert.equal(validateBackupPolicyRules({ volatile: ['^a', '^a'], secrets: null }), { volatile: ['^a'], secrets: [], staleAfterHours: null });
  refused(() => validateBackupPolicyRules({ volatile: Array.from({ length: 51 }, (_, i) => `^x${i}`) }), 'volatile', /at most 50/);
  refused(() => validateBackupPolicyRules({ staleAfterHours: 0 }), 'staleAfterHours');
  refused(() => validateBackupPolicyRules({ staleAfterHours: 1.5 }), 'staleAfterHours');
  assert.is(validateBackupPolicyRules({ staleAfterHours: 48 }).staleAfterHours, 48);
});

it('set, no-op set, change, empty set removes, remove twice', () => {
  const scope = { kind: 'tag', tag: 'core' } as const;
  const set = { type: 'SetBackupPolicy', data: { scope, volatile: ['^! Time'], secrets: [], staleAfterHours: null } } as const;
  const results = decide([
    set, set,
    { ...set, data: { ...set.data, secrets: ['community (\\S+)'] } },
    { ...set, data: { scope, volatile: [], secrets: [], staleAfterHours: null } },
    { type: 'RemoveBackupPolicy', data: { scope } },
  ]);
  assert.equal(results.map((events) => events.map((e) => e.type)), [['BackupPolicySet'], [], ['BackupPolicySet'], ['BackupPolicyRemoved'], []]);
  assert.equal(results[2]?.[0]?.data, { scope, volatile: ['^! Time'], secrets: ['community (\\S+)'], staleAfterHours: null, setAt: '2026-11-30T15:00:00.000Z' });
  assert.is(backupPolicyDecider.streamName('tag:core'), 'backuppolicy-tag:core');
});

it.run();
