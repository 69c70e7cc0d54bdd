export const HUGE_CONFIG_BYTES = 20 * 1024 * 1024;

/**
 * The body padded to about `bytes` with comment lines right after the hostname line. Comments change
 * nothing on any platform the lab speaks, keep every "config is complete" marker where it was (NX-OS
 * wants `version` then `hostname`, IOS a final `end`), and match no volatile or secret rule.
 */
export function padConfig(body: string, hostnameLine: RegExp, bytes: number): string {
  const missing = bytes - Buffer.byteLength(body);
  if (missing <= 0) return body;
  const found = new RegExp(hostnameLine.source, hostnameLine.flags.replace(/[gy]/g, '')).exec(body);
  const lineEnd = found ? body.indexOf('\n', found.index) : -1;
  const insertAt = lineEnd < 0 ? 0 : lineEnd + 1;
  const lines: string[] = [];
  let size = 0;
  for (let n = 1; size < missing; n += 1) {
    const line = `! capacity test ${String(n).padStart(7, '0')}: object 10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}/32 permit tcp any eq ${1024 + (n % 60000)}\n`;
    lines.push(line);
    size += line.length;
  }
  return body.slice(0, insertAt) + lines.join('') + body.slice(insertAt);
}
