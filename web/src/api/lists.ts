// Top-level lists (devices, jobs, schedules, users, Job.devices, Device.snapshots) are relay connections.
// Every list document selects through `listOf` and every reader goes through `nodesOf`.
export interface List<T> { nodes: T[]; totalCount?: number | null }

export const listOf = (selection: string): string => `{ nodes ${selection} totalCount }`;

export const nodesOf = <T>(list: List<T> | null | undefined): T[] => list?.nodes ?? [];
