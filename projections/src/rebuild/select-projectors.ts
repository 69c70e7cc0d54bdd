import type { Projector, ReadModelTable } from '../runner/projector.js';

/** The projectors named (all when no names are given); an unknown name is an error, not a silent no-op. */
export function selectProjectors(projectors: readonly Projector[], names?: readonly string[]): Projector[] {
  if (!names || names.length === 0) return [...projectors];
  const unknown = names.filter((name) => !projectors.some((p) => p.name === name));
  if (unknown.length > 0) {
    throw new Error(`unknown projection ${unknown.join(', ')}; known: ${projectors.map((p) => p.name).join(', ')}`);
  }
  return projectors.filter((p) => names.includes(p.name));
}

/** The tables the projectors own, each once; two projectors claiming one table would make swaps unsafe. */
export function ownedTables(projectors: readonly Projector[]): ReadModelTable[] {
  const owner = new Map<ReadModelTable, string>();
  for (const projector of projectors) {
    for (const table of projector.tables) {
      const previous = owner.get(table);
      if (previous) throw new Error(`table ${table} is claimed by both ${previous} and ${projector.name}`);
      owner.set(table, projector.name);
    }
  }
  return [...owner.keys()];
}
