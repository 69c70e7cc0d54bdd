import { ConfigQueries, SEARCH_LIMITS, type ConfigDiff, type ConfigSearchNode, type DiffHunk, type DiffLine, type ShownLine, type SideBySideHunk, type SideBySideRow } from '@netraven/application';
import { ValidationError } from '@netraven/domain';
import { configTextsOf } from '@netraven/projections';
import { idArgument } from './argument-rules.js';
import { builder, type GatewayContext } from './builder.js';
import { pageSized } from '../hardening/page-size.js';
import { DeviceType, SnapshotType } from './devices.js';

/** One use-case object per read-model database and repository (they live as long as the gateway). */
const configQueries = new WeakMap<object, ConfigQueries>();
const configsOf = (ctx: GatewayContext): ConfigQueries => {
  let queries = configQueries.get(ctx.git);
  if (!queries) {
    queries = new ConfigQueries(ctx.db, configTextsOf(ctx.git));
    configQueries.set(ctx.git, queries);
  }
  return queries;
};

const DiffLineKindEnum = builder.enumType('DiffLineKind', { values: ['CONTEXT', 'ADDED', 'REMOVED'] as const });
const SideBySideKindEnum = builder.enumType('SideBySideKind', { values: ['CONTEXT', 'CHANGED', 'ADDED', 'REMOVED'] as const });

const DiffLineType = builder.objectRef<DiffLine>('DiffLine').implement({
  fields: (t) => ({
    kind: t.field({ type: DiffLineKindEnum, resolve: (l) => l.kind }),
    oldNumber: t.exposeInt('oldNumber', { nullable: true, description: 'Line number in the old version; null for an added line.' }),
    newNumber: t.exposeInt('newNumber', { nullable: true, description: 'Line number in the new version; null for a removed line.' }),
    text: t.exposeString('text'),
  }),
});

const DiffHunkType = builder.objectRef<DiffHunk>('DiffHunk').implement({
  description: 'A run of changes with context. Starts as `git diff` writes them: a side without lines names the line before.',
  fields: (t) => ({
    oldStart: t.exposeInt('oldStart'),
    oldLines: t.exposeInt('oldLines'),
    newStart: t.exposeInt('newStart'),
    newLines: t.exposeInt('newLines'),
    lines: t.field({ type: [DiffLineType], resolve: (h) => [...h.lines] }),
  }),
});

const SideBySideRowType = builder.objectRef<SideBySideRow>('SideBySideRow').implement({
  description: 'One row of a two-column view: removed lines next to the added lines that replace them are CHANGED.',
  fields: (t) => ({
    kind: t.field({ type: SideBySideKindEnum, resolve: (r) => r.kind }),
    oldNumber: t.exposeInt('oldNumber', { nullable: true }),
    oldText: t.exposeString('oldText', { nullable: true }),
    newNumber: t.exposeInt('newNumber', { nullable: true }),
    newText: t.exposeString('newText', { nullable: true }),
  }),
});

const SideBySideHunkType = builder.objectRef<SideBySideHunk>('SideBySideHunk').implement({
  fields: (t) => ({
    oldStart: t.exposeInt('oldStart'),
    newStart: t.exposeInt('newStart'),
    rows: t.field({ type: [SideBySideRowType], resolve: (h) => [...h.rows] }),
  }),
});

const DiffStatsType = builder.objectRef<ConfigDiff['stats']>('DiffStats').implement({
  fields: (t) => ({ added: t.exposeInt('added'), removed: t.exposeInt('removed') }),
});

const ConfigDiffType = builder.objectRef<ConfigDiff>('ConfigDiff').implement({
  description: 'What changed from one stored configuration to another (line diff, jsdiff).',
  fields: (t) => ({
    from: t.field({ type: SnapshotType, resolve: (d) => d.from }),
    to: t.field({ type: SnapshotType, resolve: (d) => d.to }),
    unified: t.exposeString('unified', { description: 'Unified diff text (`--- a/<path>`, `+++ b/<path>`, hunks); empty when nothing changed.' }),
    stats: t.field({ type: DiffStatsType, resolve: (d) => d.stats }),
    hunks: t.field({ type: [DiffHunkType], resolve: (d) => [...d.hunks] }),
    sideBySide: t.field({ type: [SideBySideHunkType], resolve: (d) => [...d.sideBySide] }),
  }),
});

const ConfigRefInput = builder.inputType('ConfigRef', {
  description: 'A stored configuration: a device and the commit of one of its snapshots.',
  fields: (t) => ({ deviceId: t.id({ required: true }), commit: t.string({ required: true }) }),
});

