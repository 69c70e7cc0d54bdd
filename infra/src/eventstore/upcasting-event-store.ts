import type {
  AppendResult,
  BatchHandler,
  EventSelection,
  EventStore,
  ExpectedRevision,
  NewEvent,
  ReadAllOptions,
  ReadSelectedOptions,
  ReadStreamOptions,
  RecordedEvent,
  StreamWrite,
  SubscribeAllOptions,
  Subscription,
} from './event-store.js';

/** What the store needs of the domain's schema registry. */
export interface EventSchemas {
  currentVersion(type: string): number;
  upcast(type: string, version: number, data: unknown): unknown;
}

/**
 * Stamps new events with their type's current schema version and upcasts older events on every
 * read path, so deciders and projectors only ever see the current shape.
 */
export class UpcastingEventStore implements EventStore {
  constructor(
    private readonly inner: EventStore,
    private readonly schemas: EventSchemas,
  ) {}

  append(streamId: string, events: readonly NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    return this.inner.append(streamId, this.stamp(events), expected);
  }

  appendMany(writes: readonly StreamWrite[]): Promise<AppendResult[]> {
    return this.inner.appendMany(writes.map((w) => ({ ...w, events: this.stamp(w.events) })));
  }

  async readStreams(streamIds: readonly string[]): Promise<Map<string, RecordedEvent[]>> {
    const streams = await this.inner.readStreams(streamIds);
    return new Map([...streams].map(([id, events]) => [id, events.map((e) => this.upcast(e))]));
  }

  async readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    return (await this.inner.readStream(streamId, options)).map((e) => this.upcast(e));
  }

  async readAll(options?: ReadAllOptions): Promise<RecordedEvent[]> {
    return (await this.inner.readAll(options)).map((e) => this.upcast(e));
  }

  async readSelected(selection: EventSelection, options?: ReadSelectedOptions): Promise<RecordedEvent[]> {
    return (await this.inner.readSelected(selection, options)).map((e) => this.upcast(e));
  }

  subscribeAll(options: SubscribeAllOptions, handler: BatchHandler): Subscription {
    return this.inner.subscribeAll(options, (events) => handler(events.map((e) => this.upcast(e))));
  }

  close(): Promise<void> {
    return this.inner.close();
  }

  private stamp(events: readonly NewEvent[]): NewEvent[] {
    return events.map((e) => ({ ...e, metadata: { ...e.metadata, schemaVersion: this.schemas.currentVersion(e.type) } }));
  }

  private upcast(event: RecordedEvent): RecordedEvent {
    const recordedVersion = event.metadata.schemaVersion ?? 1;
    const current = this.schemas.currentVersion(event.type);
    if (recordedVersion >= current) return event;
    // The metadata keeps the recorded version: the audit trail shows what was written.
    return { ...event, data: this.schemas.upcast(event.type, recordedVersion, event.data) };
  }
}
