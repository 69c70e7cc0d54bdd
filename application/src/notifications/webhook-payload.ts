import type { NotificationDevice, NotificationSubject, WebhookEventKind, WebhookFormat } from '@netraven/domain';
import { configChange, type ConfigChange } from './config-diff.js';

/** Where the payload reads both configs of a change (the Git repository in production). */
export interface ConfigSource {
  deviceConfigPath(deviceId: string): string;
  readConfig(commit: string, path: string): Promise<string | null>;
}

/** NetRaven's own payload (format JSON); the receiver dedupes on `id`, the same on every attempt. */
export interface WebhookPayload {
  readonly id: string;
  readonly event: WebhookEventKind | 'PING';
  readonly occurredAt: string;
  readonly webhookId: string;
  readonly summary: string;
  readonly device?: NotificationDevice;
  readonly job?: { readonly id: string; readonly status?: string; readonly succeeded?: number; readonly failed?: number };
  readonly change?: {
    readonly commit: string; readonly previousCommit: string; readonly sha256: string; readonly size: number;
    readonly linesAdded: number; readonly linesRemoved: number; readonly diffTruncated: boolean;
  };
  readonly diff?: string;
  readonly failure?: { readonly category: string; readonly message: string };
  readonly failedDevices?: readonly NotificationDevice[];
  readonly lastBackupAt?: string | null;
  /** DEVICE_STALE: the threshold the device's age passed. */
  readonly staleAfterHours?: number;
}

/** The most diff text one payload carries: JSON receivers get plenty, chat messages what they display. */
const DIFF_CHARS: Record<WebhookFormat, number> = { JSON: 256 * 1024, SLACK: 2_800, TEAMS: 16_000 };

const named = (device: NotificationDevice): string => `${device.name} (${device.host})`;

/** Builds the body of one delivery: the same text on every attempt (Git gives the same configs by commit). */
export async function renderPayload(
  source: ConfigSource, format: WebhookFormat, ids: { deliveryId: string; webhookId: string }, subject: NotificationSubject,
): Promise<{ body: string; payload: WebhookPayload }> {
  const payload = await payloadOf(source, format, ids, subject);
  return { body: JSON.stringify(shaped(format, payload)), payload };
}

/** A signed test message, so an admin can check the receiver and its secret before an event needs them. */
export function pingPayload(webhookId: string, deliveryId: string, now: Date): WebhookPayload {
  return { id: deliveryId, event: 'PING', occurredAt: now.toISOString(), webhookId, summary: 'NetRaven test delivery: this webhook is reachable' };
}

export function shapedBody(format: WebhookFormat, payload: WebhookPayload): string {
  return JSON.stringify(shaped(format, payload));
}

async function payloadOf(source: ConfigSource, format: WebhookFormat, ids: { deliveryId: string; webhookId: string }, subject: NotificationSubject): Promise<WebhookPayload> {
  const base = { id: ids.deliveryId, webhookId: ids.webhookId, event: subject.kind, occurredAt: subject.occurredAt };
  switch (subject.kind) {
    case 'CONFIG_CHANGED': {
      const change = await changeOf(source, subject, DIFF_CHARS[format]);
      return {
        ...base, device: subject.device, job: { id: subject.jobId },
        summary: `Configuration of ${named(subject.device)} changed: +${change.linesAdded} -${change.linesRemoved} lines`,
        change: {
          commit: subject.commit, previousCommit: subject.previousCommit, sha256: subject.sha256, size: subject.size,
          linesAdded: change.linesAdded, linesRemoved: change.linesRemoved, diffTruncated: change.truncated,
        },
        diff: change.diff,
      };
    }
    case 'BACKUP_FAILED':
      return {
        ...base, device: subject.device, job: { id: subject.jobId }, failure: { category: subject.category, message: subject.message },
        summary: `Backup of ${named(subject.device)} failed (${subject.category}): ${subject.message}`,
      };
    case 'JOB_FAILED':
      return {
        ...base, job: { id: subject.jobId, status: subject.status, succeeded: subject.succeeded, failed: subject.failed }, failedDevices: subject.failedDevices,
        summary: `Job ${subject.jobId} ${subject.status === 'FAILED' ? 'failed' : 'ended with failures'}: ${subject.failed} of ${subject.succeeded + subject.failed} devices failed`,
      };
    case 'DEVICE_STALE':
      return {
        ...base, device: subject.device, lastBackupAt: subject.lastBackupAt, staleAfterHours: subject.staleAfterHours,
        summary: `${named(subject.device)} is stale: no successful backup for more than ${subject.staleAfterHours} h (last: ${subject.lastBackupAt ?? 'never'})`,
      };
  }
}

async function changeOf(source: ConfigSource, subject: Extract<NotificationSubject, { kind: 'CONFIG_CHANGED' }>, maxChars: number): Promise<ConfigChange> {
  const path = source.deviceConfigPath(subject.device.id);
  const [before, after] = await Promise.all([source.readConfig(subject.previousCommit, path), source.readConfig(subject.commit, path)]);
  return configChange(path, before ?? '', after ?? '', maxChars);
}

/** Slack and Teams incoming webhooks take their own message shapes; the JSON format is the payload itself. */
function shaped(format: WebhookFormat, payload: WebhookPayload): unknown {
  if (format === 'JSON') return payload;
  const facts = factsOf(payload);
  if (format === 'SLACK') {
    const blocks: unknown[] = [
      { type: 'section', text: { type: 'mrkdwn', text: `*${payload.event}*: ${payload.summary}` } },
      { type: 'section', fields: facts.map(([name, value]) => ({ type: 'mrkdwn', text: `*${name}*\n${value}` })) },
    ];
    if (payload.diff) blocks.push({ type: 'section', text: { type: 'mrkdwn', text: `\`\`\`${payload.diff}\`\`\`` } });
    return { text: payload.summary, blocks };
  }
  // Teams (Workflows / incoming webhook): a message carrying one Adaptive Card.
  const body: unknown[] = [
    { type: 'TextBlock', text: payload.event, weight: 'Bolder', size: 'Medium' },
    { type: 'TextBlock', text: payload.summary, wrap: true },
    { type: 'FactSet', facts: facts.map(([title, value]) => ({ title, value })) },
  ];
  if (payload.diff) body.push({ type: 'TextBlock', text: payload.diff, fontType: 'Monospace', wrap: true });
  return {
    type: 'message', summary: payload.summary,
    attachments: [{
      contentType: 'application/vnd.microsoft.card.adaptive', contentUrl: null,
      content: { $schema: 'http://adaptivecards.io/schemas/adaptive-card.json', type: 'AdaptiveCard', version: '1.4', body },
    }],
  };
}

function factsOf(payload: WebhookPayload): Array<[string, string]> {
  const facts: Array<[string, string]> = [];
  if (payload.device) facts.push(['Device', named(payload.device)], ['Platform', payload.device.platform]);
  if (payload.job) facts.push(['Job', payload.job.id]);
  if (payload.failure) facts.push(['Category', payload.failure.category]);
  if (payload.event === 'DEVICE_STALE') facts.push(['Last successful backup', payload.lastBackupAt ?? 'never'], ['Stale after', `${payload.staleAfterHours ?? '?'} h`]);
  facts.push(['Delivery', payload.id]);
  return facts;
}
