import {
  DEVICE_BACKUP_STATES, DEVICE_SORTS, deviceCursor, snapshotCursor, type DeviceRow, type DeviceSort, type SnapshotRow,
} from '@netraven/projections';
import { INPUT_LIMITS, requireLabel } from '@netraven/domain';
import { tagArgument } from './argument-rules.js';
import { builder } from './builder.js';
import { pageSized } from '../hardening/page-size.js';
import { CONNECTION_SIZES, keysetConnection } from './connections.js';
import { DeviceType, SnapshotType } from './devices.js';
import { JobDeviceType } from './jobs.js';

const DeviceSortEnum = builder.enumType('DeviceSort', {
  description: 'NAME: A to Z; NAME_DESC: Z to A; LAST_BACKUP: most recent backup first, never backed up last; LAST_BACKUP_OLDEST: the reverse.',
  values: DEVICE_SORTS,
});
const DeviceBackupStateEnum = builder.enumType('DeviceBackupState', {
  description: 'A device’s last backup outcome: OK (succeeded), FAILED, or NEVER backed up.',
  values: DEVICE_BACKUP_STATES,
});

const DeviceConnection = builder.connectionObject({ type: DeviceType, name: 'DeviceConnection' });
const SnapshotConnection = builder.connectionObject({ type: SnapshotType, name: 'SnapshotConnection' });

const TEXT_LIMIT = 200;

builder.queryField('devices', (t) =>
  t.connection(
    {
      type: DeviceType,
      ...pageSized(CONNECTION_SIZES.devices),
      description: 'Devices, a page at a time (keyset cursors: stable while devices come and go). Tag scopes apply to the page and to totalCount.',
      args: {
        limit: t.arg.int({ required: false, description: 'The old name of `first`.' }),
        text: t.arg.string({ required: false, description: 'A case-insensitive substring of the name or the host.' }),
        tag: t.arg.string({ required: false }),
        platform: t.arg.string({ required: false }),
        status: t.arg({ type: DeviceBackupStateEnum, required: false, description: 'The last backup outcome.' }),
        includeDecommissioned: t.arg.boolean({ required: false }),
        stale: t.arg.boolean({ required: false, description: 'true: only stale devices (no successful backup within their threshold); false: only the others.' }),
        sort: t.arg({ type: DeviceSortEnum, required: false, defaultValue: 'NAME' }),
      },
      resolve: (_r, args, ctx) => {
        const sort: DeviceSort = args.sort ?? 'NAME';
        const filter = {
          ...(args.text ? { text: requireLabel(args.text, 'text', TEXT_LIMIT) } : {}),
          ...(args.tag ? { tag: tagArgument(args.tag, 'tag') } : {}),
          ...(args.platform ? { platform: requireLabel(args.platform, 'platform', INPUT_LIMITS.platformLength) } : {}),
          ...(args.status ? { backupState: args.status } : {}),
          ...(args.stale != null ? { stale: args.stale } : {}),
          includeDecommissioned: args.includeDecommissioned ?? false,
        };
        return keysetConnection(args, {
          tag: `devices:${sort}`,
          size: CONNECTION_SIZES.devices,
          timeKeyed: sort === 'LAST_BACKUP' || sort === 'LAST_BACKUP_OLDEST',
          cursorOf: (d: DeviceRow) => deviceCursor(sort, d),
          fetch: (page) => ctx.queries.devices(ctx.actor, filter, sort, page),
          count: () => ctx.queries.countDevices(ctx.actor, filter),
        });
      },
    },
    DeviceConnection,
  ),
);

builder.objectField(DeviceType, 'snapshots', (t) =>
  t.connection(
    {
      type: SnapshotType,
      ...pageSized(CONNECTION_SIZES.snapshots),
      description: 'Backups of this device, newest first.',
      args: { limit: t.arg.int({ required: false, description: 'The old name of `first`.' }) },
      resolve: (device, args, ctx) =>
        keysetConnection(args, {
          tag: 'snapshots',
          size: CONNECTION_SIZES.snapshots,
          timeKeyed: true,
          cursorOf: (s: SnapshotRow & { platform: string }) => snapshotCursor(s),
          fetch: async (page) => (await ctx.queries.snapshots(ctx.actor, device, page)).map((s) => ({ ...s, platform: device.platform })),
          count: () => ctx.queries.countSnapshots(ctx.actor, device),
        }),
    },
    SnapshotConnection,
  ),
);

builder.objectField(DeviceType, 'lastBackup', (t) =>
  t.field({
    type: JobDeviceType,
    nullable: true,
    description: 'The device’s part in the job that last gave it an outcome (status, jobId, finishedAt, changed, error); null before its first. Batched: a page of devices reads them in one statement.',
    resolve: (device, _args, ctx) => (device.last_job_id === null ? null : ctx.loaders.lastBackup.load(device)),
  }),
);
