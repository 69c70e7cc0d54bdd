import { systemActor, type NetRavenCommands } from '@netraven/application';
import type { NetRavenConfig } from '@netraven/infra/config';
import type { Logger } from '@netraven/infra/log';
import type { Kysely } from 'kysely';
import type { ReadModelDatabase } from '@netraven/projections';
import { SenderDirectory, SyslogListener, type SyslogBackupRequest } from '@netraven/scheduler';

/** The actor change-triggered jobs carry (`requestedBy: system:syslog`), so the UI can say why a job ran. */
export const SYSLOG_ACTOR = systemActor('syslog');

/**
 * The one place a syslog message becomes a backup job. Today through `scheduleBackup`; when job
 * priorities land this becomes `runJob` with priority HIGH.
 */
export async function backUpAfterChange(netraven: NetRavenCommands, request: SyslogBackupRequest): Promise<string> {
  const job = await netraven.scheduleBackup(SYSLOG_ACTOR, { deviceIds: [request.deviceId] });
  return job.id;
}

export function syslogListener(
  syslog: NonNullable<NetRavenConfig['syslog']>, db: Kysely<ReadModelDatabase>, netraven: NetRavenCommands, logger: Logger,
): SyslogListener {
  const log = logger.child({ component: 'syslog' });
  return new SyslogListener({
    port: syslog.port,
    host: syslog.host,
    debounceMs: syslog.debounceMs,
    senders: new SenderDirectory(db),
    backUp: (request) => backUpAfterChange(netraven, request),
    onListening: (address) => log.info({ ...address, debounceMs: syslog.debounceMs }, 'syslog listener up (UDP and TCP): configuration-change messages trigger backups'),
    onBackup: (b) => log.info(
      { deviceId: b.deviceId, device: b.deviceName, address: b.address, change: b.change.kind, user: b.change.user, followUp: b.followUp, jobId: b.jobId },
      b.followUp ? 'follow-up backup for configuration changes folded into the debounce window' : 'configuration change reported over syslog: backing up the device',
    ),
    onFolded: (f) => log.debug({ deviceId: f.deviceId, change: f.change.kind, user: f.change.user }, 'configuration change folded into the follow-up backup'),
    onIgnored: (ignored) => log.info(ignored, 'syslog message ignored (logged once per sender)'),
    onError: (error, context) => log.error({ err: error }, `syslog: ${context} failed`),
  });
}
