// Types for the two functions of `diff` (jsdiff 5) NetRaven uses; the package ships none before v8.
declare module 'diff' {
  export interface Hunk {
    oldStart: number;
    oldLines: number;
    newStart: number;
    newLines: number;
    lines: string[];
  }
  export interface ParsedDiff {
    oldFileName?: string;
    newFileName?: string;
    hunks: Hunk[];
  }
  export interface PatchOptions {
    context?: number;
  }
  export function structuredPatch(
    oldFileName: string, newFileName: string, oldStr: string, newStr: string, oldHeader?: string, newHeader?: string, options?: PatchOptions,
  ): ParsedDiff;
  export function formatPatch(diff: ParsedDiff): string;
}
