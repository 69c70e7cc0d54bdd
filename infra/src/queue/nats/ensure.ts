import {
  AckPolicy,
  DeliverPolicy,
  JetStreamApiCodes,
  JetStreamApiError,
  RetentionPolicy,
  StorageType,
  type ConsumerConfig,
  type ConsumerInfo,
  type JetStreamManager,
  type StreamInfo,
} from '@nats-io/jetstream';
import { nanos } from '@nats-io/transport-node';

export interface StreamSpec {
  readonly stream: string;
  readonly subject: string;
  readonly duplicateWindowMs: number;
}

export interface ConsumerSpec {
  readonly stream: string;
  readonly subject: string;
  readonly durable: string;
  readonly maxDeliver: number;
  readonly ackWaitMs: number;
  readonly maxAckPending: number;
}

// Several workers start at once: whoever loses a create race finds the winner's object on the next look.
const ATTEMPTS = 3;

/** Creates the work-queue stream or brings an existing one in line (subject, duplicate window). */
export async function ensureStream(jsm: JetStreamManager, spec: StreamSpec): Promise<StreamInfo> {
  const duplicateWindow = nanos(spec.duplicateWindowMs);
  for (let attempt = 1; ; attempt++) {
    try {
      const existing = await lookup(() => jsm.streams.info(spec.stream), JetStreamApiCodes.StreamNotFound);
      if (!existing) {
        return await jsm.streams.add({
          name: spec.stream,
          subjects: [spec.subject],
          retention: RetentionPolicy.Workqueue,
          storage: StorageType.File,
          duplicate_window: duplicateWindow,
        });
      }
      const config = existing.config;
      if (config.retention !== RetentionPolicy.Workqueue) {
        throw new Error(`stream ${spec.stream} exists with retention ${config.retention}; a work queue needs workqueue`);
      }
      const subjects = config.subjects ?? [];
      if (subjects.includes(spec.subject) && config.duplicate_window === duplicateWindow) return existing;
      return await jsm.streams.update(spec.stream, {
        ...config,
        subjects: subjects.includes(spec.subject) ? subjects : [...subjects, spec.subject],
        duplicate_window: duplicateWindow,
      });
    } catch (error) {
      if (attempt >= ATTEMPTS || !(error instanceof JetStreamApiError)) throw error;
    }
  }
}

/**
 * Creates the durable pull consumer or updates it. No `backoff` list on the consumer: the server then replaces
 * ack_wait with backoff[0], and ack_wait is what detects a crashed worker; failures are delayed by nak(delay).
 * max_ack_pending is shared by every worker on the durable, so it is only ever raised, never lowered.
 */
export async function ensureConsumer(jsm: JetStreamManager, spec: ConsumerSpec): Promise<ConsumerInfo> {
  const wanted: Partial<ConsumerConfig> = {
    durable_name: spec.durable,
    ack_policy: AckPolicy.Explicit,
    deliver_policy: DeliverPolicy.All,
    filter_subject: spec.subject,
    max_deliver: spec.maxDeliver,
    ack_wait: nanos(spec.ackWaitMs),
    max_ack_pending: spec.maxAckPending,
  };
  for (let attempt = 1; ; attempt++) {
    try {
      const existing = await lookup(() => jsm.consumers.info(spec.stream, spec.durable), JetStreamApiCodes.ConsumerNotFound);
      if (!existing) return await jsm.consumers.add(spec.stream, wanted);
      const config = existing.config;
      if (config.ack_policy !== AckPolicy.Explicit) {
        throw new Error(`consumer ${spec.durable} on ${spec.stream} exists with ack policy ${config.ack_policy}; needs explicit`);
      }
      const pending = config.max_ack_pending ?? -1;
      const maxAckPending = pending === -1 ? -1 : Math.max(pending, spec.maxAckPending);
      const current =
        config.filter_subject === spec.subject &&
        config.max_deliver === spec.maxDeliver &&
        config.ack_wait === wanted.ack_wait &&
        pending === maxAckPending &&
        (config.backoff ?? []).length === 0;
      if (current) return existing;
      return await jsm.consumers.update(spec.stream, spec.durable, {
        filter_subject: spec.subject,
        max_deliver: spec.maxDeliver,
        ack_wait: nanos(spec.ackWaitMs),
        max_ack_pending: maxAckPending,
        backoff: [],
      });
    } catch (error) {
      if (attempt >= ATTEMPTS || !(error instanceof JetStreamApiError)) throw error;
    }
  }
}

async function lookup<T>(info: () => Promise<T>, notFoundCode: number): Promise<T | undefined> {
  try {
    return await info();
  } catch (error) {
    if (error instanceof JetStreamApiError && error.code === notFoundCode) return undefined;
    throw error;
  }
}
