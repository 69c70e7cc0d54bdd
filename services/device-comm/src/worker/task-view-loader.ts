import type { Kysely } from 'kysely';
import { backupTaskViews, type BackupTaskView, type ReadModelDatabase } from '@netraven/projections';

interface Waiting {
  readonly resolve: (view: BackupTaskView | undefined) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * The task views asked for in the same turn of the event loop, read in one statement: tasks start in
 * bursts (a group-committed batch of starts resolves together), so one read serves the burst instead of
 * one per task. Each task still sees its device as it stands when the task starts.
 */
export class TaskViewLoader {
  private waiting = new Map<string, Waiting[]>();
  private scheduled = false;

  constructor(
    private readonly db: Kysely<ReadModelDatabase>,
    private readonly maxBatch = 500,
  ) {}

  load(deviceId: string): Promise<BackupTaskView | undefined> {
    return new Promise((resolve, reject) => {
      const list = this.waiting.get(deviceId);
      if (list) list.push({ resolve, reject });
      else this.waiting.set(deviceId, [{ resolve, reject }]);
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    this.scheduled = false;
    const all = this.waiting;
    this.waiting = new Map();
    const ids = [...all.keys()];
    for (let i = 0; i < ids.length; i += this.maxBatch) void this.read(ids.slice(i, i + this.maxBatch), all);
  }

  private async read(ids: string[], all: ReadonlyMap<string, Waiting[]>): Promise<void> {
    try {
      const views = await backupTaskViews(this.db, ids);
      for (const id of ids) for (const w of all.get(id)!) w.resolve(views.get(id));
    } catch (error) {
      for (const id of ids) for (const w of all.get(id)!) w.reject(error);
    }
  }
}
