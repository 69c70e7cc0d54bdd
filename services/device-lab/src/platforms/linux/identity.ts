import { fakeSerialChars } from '../../formats/fake-secrets.js';

/** What a Linux server tells about itself through `/etc/os-release`, `uname` and the DMI tables. */
export interface LinuxIdentity {
  /** `/sys/class/dmi/id/product_name` */
  productName: string;
  /** `/sys/class/dmi/id/product_serial`, readable by root only. */
  serial: string;
  prettyName: string;
  osRelease: readonly string[];
  kernel: string;
  kernelBuild: string;
  bootedAt: Date;
}

type LinuxSystem = Pick<LinuxIdentity, 'productName' | 'prettyName' | 'kernel' | 'kernelBuild' | 'osRelease'>;

const SYSTEMS: readonly LinuxSystem[] = [
  {
    productName: 'PowerEdge R650',
    prettyName: 'Debian GNU/Linux 12 (bookworm)',
    kernel: '6.1.0-18-amd64',
    kernelBuild: '#1 SMP PREEMPT_DYNAMIC Debian 6.1.76-1 (2024-02-01)',
    osRelease: [
      'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"',
      'NAME="Debian GNU/Linux"',
      'VERSION_ID="12"',
      'VERSION="12 (bookworm)"',
      'VERSION_CODENAME=bookworm',
      'ID=debian',
      'HOME_URL="https://www.debian.org/"',
      'SUPPORT_URL="https://www.debian.org/support"',
      'BUG_REPORT_URL="https://bugs.debian.org/"',
    ],
  },
  {
    productName: 'ProLiant DL360 Gen10',
    prettyName: 'Ubuntu 22.04.4 LTS',
    kernel: '5.15.0-97-generic',
    kernelBuild: '#107-Ubuntu SMP Wed Feb 7 13:26:48 UTC 2024',
    osRelease: [
      'PRETTY_NAME="Ubuntu 22.04.4 LTS"',
      'NAME="Ubuntu"',
      'VERSION_ID="22.04"',
      'VERSION="22.04.4 LTS (Jammy Jellyfish)"',
      'VERSION_CODENAME=jammy',
      'ID=ubuntu',
      'ID_LIKE=debian',
      'HOME_URL="https://www.ubuntu.com/"',
      'SUPPORT_URL="https://help.ubuntu.com/"',
      'BUG_REPORT_URL="https://bugs.launchpad.net/ubuntu/"',
      'PRIVACY_POLICY_URL="https://www.ubuntu.com/legal/terms-and-policies/privacy-policy"',
      'UBUNTU_CODENAME=jammy',
    ],
  },
];

/** Red Hat Enterprise Linux 8: no ifupdown, the network in `/etc/sysconfig/network-scripts/ifcfg-*`. */
export const RHEL_8: readonly LinuxSystem[] = [
  {
    productName: 'ProLiant DL380 Gen10',
    prettyName: 'Red Hat Enterprise Linux 8.9 (Ootpa)',
    kernel: '4.18.0-513.5.1.el8_9.x86_64',
    kernelBuild: '#1 SMP Fri Sep 29 05:21:10 EDT 2023',
    osRelease: [
      'NAME="Red Hat Enterprise Linux"',
      'VERSION="8.9 (Ootpa)"',
      'ID="rhel"',
      'ID_LIKE="fedora"',
      'VERSION_ID="8.9"',
      'PLATFORM_ID="platform:el8"',
      'PRETTY_NAME="Red Hat Enterprise Linux 8.9 (Ootpa)"',
      'ANSI_COLOR="0;31"',
      'CPE_NAME="cpe:/o:redhat:enterprise_linux:8::baseos"',
      'HOME_URL="https://www.redhat.com/"',
      'BUG_REPORT_URL="https://bugzilla.redhat.com/"',
    ],
  },
];

/** Ubuntu 22.04 as its installer leaves it: netplan, no `/etc/network/interfaces`. */
export const UBUNTU_NETPLAN: readonly LinuxSystem[] = SYSTEMS.filter((system) => system.prettyName.startsWith('Ubuntu'));

/** The kernel release and build of the system with this DMI product name, as `uname -rv` prints them. */
export function kernelOf(productName: string): { release: string; build: string } {
  const pick = [...SYSTEMS, ...RHEL_8].find((system) => system.productName === productName) ?? SYSTEMS[0];
  return { release: pick?.kernel ?? '', build: pick?.kernelBuild ?? '' };
}

export function linuxIdentityFor(index: number, now: Date, systems: readonly LinuxSystem[] = SYSTEMS): LinuxIdentity {
  const pick = systems[index % systems.length];
  if (pick === undefined) throw new Error('no Linux system to simulate');
  const uptimeMinutes = 60 * 24 * (1 + (index % 90)) + ((index * 37) % 1440);
  // Dell service tags are 7 characters, HPE serials 10 starting with the plant code.
  const serial = pick.productName.startsWith('PowerEdge') ? fakeSerialChars(`linux/${index}`, 7) : `CZJ${fakeSerialChars(`linux/${index}`, 7)}`;
  return { ...pick, serial, bootedAt: new Date(now.getTime() - uptimeMinutes * 60_000) };
}

/**
 * `grep . product_name product_serial` as an unprivileged user: the name with its file, and grep's
 * complaint about the serial, which only root may read.
 */
export function renderDmiGrep(id: LinuxIdentity): string {
  return [
    `/sys/class/dmi/id/product_name:${id.productName}`,
    'grep: /sys/class/dmi/id/product_serial: Permission denied',
    '',
  ].join('\n');
}
