/** `show inventory` in the IOS family's NAME/DESCR/PID/VID/SN blocks. */
export function renderIosInventory(entries: ReadonlyArray<{ name: string; description: string; pid: string; serial: string }>): string {
  return entries
    .map((entry) => `NAME: "${entry.name}", DESCR: "${entry.description}"\nPID: ${entry.pid.padEnd(18)}, VID: V01  , SN: ${entry.serial}\n\n`)
    .join('');
}
