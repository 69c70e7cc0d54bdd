// The part of jsdiff 5.x (`diff`, which ships no types of its own before v8) that NetRaven calls.
declare module 'diff' {
  export interface StructuredPatchHunk {
    oldStart: number;
    oldLines: number;
    newStart: number;
    newLines: number;
    /** Each line prefixed with ' ', '-' or '+', or the marker '\ No newline at end of file'. */
    lines: string[];
  }
  export interface StructuredPatch {
    oldFileName: string;
    newFileName: string;
    hunks: StructuredPatchHunk[];
  }
  export interface StructuredPatchOptions {
    context?: number;
    /** Give up (answer undefined) after this many milliseconds. */
    timeout?: number;
    maxEditLength?: number;
  }
  export function structuredPatch(
    oldFileName: string, newFileName: string, oldStr: string, newStr: string,
    oldHeader?: string, newHeader?: string, options?: StructuredPatchOptions,
  ): StructuredPatch | undefined;
}
