import { formatIosTime } from '../../formats/clock.js';
import { driftRunningConfig } from '../../simulation/config-drift.js';
import type { RunningConfigDialect, RunningConfigState } from '../../simulation/platform-profile.js';

const CHANGED_BY = 'admin';
const NTP_CLOCK_PERIOD = /^ntp clock-period \d+$/;

/** The IOS running config body, shared by classic IOS and IOS XE. */
export const iosRunningConfig: RunningConfigDialect = {
  printedOnly: [/^! (Last configuration change|NVRAM config last updated|No configuration change since)/],
  hostnameLine: /^hostname (\S+)$/m,
  motd: (body) => /^banner motd (\S+)\n([\s\S]*?)\n?\1$/m.exec(body)?.[2],
  drift: (body, driftNumber) =>
    driftRunningConfig(body, driftNumber, {
      interfaceIndent: ' ',
      listEntry: (n) => `access-list 10 permit 10.20.${n % 250}.0 0.0.0.255`,
      listAnchor: /^access-list /,
      newList: (entry) => [entry, '!'],
      endMarker: 'end',
    }),
};

/**
 * What `show running-config` prints on IOS: the byte count, the change stamps, then the body.
 * Classic IOS also prints an `ntp clock-period` that wanders as the oscillator is disciplined.
 */
export function printIosRunningConfig(state: RunningConfigState, { wanderingClockPeriod }: { wanderingClockPeriod: boolean }): string {
  const jitter = 17_208_000 + (((state.renders + 1) * 7_919) % 1_000);
  const body = wanderingClockPeriod
    ? state.body.split('\n').map((line) => (NTP_CLOCK_PERIOD.test(line) ? `ntp clock-period ${jitter}` : line)).join('\n')
    : state.body;
  const counted = [
    '!',
    `! Last configuration change at ${formatIosTime(state.lastChangedAt)} by ${CHANGED_BY}`,
    `! NVRAM config last updated at ${formatIosTime(state.now)} by ${CHANGED_BY}`,
    '!',
    body,
  ].join('\n');
  const ending = counted.endsWith('\n') ? '\n' : '\n\n';
  return `Building configuration...\n\nCurrent configuration : ${Buffer.byteLength(counted)} bytes\n${counted}${ending}`;
}
