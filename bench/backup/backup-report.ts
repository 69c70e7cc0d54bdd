// The backup benchmark's figures under the names issue 14 fixes: every line carries its scenario
// (`1000dev_0ms`) and mode (`nats` or `embedded`), so runs compare line for line.
import { report } from '../support/metrics.js';

export type BackupMode = 'nats' | 'embedded';

export interface BackupContext {
  readonly scenario: string;
  readonly mode: BackupMode;
}

export function reportBackup(context: BackupContext, metric: `backup.${string}`, value: number, unit: string, extra: Record<string, unknown> = {}): void {
  report(metric, value, unit, { scenario: context.scenario, mode: context.mode, ...extra });
}
