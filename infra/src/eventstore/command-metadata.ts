import { randomUUID } from 'node:crypto';
import type { CommandMetadata } from '@netraven/domain';

export type Clock = () => Date;
export const systemClock: Clock = () => new Date();

/**
 * Metadata for a new command. Pass a deterministic `commandId` when the same command may be
 * issued again after a crash (e.g. `dispatch-<jobId>`), so the handler recognises the repeat.
 */
export function newCommandMetadata(options: {
  actor: string;
  commandId?: string;
  correlationId?: string;
  clock?: Clock;
}): CommandMetadata {
  const commandId = options.commandId ?? randomUUID();
  return {
    now: (options.clock ?? systemClock)(),
    actor: options.actor,
    commandId,
    correlationId: options.correlationId ?? commandId,
  };
}
