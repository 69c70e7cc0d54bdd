/**
 * Event schema evolution: each event type has a current schema version, and for every older
 * version an upcaster that turns its data into the next version's shape. Events in the log are
 * never rewritten; readers upcast on the way in.
 */
export type Upcaster = (data: Readonly<Record<string, unknown>>) => Record<string, unknown>;

export interface EventSchema {
  readonly type: string;
  readonly version: number;
  /** `upcasters[v]` turns version v data into version v + 1 data. */
  readonly upcasters?: Readonly<Record<number, Upcaster>>;
}

export class EventSchemaRegistry {
  private readonly schemas = new Map<string, EventSchema>();

  constructor(schemas: readonly EventSchema[]) {
    for (const schema of schemas) {
      for (let v = 1; v < schema.version; v++) {
        if (!schema.upcasters?.[v]) throw new Error(`${schema.type}: no upcaster from schema version ${v} to ${v + 1}`);
      }
      this.schemas.set(schema.type, schema);
    }
  }

  currentVersion(type: string): number {
    return this.schemas.get(type)?.version ?? 1;
  }

  /** Data of `type` recorded at `version`, in the current version's shape. */
  upcast(type: string, version: number, data: unknown): unknown {
    const schema = this.schemas.get(type);
    if (!schema || version >= schema.version) return data;
    let current = data as Record<string, unknown>;
    for (let v = version; v < schema.version; v++) {
      const upcaster = schema.upcasters?.[v];
      if (!upcaster) throw new Error(`${type}: no upcaster from schema version ${v}`);
      current = upcaster(current);
    }
    return current;
  }
}
