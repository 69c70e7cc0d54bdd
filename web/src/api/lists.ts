// Top-level lists (devices, jobs, schedules, users, Job.devices, Device.snapshots) are becoming relay
// connections. Every list document selects through `listOf` and every reader goes through `nodesOf`,
// so the switch is here: `listOf = (s) => `{ nodes ${s} totalCount }`` and `List<T> = { nodes: T[] }`.
export type List<T> = T[];

export const listOf = (selection: string): string => selection;

export const nodesOf = <T>(list: List<T> | null | undefined): T[] => list ?? [];
