/**
 * One small operator-like change to a running config body: alternately a new interface description
 * and a new ACL entry, so consecutive backups of a drifting device always differ.
 */
export function driftRunningConfig(body: string, driftNumber: number): string {
  const lines = body.split('\n');
  return (driftNumber % 2 === 0 ? describeInterface(lines, driftNumber) : addAclEntry(lines, driftNumber)).join('\n');
}

function describeInterface(lines: string[], driftNumber: number): string[] {
  const interfaces = lines.flatMap((line, at) => (line.startsWith('interface ') ? [at] : []));
  if (interfaces.length === 0) return addAclEntry(lines, driftNumber);
  const header = interfaces[(driftNumber / 2) % interfaces.length] ?? 0;
  const description = ` description circuit CKT-${String(4000 + driftNumber).padStart(5, '0')} (change ${driftNumber})`;
  const next = [...lines];
  const existing = next[header + 1];
  if (existing !== undefined && existing.startsWith(' description ')) next[header + 1] = description;
  else next.splice(header + 1, 0, description);
  return next;
}

function addAclEntry(lines: string[], driftNumber: number): string[] {
  const entry = `access-list 10 permit 10.20.${driftNumber % 250}.0 0.0.0.255`;
  const lastAcl = lines.reduce((found, line, at) => (line.startsWith('access-list ') ? at : found), -1);
  const next = [...lines];
  if (lastAcl >= 0) {
    next.splice(lastAcl + 1, 0, entry);
    return next;
  }
  const endAt = next.lastIndexOf('end');
  next.splice(endAt >= 0 ? endAt : next.length, 0, entry, '!');
  return next;
}
