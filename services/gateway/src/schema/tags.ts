import type { TagSummary } from '@netraven/projections';
import { builder } from './builder.js';

const TagType = builder.objectRef<TagSummary>('Tag').implement({
  description: 'A tag in use: on active devices, as a credential’s fallback, or as a backup policy’s scope.',
  fields: (t) => ({
    name: t.string({ resolve: (tag) => tag.tag }),
    deviceCount: t.int({ description: 'Active devices carrying it (within your scope)', resolve: (tag) => tag.devices }),
    credentialCount: t.int({ description: 'Credentials its devices fall back to', resolve: (tag) => tag.credentials }),
    hasPolicy: t.boolean({ description: 'A backup policy is set for it', resolve: (tag) => tag.hasPolicy }),
  }),
});

builder.queryFields((t) => ({
  tags: t.field({
    type: [TagType],
    description: 'Every tag in use, by name (a tag-scoped reader: its own tags and its devices’ tags).',
    resolve: (_r, _a, ctx) => ctx.queries.tags(ctx.actor),
  }),
}));
