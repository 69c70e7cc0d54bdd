import { parseArgs } from 'node:util';
import { loadConfig } from '@netraven/infra/config';
import { createLogger, type Logger } from '@netraven/infra/log';
import { startNetRaven } from './standalone.js';
import { parseRoles } from './composition/roles.js';

const USAGE = `Usage:
  netraven start [--lab N] [--lab-port PORT] [--lab-platforms a,b] [--lab-latency MS] [--lab-drift K] [--roles gateway,projector,scheduler,worker]
                                               every service in one process (GraphQL on $PORT, default 4000),
                                               or only the given roles (also NETRAVEN_ROLES) for distributed mode
  netraven lab [--devices N] [--port BASE]      only the SSH device lab
  netraven projections rebuild|verify [name]  rebuild read models from the log (swapped in live) / compare with a rebuild
  netraven vault rotate-key [--batch-size N]  add a vault key version and re-encrypt every secret with it, while NetRaven runs
  netraven devices import <file.csv|file.json> [--dry-run] [--url URL] [--chunk-size N]
                                               register an inventory through the GraphQL API of a running NetRaven
                                               (--url or NETRAVEN_URL, default http://127.0.0.1:4000/graphql; NETRAVEN_TOKEN)
  netraven audit job <id> [--at <time|position>] [--json] [--url URL]
                                               a job's timeline from its events, and its state at a point (a GraphQL client too)

Configuration comes from the environment: see README.md (PORT, NETRAVEN_DATA_DIR, DATABASE_URL, ...).`;

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  if (command === 'start') return start(rest);
  if (command === 'projections') return (await import('./projections-command.js')).projectionsCommand(rest);
  if (command === 'devices') return (await import('./devices-command.js')).devicesCommand(rest);
  if (command === 'audit') return (await import('./audit-command.js')).auditCommand(rest);
  if (command === 'vault') return (await import('./vault-command.js')).vaultCommand(rest);
  if (command === 'lab') {
    // The lab's own CLI reads process.argv; hand it just the lab's arguments.
    process.argv = [process.argv[0] ?? 'node', 'device-lab', ...rest];
    await import('@netraven/device-lab/cli');
    return;
  }
  console.log(USAGE);
  process.exitCode = command === undefined || command === 'help' || command === '--help' ? 0 : 2;
}

async function start(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      lab: { type: 'string' },
      'lab-port': { type: 'string', default: '10022' },
      'lab-platforms': { type: 'string' },
      'lab-latency': { type: 'string' },
      'lab-drift': { type: 'string' },
      roles: { type: 'string', default: process.env.NETRAVEN_ROLES ?? 'all' },
    },
  });
  const config = loadConfig();
  const logger = createLogger('netraven', config.logLevel);
  const roles = parseRoles(values.roles);
  const netraven = await startNetRaven(config, logger, roles);
  let stopLab: (() => Promise<void>) | undefined;
  if (values.lab !== undefined) {
    const devices = Number(values.lab || '3');
    if (!Number.isInteger(devices) || devices < 1) throw new Error(`--lab needs a device count, got "${values.lab}"`);
    const platforms = values['lab-platforms']?.split(',').map((p) => p.trim()).filter(Boolean);
    const latency = Number(values['lab-latency'] ?? '0');
    if (!Number.isInteger(latency) || latency < 0) throw new Error(`--lab-latency needs milliseconds, got "${values['lab-latency']}"`);
    const drift = Number(values['lab-drift'] ?? '0');
    if (!Number.isInteger(drift) || drift < 0) throw new Error(`--lab-drift needs a backup count, got "${values['lab-drift']}"`);
    // The lab is loaded only with --lab: a production process never carries the simulated devices.
    const { startLabAndRegister } = await import('./lab-bootstrap.js');
    const lab = await startLabAndRegister(netraven, {
      devices, basePort: Number(values['lab-port']), dataDir: config.dataDir, logger,
      ...(platforms ? { platforms } : {}), ...(latency > 0 ? { commandLatencyMs: latency } : {}), ...(drift > 0 ? { driftEveryBackups: drift } : {}),
    });
    stopLab = () => lab.close();
  }
  if (netraven.graphqlUrl) console.log(signInNotice(netraven.graphqlUrl, netraven.initialAdmin));
  onShutdownSignal(logger, async () => {
    // NetRaven first: its running sessions finish against the lab before the lab goes away.
    await netraven.stop();
    await stopLab?.();
  });
}

/** Where to sign in, and the first admin's password when this start chose it (printed here once, never logged). */
function signInNotice(url: string, initialAdmin: { created: boolean; generatedPassword?: string } | undefined): string {
  const lines = [
    '',
    `NetRaven is running. GraphQL: ${url}`,
    `Web console: ${url.replace(/\/graphql$/, '/')}`,
    `Sign in: mutation { login(input: { username: "admin", password: "…" }) { accessToken refreshToken } }`,
  ];
  if (initialAdmin?.generatedPassword) {
    lines.push(
      `First start: user "admin" was created with the password  ${initialAdmin.generatedPassword}`,
      'It is shown only this once and must be changed at the first sign-in (changePassword). Set NETRAVEN_ADMIN_PASSWORD to choose it instead.',
    );
  } else if (initialAdmin?.created) {
    lines.push('First start: user "admin" was created with the password from NETRAVEN_ADMIN_PASSWORD.');
  }
  lines.push(
    `Then: curl -s ${url} -H 'content-type: application/json' -H "Authorization: Bearer $TOKEN" -d '{"query":"{ jobs { nodes { id status devices { nodes { deviceId status error } } } } }"}'`,
    '',
  );
  return lines.join('\n');
}

/**
 * SIGINT (a terminal sends it to the whole process group) and SIGTERM: stop taking work, let
 * running sessions finish, close pools, stop the embedded database, exit 0. Copies of the signal
 * that arrive together (group delivery plus the launcher passing it on) count once; another
 * signal later exits at once.
 */
function onShutdownSignal(logger: Logger, stop: () => Promise<void>): void {
  let firstAt: number | undefined;
  const handle = (signal: NodeJS.Signals): void => {
    if (firstAt === undefined) {
      firstAt = Date.now();
      logger.info({ signal }, 'shutting down: finishing running device sessions (signal again to exit at once)');
      stop().then(
        () => {
          logger.info('stopped');
          process.exit(0);
        },
        (error: unknown) => {
          logger.error({ err: error }, 'shutdown failed');
          process.exit(1);
        },
      );
    } else if (Date.now() - firstAt > 1000) {
      logger.warn({ signal }, 'exiting without waiting; unfinished device tasks are re-issued at the next start');
      process.exit(130);
    }
  };
  process.on('SIGINT', handle);
  process.on('SIGTERM', handle);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack ?? error.message : error);
  process.exit(1);
});
