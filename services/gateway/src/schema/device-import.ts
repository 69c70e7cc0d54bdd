import type { ImportDevicesResult, ImportedDevice, ImportRowError } from '@netraven/application';
import { builder } from './builder.js';

const ImportDeviceRowInput = builder.inputType('ImportDeviceRowInput', {
  description: 'One inventory row, like RegisterDeviceInput; every field optional so a missing one is reported for its row.',
  fields: (t) => ({
    name: t.string({ required: false }),
    host: t.string({ required: false }),
    port: t.int({ required: false, description: 'Default 22.' }),
    platform: t.string({ required: false }),
    protocol: t.string({ required: false, description: 'ssh (default) or telnet.' }),
    credentialId: t.id({ required: false }),
    credential: t.string({ required: false, description: 'The credential by name, when credentialId is not given.' }),
    tags: t.stringList({ required: false }),
    line: t.int({ required: false, description: 'Where the row came from (a file line): echoed in its errors.' }),
  }),
});

const ImportDevicesInput = builder.inputType('ImportDevicesInput', {
  fields: (t) => ({
    devices: t.field({ type: [ImportDeviceRowInput], required: true }),
    dryRun: t.boolean({ required: false, defaultValue: false, description: 'Check and report only; nothing is appended.' }),
  }),
});

const ImportOutcomeEnum = builder.enumType('ImportOutcome', { values: ['IMPORTED', 'UNCHANGED'] as const });

const ImportRowErrorType = builder.objectRef<ImportRowError>('ImportRowError').implement({
  fields: (t) => ({
    row: t.exposeInt('row', { description: '0-based index in input.devices.' }),
    line: t.exposeInt('line', { nullable: true, description: 'The row’s own line, as sent.' }),
    field: t.exposeString('field', { nullable: true }),
    reason: t.exposeString('reason'),
  }),
});

const ImportedDeviceType = builder.objectRef<ImportedDevice>('ImportedDevice').implement({
  fields: (t) => ({
    row: t.exposeInt('row'),
    id: t.exposeID('id', { nullable: true, description: 'Null for a new device in a dry run.' }),
    name: t.exposeString('name'),
    outcome: t.field({ type: ImportOutcomeEnum, resolve: (d) => d.outcome }),
  }),
});

const ImportDevicesResultType = builder.objectRef<ImportDevicesResult>('ImportDevicesResult').implement({
  description: 'All rows or none: when errors is not empty, nothing was imported.',
  fields: (t) => ({
    dryRun: t.exposeBoolean('dryRun'),
    imported: t.exposeInt('imported'),
    unchanged: t.exposeInt('unchanged'),
    refused: t.exposeInt('refused'),
    errors: t.field({ type: [ImportRowErrorType], resolve: (r) => [...r.errors] }),
    devices: t.field({ type: [ImportedDeviceType], resolve: (r) => [...r.devices] }),
  }),
});

builder.mutationFields((t) => ({
  importDevices: t.field({
    type: ImportDevicesResultType,
    description: 'Registers many devices at once; a refused row refuses the whole import; rows equal to existing devices are unchanged.',
    args: { input: t.arg({ type: ImportDevicesInput, required: true }) },
    resolve: (_r, { input }, ctx) =>
      ctx.commands.importDevices(ctx.actor, {
        dryRun: input.dryRun ?? false,
        devices: input.devices.map((d) => ({ ...d, credentialId: d.credentialId == null ? null : String(d.credentialId) })),
      }),
  }),
}));
