import { HUGE_CONFIG_BYTES, padConfig } from '../faults/huge-config.js';
import type { DeviceFaults } from '../lab-options.js';
import type { PlatformProfile, SimulatedBox } from './platform-profile.js';

export interface DeviceSetup {
  name: string;
  profile: PlatformProfile;
  box: SimulatedBox;
  username: string;
  password: string;
  /** Absent: `enable` needs no password (or the platform has no enable step). */
  enablePassword?: string;
  /** Whether a login lands in privileged mode rather than user mode. */
  privilegedAtLogin: boolean;
  config: string;
  faults: DeviceFaults;
}

/** The state of one simulated box: its platform, identity, credentials, faults and running config. */
export class SimulatedDevice {
  readonly name: string;
  readonly profile: PlatformProfile;
  readonly box: SimulatedBox;
  readonly username: string;
  readonly password: string;
  readonly enablePassword: string | undefined;
  readonly privilegedAtLogin: boolean;
  private currentFaults: DeviceFaults;
  private body = '';
  private lastChangedAt = new Date();
  private drifts = 0;
  private renders = 0;
  private configShows = 0;
  private padded: { body: string; bytes: number; text: string } | undefined;

  constructor(setup: DeviceSetup) {
    this.name = setup.name;
    this.profile = setup.profile;
    this.box = setup.box;
    this.username = setup.username;
    this.password = setup.password;
    this.enablePassword = setup.enablePassword;
    this.privilegedAtLogin = setup.privilegedAtLogin;
    this.currentFaults = setup.faults;
    this.setConfig(setup.config);
  }

  get faults(): DeviceFaults {
    return this.currentFaults;
  }

  set faults(faults: DeviceFaults) {
    this.currentFaults = { ...faults };
    this.configShows = 0;
  }

  setConfig(text: string, now = new Date()): void {
    // Header lines are generated at print time, so a pasted printout can be fed back in.
    const printedOnly = this.profile.runningConfig.printedOnly;
    this.body = text
      .replace(/\r\n?/g, '\n')
      .split('\n')
      .filter((line) => !printedOnly.some((pattern) => pattern.test(line)))
      .join('\n');
    this.lastChangedAt = now;
  }

  drift(now = new Date()): void {
    this.body = this.profile.runningConfig.drift(this.body, this.drifts);
    this.drifts += 1;
    this.lastChangedAt = now;
  }

  /** The hostname in the running config decides the prompt, exactly like on a real box. */
  get hostname(): string {
    return this.profile.runningConfig.hostnameLine.exec(this.body)?.[1] ?? this.name;
  }

  get motd(): string | undefined {
    return this.profile.runningConfig.motd?.(this.body);
  }

  renderRunningConfig(now = new Date()): string {
    const renders = this.renders;
    this.renders += 1;
    return this.box.renderRunningConfig({ body: this.printedBody(), hostname: this.hostname, lastChangedAt: this.lastChangedAt, renders, now });
  }

  /** A client printed the config: with `driftEveryBackups`, every K-th print changes it afterwards. */
  configShown(now = new Date()): void {
    this.configShows += 1;
    const every = this.currentFaults.driftEveryBackups;
    if (every !== undefined && every > 0 && this.configShows % every === 0) this.drift(now);
  }

  private printedBody(): string {
    const huge = this.currentFaults.hugeConfig;
    if (huge === undefined || huge === false) return this.body;
    const bytes = huge === true ? HUGE_CONFIG_BYTES : huge;
    // Padding 20 MB takes a while; keep it until the body or the size changes.
    if (this.padded?.body !== this.body || this.padded.bytes !== bytes) {
      this.padded = { body: this.body, bytes, text: padConfig(this.body, this.profile.runningConfig.hostnameLine, bytes) };
    }
    return this.padded.text;
  }

  renderVersion(now = new Date()): string {
    return this.box.showVersion(this.hostname, now);
  }
}
