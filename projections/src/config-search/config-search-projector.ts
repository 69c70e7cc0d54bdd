import { sql } from 'kysely';
import type { SnapshotRecorded } from '@netraven/domain';
import type { RecordedEvent } from '@netraven/infra/eventstore';
import { dataOf, type Projector, type ReadModelTransaction } from '../runner/projector.js';
import type { ConfigTexts } from './config-texts.js';

type Snapshot = SnapshotRecorded['data'];
/** Config texts are large: a hundred per statement keeps one statement's size reasonable. */
const ROWS_PER_STATEMENT = 100;

/**
 * `config_search`: each device's latest config text, read from Git at the commit its newest `SnapshotRecorded`
 * names, with the time that version was first recorded. Filled here rather than by the backup path so that the event
 * log stays the only input of every read model: a rebuild re-creates the table from the events and the repository,
 * and no config text enters an event. Most backups change nothing: a snapshot of the commit the row already holds
 * reads nothing from Git and writes nothing. A commit the repository does not have (a repository restored from an
 * older copy) leaves the row as it was.
 */
export function configSearchProjector(texts: ConfigTexts): Projector {
  const applyAll = async (trx: ReadModelTransaction, events: readonly RecordedEvent[]): Promise<void> => {
    // Per device, the first snapshot of its last version in this run (log order): what event by event would leave.
    const latest = new Map<string, Snapshot>();
    for (const event of events) {
      const snapshot = dataOf<Snapshot>(event);
      if (latest.get(snapshot.deviceId)?.commit !== snapshot.commit) latest.set(snapshot.deviceId, snapshot);
    }
    const current = await trx.selectFrom('config_search').select(['device_id', 'commit'])
      .where(sql<boolean>`device_id = any(${[...latest.keys()]}::text[])`).execute();
    const held = new Map(current.map((row) => [row.device_id, row.commit]));
    const changed = [...latest.values()].filter((s) => held.get(s.deviceId) !== s.commit);
    const rows = await Promise.all(changed.map(async (s) => {
      const config = await texts.configAt(s.deviceId, s.commit);
      return config === null ? null : { device_id: s.deviceId, commit: s.commit, recorded_at: new Date(s.recordedAt), config };
    }));
    const present = rows.filter((row) => row !== null);
    for (let i = 0; i < present.length; i += ROWS_PER_STATEMENT) {
      await trx.insertInto('config_search').values(present.slice(i, i + ROWS_PER_STATEMENT))
        .onConflict((conflict) => conflict.column('device_id')
          .doUpdateSet((eb) => ({ commit: eb.ref('excluded.commit'), recorded_at: eb.ref('excluded.recorded_at'), config: eb.ref('excluded.config') })))
        .execute();
    }
  };
  return {
    name: 'config_search',
    tables: ['config_search'],
    eventTypes: ['SnapshotRecorded'],
    apply: (trx, event) => applyAll(trx, [event]),
    batch: { eventTypes: ['SnapshotRecorded'], applyAll },
  };
}
