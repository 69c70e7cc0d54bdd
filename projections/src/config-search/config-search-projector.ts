import type { SnapshotRecorded } from '@netraven/domain';
import type { RecordedEvent } from '@netraven/infra/eventstore';
import { dataOf, type Projector, type ReadModelTransaction } from '../runner/projector.js';
import type { ConfigTexts } from './config-texts.js';

type Snapshot = SnapshotRecorded['data'];
/** Config texts are large: a hundred per statement keeps one statement's size reasonable. */
const ROWS_PER_STATEMENT = 100;

/**
 * `config_search`: each device's latest config text, read from Git at the commit its newest `SnapshotRecorded`
 * names. Filled here rather than by the backup path so that the event log stays the only input of every read
 * model: a rebuild re-creates the table from the events and the repository, and no config text enters an event.
 * A commit the repository does not have (a repository restored from an older copy) leaves the row as it was.
 */
export function configSearchProjector(texts: ConfigTexts): Projector {
  const applyAll = async (trx: ReadModelTransaction, events: readonly RecordedEvent[]): Promise<void> => {
    const newest = new Map<string, Snapshot>();
    for (const event of events) {
      const snapshot = dataOf<Snapshot>(event);
      const seen = newest.get(snapshot.deviceId);
      if (!seen || Date.parse(snapshot.recordedAt) >= Date.parse(seen.recordedAt)) newest.set(snapshot.deviceId, snapshot);
    }
    const rows = await Promise.all([...newest.values()].map(async (s) => {
      const config = await texts.configAt(s.deviceId, s.commit);
      return config === null ? null : { device_id: s.deviceId, commit: s.commit, recorded_at: new Date(s.recordedAt), config };
    }));
    const present = rows.filter((row) => row !== null);
    for (let i = 0; i < present.length; i += ROWS_PER_STATEMENT) {
      // An older snapshot replayed after a newer one (never in log order, but cheap to guard) does not win.
      await trx.insertInto('config_search').values(present.slice(i, i + ROWS_PER_STATEMENT))
        .onConflict((conflict) => conflict.column('device_id')
          .doUpdateSet((eb) => ({ commit: eb.ref('excluded.commit'), recorded_at: eb.ref('excluded.recorded_at'), config: eb.ref('excluded.config') }))
          .where('config_search.recorded_at', '<=', (eb) => eb.ref('excluded.recorded_at')))
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
