/** Misbehaviours a simulated device can be told to show, so clients can be tested against them. */
export interface DeviceFaults {
  /** Delay before the device answers each command. */
  commandLatencyMs?: number;
  /** Accept TCP but never speak SSH (a wedged control plane). */
  hangOnConnect?: boolean;
  /** Stop answering (but keep the session open) once a command starting with this text is entered. */
  hangOnCommand?: string;
  /** Close the connection halfway through the config command (`show running-config`). */
  dropDuringConfig?: boolean;
  /** Print a prompt no CLI client would recognise (a misconfigured `prompt` command). */
  unrecognisablePrompt?: boolean;
  /** Refuse `password` auth and only offer `keyboard-interactive`, like many AAA setups. */
  keyboardInteractiveOnly?: boolean;
}

export interface LabDeviceSpec {
  name?: string;
  /** Platform id, e.g. `cisco_nxos`. Default: the lab's `platforms` in turn, else `cisco_ios`. */
  platform?: string;
  username?: string;
  password?: string;
  /**
   * `null`: the user lands in privileged mode. Absent: the lab's enable password on platforms that
   * ask for one by default; none (a plain `enable`) on the others, e.g. Arista EOS.
   */
  enablePassword?: string | null;
  /** Running config body (what the config command prints, minus its headers); generated when absent. */
  config?: string;
  faults?: DeviceFaults;
}

export interface DeviceLabOptions {
  /** How many devices to serve (generated specs), or explicit specs. Default: 1. */
  devices?: number | LabDeviceSpec[];
  /** Platforms for devices whose spec names none, assigned round-robin. Default: `cisco_ios`. */
  platforms?: readonly string[];
  /** Address to listen on. Default: 127.0.0.1. */
  host?: string;
  /** First port; device i listens on basePort + i. 0 or absent: an ephemeral port per device. */
  basePort?: number;
  /** Host private keys (OpenSSH PEM) by device name, to keep fingerprints stable across restarts. */
  hostKeys?: Record<string, string>;
  /** Name prefix for generated devices. Default: `lab-r`. */
  namePrefix?: string;
  username?: string;
  password?: string;
  /** The enable password of every device with an enable step (default: `lab-enable` where the platform asks for one). */
  enablePassword?: string;
}

/** What a client needs to reach one simulated device. */
export interface LabDevice {
  name: string;
  host: string;
  port: number;
  /** Platform id as device-comm knows it, e.g. `cisco_ios`, `arista_eos`. */
  platform: string;
  username: string;
  password: string;
  enablePassword?: string;
  /** OpenSSH-style `SHA256:...` fingerprint of the device's host key. */
  hostKeyFingerprint: string;
  /** What `show version` reports, so tests can check parsed facts. */
  model: string;
  serial: string;
  osVersion: string;
}

export interface DeviceLab {
  readonly devices: LabDevice[];
  /** Host private keys by device name; pass them back as `hostKeys` to restart with the same identities. */
  readonly hostKeys: Record<string, string>;
  /** Replace the running config body (e.g. from `version ...` to `end`, or deliberately broken). */
  setConfig(name: string, text: string): void;
  /** Make a small, realistic change to the running config, as an operator would. */
  driftConfig(name: string): void;
  /** The exact text the device prints for its config command right now (with `\n` line ends). */
  getConfig(name: string): string;
  setFaults(name: string, faults: DeviceFaults): void;
  /** TCP connections currently open, to one device or to all; lets tests see that clients hang up. */
  openConnections(name?: string): number;
  close(): Promise<void>;
}
