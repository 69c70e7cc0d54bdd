// The secret values a generated config holds, so tests can prove none of them leaks from a backup.
// Generation is synchronous, so one recording at a time is enough.
let recording: string[] | undefined;

/** Marks a value written into a config as a secret; returns it unchanged. */
export function plant<Value extends string>(value: Value): Value {
  recording?.push(value.replace(/^"(.*)"$/s, '$1'));
  return value;
}

/** Runs `generate` and returns what it made with every value planted while it ran. */
export function recordPlanted<Result>(generate: () => Result): { result: Result; planted: string[] } {
  const outer = recording;
  const planted: string[] = [];
  recording = planted;
  try {
    return { result: generate(), planted };
  } finally {
    recording = outer;
  }
}
