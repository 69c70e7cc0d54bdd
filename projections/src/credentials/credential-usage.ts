import { sql } from 'kysely';
import { loginVerdictOf, type CredentialTested, type CredentialTry, type DeviceBackupFailed, type SnapshotRecorded } from '@netraven/domain';
import type { RecordedEvent } from '@netraven/infra/eventstore';
import { dataOf, type ReadModelTransaction } from '../runner/projector.js';

/** Events that say a credential was used: backup outcomes (with the credentials tried) and test logins. */
export const CREDENTIAL_USAGE_EVENT_TYPES = ['SnapshotRecorded', 'DeviceBackupFailed', 'CredentialTested'] as const;

interface Usage {
  success: number;
  failure: number;
  lastUsedAt: Date;
}

/**
 * Adds a run of usage events to the credentials' counters in one statement: accepted logins count as
 * successes, refused ones as failures, undecided ones only as a use. Counting up is safe because the
 * runner applies each event exactly once (its checkpoint claim).
 */
export async function applyCredentialUsage(trx: ReadModelTransaction, events: readonly RecordedEvent[]): Promise<void> {
  const usage = new Map<string, Usage>();
  const count = (credentialId: string, verdict: CredentialTry['verdict'], at: Date): void => {
    const u = usage.get(credentialId) ?? { success: 0, failure: 0, lastUsedAt: at };
    if (verdict === 'accepted') u.success++;
    if (verdict === 'refused') u.failure++;
    if (at > u.lastUsedAt) u.lastUsedAt = at;
    usage.set(credentialId, u);
  };
  for (const event of events) {
    if (event.type === 'CredentialTested') {
      const d = dataOf<CredentialTested['data']>(event);
      count(d.credentialId, d.ok ? 'accepted' : loginVerdictOf(d.category), new Date(d.testedAt));
      continue;
    }
    const d = dataOf<(SnapshotRecorded['data'] | DeviceBackupFailed['data'])>(event);
    const at = new Date('recordedAt' in d ? d.recordedAt : d.failedAt);
    for (const tried of d.credentialsTried ?? []) count(tried.credentialId, tried.verdict, at);
  }
  if (usage.size === 0) return;
  const ids = [...usage.keys()];
  const rows = ids.map((id) => usage.get(id) as Usage);
  await sql`
    UPDATE credentials AS c
       SET success_count = c.success_count + u.success,
           failure_count = c.failure_count + u.failure,
           last_used_at = greatest(c.last_used_at, u.last_used_at)
      FROM unnest(${ids}::text[], ${rows.map((r) => r.success)}::int[], ${rows.map((r) => r.failure)}::int[],
                  ${rows.map((r) => r.lastUsedAt.toISOString())}::timestamptz[]) AS u(id, success, failure, last_used_at)
     WHERE c.id = u.id`.execute(trx);
}
