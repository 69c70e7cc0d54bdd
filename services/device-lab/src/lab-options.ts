import type { CipherAlgorithm, KexAlgorithm, MacAlgorithm, ServerHostKeyAlgorithm } from 'ssh2';

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
  /** Reject every login, even with the right password (a locked account, an AAA server saying no). */
  authFailure?: boolean;
  /** Print the login banner, then nothing: no prompt ever (exec authorization stuck on a dead AAA server). */
  hangAfterLogin?: boolean;
  /**
   * The config command's pager never ends: `--More--` forever, the config printed again from the top
   * once it ran out. `terminal length 0` does not help.
   */
  endlessPager?: boolean;
  /**
   * Mix bursts of junk into everything the device prints: bytes that are not UTF-8, control characters
   * and stray (but complete) escape sequences. Every character of the real output is still there.
   */
  garbageBytes?: boolean;
  /** Pad the running config with comment lines after the hostname to about this many bytes (`true`: 20 MiB). */
  hugeConfig?: boolean | number;
  /** The running config drifts after every K-th print of the config command (after prints K, 2K, ...). */
  driftEveryBackups?: number;
}

export type LabProtocol = 'ssh' | 'telnet';

/** SSH server settings of one device. */
export interface LabSshOptions {
  /** Accept `exec` requests (one command per channel, no prompt, no pager), as IOS and Linux do. Default: refused. */
  exec?: boolean;
  /**
   * The only algorithms the server offers, e.g. `diffie-hellman-group1-sha1` and `aes128-cbc` for old gear.
   * `serverHostKey` naming only RSA algorithms gives the device an RSA host key.
   */
  algorithms?: { kex?: KexAlgorithm[]; cipher?: CipherAlgorithm[]; serverHostKey?: ServerHostKeyAlgorithm[]; hmac?: MacAlgorithm[] };
}

export interface LabDeviceSpec {
  name?: string;
  /** Platform id, e.g. `cisco_nxos`. Default: the lab's `platforms` in turn, else `cisco_ios`. */
  platform?: string;
  /** A variant of the platform (another release or kind of box), e.g. `10.16` of `aruba_aoscx`; see `labPlatformVariants()`. */
  variant?: string;
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
  /** How the device can be reached; each protocol on its own port. Default: `['ssh']`. */
  protocols?: LabProtocol[];
  ssh?: LabSshOptions;
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
  /** Like `basePort`, for the Telnet ports of devices that serve Telnet. */
  telnetBasePort?: number;
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
  /** The SSH port, or the Telnet port of a device that serves only Telnet. */
  port: number;
  protocols: LabProtocol[];
  /** Where the device serves Telnet, when it does. */
  telnetPort?: number;
  /** Platform id as device-comm knows it, e.g. `cisco_ios`, `arista_eos`. */
  platform: string;
  /** The variant it simulates, when not the platform's usual box. */
  variant?: string;
  username: string;
  password: string;
  enablePassword?: string;
  /** OpenSSH-style `SHA256:...` fingerprint of the device's host key. */
  hostKeyFingerprint: string;
  /** What `show version` reports, so tests can check parsed facts. */
  model: string;
  serial: string;
  osVersion: string;
  /** Every secret value the generated config holds (none for a config given in the spec); a backup must leak none. */
  plantedSecrets: string[];
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
  /** Replaces the device's faults (all of them: `{}` heals it); counts for `driftEveryBackups` start again. */
  setFaults(name: string, faults: DeviceFaults): void;
  /** TCP connections currently open (SSH and Telnet), to one device or to all; lets tests see that clients hang up. */
  openConnections(name?: string): number;
  close(): Promise<void>;
}
