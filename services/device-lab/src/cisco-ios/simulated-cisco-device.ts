import type { DeviceFaults } from '../lab-options.js';
import { driftRunningConfig } from './config-drift.js';
import type { CiscoIdentity } from './identity.js';
import { formatIosTime, formatIosUptime } from './ios-clock.js';
import { renderShowVersion } from './show-version.js';

export interface CiscoDeviceSetup {
  name: string;
  username: string;
  password: string;
  /** Absent: no enable step, the session starts privileged. */
  enablePassword?: string;
  identity: CiscoIdentity;
  config: string;
  faults: DeviceFaults;
}

const HEADER_VOLATILE = /^! (Last configuration change|NVRAM config last updated|No configuration change since)/;
const NTP_CLOCK_PERIOD = /^ntp clock-period \d+$/;
const CHANGED_BY = 'admin';

/** The state of one simulated IOS box: its identity, credentials, faults and running config. */
export class SimulatedCiscoDevice {
  readonly name: string;
  readonly username: string;
  readonly password: string;
  readonly enablePassword: string | undefined;
  readonly identity: CiscoIdentity;
  faults: DeviceFaults;
  private body = '';
  private lastChangedAt = new Date();
  private drifts = 0;
  private renders = 0;

  constructor(setup: CiscoDeviceSetup) {
    this.name = setup.name;
    this.username = setup.username;
    this.password = setup.password;
    this.enablePassword = setup.enablePassword;
    this.identity = setup.identity;
    this.faults = setup.faults;
    this.setConfig(setup.config);
  }

  setConfig(text: string, now = new Date()): void {
    // The header comment lines are generated at print time, so a pasted `show run` can be fed back in.
    this.body = text
      .replace(/\r\n?/g, '\n')
      .split('\n')
      .filter((line) => !HEADER_VOLATILE.test(line))
      .join('\n');
    this.lastChangedAt = now;
  }

  drift(now = new Date()): void {
    this.body = driftRunningConfig(this.body, this.drifts);
    this.drifts += 1;
    this.lastChangedAt = now;
  }

  /** The hostname in the running config decides the prompt, exactly like on a real box. */
  get hostname(): string {
    return /^hostname (\S+)$/m.exec(this.body)?.[1] ?? this.name;
  }

  get motd(): string | undefined {
    const match = /^banner motd (\S+)\n([\s\S]*?)\n?\1$/m.exec(this.body);
    return match?.[2];
  }

  renderRunningConfig(now = new Date()): string {
    // The clock-period drifts as the oscillator is disciplined: a different value on every print.
    this.renders += 1;
    const jitter = 17_208_000 + ((this.renders * 7_919) % 1_000);
    const body = this.body
      .split('\n')
      .map((line) => (NTP_CLOCK_PERIOD.test(line) ? `ntp clock-period ${jitter}` : line))
      .join('\n');
    const counted = [
      '!',
      `! Last configuration change at ${formatIosTime(this.lastChangedAt)} by ${CHANGED_BY}`,
      `! NVRAM config last updated at ${formatIosTime(now)} by ${CHANGED_BY}`,
      '!',
      body,
    ].join('\n');
    const ending = counted.endsWith('\n') ? '\n' : '\n\n';
    return `Building configuration...\n\nCurrent configuration : ${Buffer.byteLength(counted)} bytes\n${counted}${ending}`;
  }

  renderVersion(now = new Date()): string {
    return renderShowVersion({
      hostname: this.hostname,
      identity: this.identity,
      uptime: formatIosUptime(this.identity.bootedAt, now),
    });
  }
}
