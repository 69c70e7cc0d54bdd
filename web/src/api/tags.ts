// Tags in use: devices carrying each, credentials falling back by it, whether a backup policy is set for it.
export interface TagSummary { name: string; deviceCount: number; credentialCount: number; hasPolicy: boolean }
export const TAGS = `query Tags { tags { name deviceCount credentialCount hasPolicy } }`;
export interface TagsData { tags: TagSummary[] }
