import { splitLoginName } from '../simulation/login-name.js';
import type { SimulatedDevice } from '../simulation/simulated-device.js';
import { LineEditor } from '../terminal/line-editor.js';

const ATTEMPTS = 3;

/** The `login local` dialogue of a Cisco vty: Username, Password, three tries, then the line is dropped. */
export class TelnetLogin {
  private readonly editor: LineEditor;
  private username: string | undefined;
  private failures = 0;

  constructor(
    private readonly device: SimulatedDevice,
    private readonly write: (text: string) => void,
    /** Gets the console options of the login name (RouterOS `admin+ct`). */
    private readonly onSuccess: (loginOptions: string) => void,
    private readonly onGiveUp: () => void,
  ) {
    this.editor = new LineEditor(write);
  }

  start(): void {
    this.write('\r\n\r\nUser Access Verification\r\n\r\nUsername: ');
  }

  /** Feeds one typed key; on success the keys after it belong to the CLI. */
  receive(key: string): void {
    const asking = this.username === undefined ? 'username' : 'password';
    const line = this.editor.feed(key, asking === 'password');
    if (line === undefined) return;
    if (asking === 'username') {
      this.username = line;
      this.write('Password: ');
      return;
    }
    const name = splitLoginName(this.device.profile, this.username ?? '');
    if (!this.device.faults.authFailure && name.username === this.device.username && line === this.device.password) {
      this.onSuccess(name.options);
      return;
    }
    this.username = undefined;
    this.failures += 1;
    const reason = this.device.faults.authFailure ? '% Authentication failed' : '% Login invalid';
    if (this.failures >= ATTEMPTS) {
      this.write(`${reason}\r\n`);
      return this.onGiveUp();
    }
    this.write(`${reason}\r\n\r\nUsername: `);
  }
}
