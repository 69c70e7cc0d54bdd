/** How one platform writes the two kinds of operator change the lab makes. */
export interface DriftStyle {
  /** Indent of lines under `interface ...` (one space on IOS, two on NX-OS, three on EOS). */
  interfaceIndent: string;
  /** Matches the first line of an interface's section. Default: `interface ...`. */
  interfaceHeader?: RegExp;
  /** The description line for a text. Default: `<indent>description <text>`. */
  description?: (text: string) => string;
  /** A new entry in a customer list, e.g. `access-list 10 permit 10.20.3.0 0.0.0.255`. */
  listEntry(driftNumber: number): string;
  /** Matches the entries the new one goes after. */
  listAnchor: RegExp;
  /** Lines to add before `endMarker` (or at the end) when the config has no such list yet. */
  newList(entry: string): string[];
  /** The config's last line, if it has one (`end`). */
  endMarker?: string;
}

/**
 * One small operator-like change to a running config body: alternately a new interface description
 * and a new list entry, so consecutive backups of a drifting device always differ.
 */
export function driftRunningConfig(body: string, driftNumber: number, style: DriftStyle): string {
  const lines = body.split('\n');
  const next = driftNumber % 2 === 0 ? describeInterface(lines, driftNumber, style) : addListEntry(lines, driftNumber, style);
  return next.join('\n');
}

function describeInterface(lines: string[], driftNumber: number, style: DriftStyle): string[] {
  const isHeader = style.interfaceHeader ?? /^interface /;
  const interfaces = lines.flatMap((line, at) => (isHeader.test(line) ? [at] : []));
  if (interfaces.length === 0) return addListEntry(lines, driftNumber, style);
  const header = interfaces[(driftNumber / 2) % interfaces.length] ?? 0;
  const describe = style.description ?? ((text: string) => `${style.interfaceIndent}description ${text}`);
  // Whatever comes before the text is how an existing description line starts.
  const prefix = describe('\u0000').split('\u0000')[0] ?? '';
  const description = describe(`circuit CKT-${String(4000 + driftNumber).padStart(5, '0')} (change ${driftNumber})`);
  const next = [...lines];
  const existing = next[header + 1];
  if (existing !== undefined && existing.startsWith(prefix)) next[header + 1] = description;
  else next.splice(header + 1, 0, description);
  return next;
}

function addListEntry(lines: string[], driftNumber: number, style: DriftStyle): string[] {
  const entry = style.listEntry(driftNumber);
  const lastEntry = lines.reduce((found, line, at) => (style.listAnchor.test(line) ? at : found), -1);
  const next = [...lines];
  if (lastEntry >= 0) {
    next.splice(lastEntry + 1, 0, entry);
    return next;
  }
  const endAt = style.endMarker === undefined ? -1 : next.lastIndexOf(style.endMarker);
  const insertAt = endAt >= 0 ? endAt : trimmedLength(next);
  next.splice(insertAt, 0, ...style.newList(entry));
  return next;
}

/** Index just past the last non-blank line. */
function trimmedLength(lines: string[]): number {
  let length = lines.length;
  while (length > 0 && (lines[length - 1] ?? '').trim() === '') length -= 1;
  return length;
}