const ConfigLineType = builder.objectRef<ShownLine>('ConfigLine').implement({
  fields: (t) => ({
    number: t.exposeInt('number', { description: '1-based line number in that configuration.' }),
    text: t.exposeString('text'),
    context: t.exposeBoolean('context', { description: 'True for a line shown around a match, false for a matching line.' }),
  }),
});

const ConfigMatchType = builder.objectRef<ConfigSearchNode>('ConfigMatch').implement({
  description: 'A configuration with matching lines, each with its context lines.',
  fields: (t) => ({
    device: t.field({ type: DeviceType, resolve: (m) => m.device }),
    commit: t.exposeString('commit'),
    recordedAt: t.field({ type: 'DateTime', resolve: (m) => m.recordedAt }),
    lines: t.field({ type: [ConfigLineType], resolve: (m) => [...m.lines] }),
  }),
});

builder.objectFields(DeviceType, (t) => ({
  configAt: t.field({
    type: SnapshotType,
    nullable: true,
    description: 'The configuration in force at that time: the latest snapshot recorded at or before it; null when there was none yet.',
    args: { at: t.arg({ type: 'DateTime', required: true }) },
    resolve: async (d, args, ctx) => {
      const snapshot = await configsOf(ctx).configAt(ctx.actor, d, args.at);
      return snapshot ? { ...snapshot, platform: d.platform } : null;
    },
  }),
}));

builder.objectFields(SnapshotType, (t) => ({
  diff: t.field({
    type: ConfigDiffType,
    nullable: true,
    description: 'This snapshot against another version of its device (`against`: a commit), by default the version stored before it; null when there is none.',
    args: { against: t.arg.string({ required: false }), context: t.arg.int({ required: false }) },
    resolve: async (s, args, ctx) =>
      (await configsOf(ctx).snapshotDiff(ctx.actor, s, args.against ?? undefined, args.context ?? undefined)) ?? null,
  }),
}));

builder.queryFields((t) => ({
  configDiff: t.field({
    type: ConfigDiffType,
    description: 'The diff between any two stored configurations, of one device or of two.',
    args: {
      from: t.arg({ type: ConfigRefInput, required: true }),
      to: t.arg({ type: ConfigRefInput, required: true }),
      context: t.arg.int({ required: false, description: 'Unchanged lines around each change (default 3).' }),
    },
    resolve: (_r, args, ctx) =>
      configsOf(ctx).configDiff(ctx.actor,
        { deviceId: idArgument(args.from.deviceId, 'from.deviceId'), commit: args.from.commit },
        { deviceId: idArgument(args.to.deviceId, 'to.deviceId'), commit: args.to.commit },
        args.context ?? undefined),
  }),
  searchConfigs: t.connection(
    {
      type: ConfigMatchType,
      ...pageSized({ default: SEARCH_LIMITS.defaultFirst, max: SEARCH_LIMITS.maxFirst }),
      description: 'Devices whose latest configuration (or, with `history`, any stored version) has matching lines, with context. '
        + 'Plain queries match a substring, ignoring case; `regex: true` takes a PostgreSQL regular expression matched per line.',
      args: {
        query: t.arg.string({ required: true }),
        regex: t.arg.boolean({ required: false }),
        tags: t.arg.stringList({ required: false }),
        platforms: t.arg.stringList({ required: false }),
        history: t.arg.boolean({ required: false }),
        context: t.arg.int({ required: false, description: 'Lines shown before and after each match (default 2, at most 10).' }),
      },
      resolve: async (_r, args, ctx) => {
        if (args.last != null || args.before != null) throw new ValidationError('searchConfigs pages forward only (first, after)', args.last != null ? 'last' : 'before');
        const page = await configsOf(ctx).searchConfigs(ctx.actor, {
          query: args.query,
          ...(args.regex != null ? { regex: args.regex } : {}),
          ...(args.tags ? { tags: args.tags } : {}),
          ...(args.platforms ? { platforms: args.platforms } : {}),
          ...(args.history != null ? { history: args.history } : {}),
          ...(args.first != null ? { first: args.first } : {}),
          ...(args.after != null ? { after: args.after } : {}),
          ...(args.context != null ? { context: args.context } : {}),
        });
        return {
          edges: page.nodes.map((node) => ({ cursor: node.cursor, node })),
          pageInfo: { hasNextPage: page.hasNextPage, hasPreviousPage: args.after != null, startCursor: page.nodes[0]?.cursor ?? null, endCursor: page.endCursor },
        };
      },
    },
    { name: 'ConfigSearchConnection' },
    { name: 'ConfigSearchEdge' },
  ),
}));
