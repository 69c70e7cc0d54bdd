import { resolve } from 'node:path';
import { z } from 'zod';
import { DEFAULT_LOG_RETENTION_DAYS, LOG_KINDS, logRetentionPolicy, parseGroupMapping, type GroupRule, type LogKind, type LogRetentionPolicy, type LogTypeRetention } from '@netraven/domain';
import type { OidcSettings } from '../auth/oidc-client.js';

const port = z.coerce.number().int().min(0).max(65535);

const retentionVariable = (kind: LogKind, what: 'DAYS' | 'MAX_ENTRIES') => `NETRAVEN_LOG_RETENTION_${kind.toUpperCase()}_${what}` as const;

function perTypeRetentionVariables() {
  const variables: Record<string, z.ZodOptional<z.ZodCoercedNumber>> = {};
  for (const kind of LOG_KINDS) {
    variables[retentionVariable(kind, 'DAYS')] = z.coerce.number().positive().optional();
    variables[retentionVariable(kind, 'MAX_ENTRIES')] = z.coerce.number().int().min(0).optional();
  }
  return variables;
}

/** Every setting NetRaven reads from the environment, validated once at start-up. */
const environmentSchema = z.object({
  PORT: port.default(4000),
  HOST: z.string().default('127.0.0.1'),
  // `GET /metrics` of a process without a gateway (a worker, a projector); a gateway serves it on PORT.
  NETRAVEN_METRICS_PORT: port.optional(),
  NETRAVEN_MAX_BODY_BYTES: z.coerce.number().int().min(64 * 1024).optional(),
  NETRAVEN_DATA_DIR: z.string().default('./.netraven'),
  DATABASE_URL: z.string().url().optional(),
  NETRAVEN_EMBEDDED_PG_PORT: port.default(54329),
  NATS_URL: z.string().optional(),
  NETRAVEN_NATS_STREAM: z.string().regex(/^[A-Za-z0-9_-]+$/).default('NETRAVEN_WORK'),
  NETRAVEN_NATS_SUBJECT: z.string().default('netraven.work.backup'),
  NETRAVEN_NATS_DURABLE: z.string().regex(/^[A-Za-z0-9_-]+$/).default('device-comm'),
  NETRAVEN_NATS_ACK_WAIT_MS: z.coerce.number().int().min(500).default(30_000),
  NETRAVEN_MAX_DELIVER: z.coerce.number().int().min(1).default(5),
  NETRAVEN_REDELIVERY_BACKOFF_MS: z.string().regex(/^\d+(,\d+)*$/).default('1000,5000,15000,30000'),
  ESDB_URL: z.string().optional(),
  NETRAVEN_VAULT_KEY: z.string().optional(),
  NETRAVEN_GIT_DIR: z.string().optional(),
  NETRAVEN_GIT_MAINTENANCE_INTERVAL_MS: z.coerce.number().int().min(0).default(3_600_000),
  NETRAVEN_WORKER_CONCURRENCY: z.coerce.number().int().min(1).default(100),
  NETRAVEN_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
  NETRAVEN_COMMAND_TIMEOUT_MS: z.coerce.number().int().min(100).default(30_000),
  NETRAVEN_PER_HOST_LIMIT: z.coerce.number().int().min(1).default(2),
  NETRAVEN_RETRIES: z.coerce.number().int().min(0).max(10).default(2),
  NETRAVEN_RETRY_BACKOFF_MS: z.string().regex(/^\d+(,\d+)*$/).default('1000,3000'),
  NETRAVEN_TASK_DEADLINE_MS: z.coerce.number().int().min(1000).optional(),
  NETRAVEN_CIRCUIT_THRESHOLD: z.coerce.number().int().min(1).default(3),
  NETRAVEN_CIRCUIT_COOLDOWN_MS: z.coerce.number().int().min(0).default(300_000),
  // An empty value (compose's `${VAR:-}`) means unset.
  NETRAVEN_ADMIN_PASSWORD: z.union([z.literal(''), z.string().min(8, 'NETRAVEN_ADMIN_PASSWORD must be at least 8 characters')]).optional(),
  NETRAVEN_JWT_SECRET: z.union([z.literal(''), z.string().min(32, 'NETRAVEN_JWT_SECRET must be at least 32 characters')]).optional(),
  NETRAVEN_CORS_ORIGINS: z.string().optional(),
  NETRAVEN_MAX_QUERY_COST: z.coerce.number().int().min(1).optional(),
  NETRAVEN_WEB_DIR: z.string().optional(),
  NETRAVEN_OIDC_ISSUER: z.union([z.literal(''), z.string().url()]).optional(),
  NETRAVEN_OIDC_CLIENT_ID: z.string().optional(),
  NETRAVEN_OIDC_CLIENT_SECRET: z.string().optional(),
  NETRAVEN_OIDC_REDIRECT_URL: z.union([z.literal(''), z.string().url()]).optional(),
  NETRAVEN_OIDC_GROUPS: z.string().optional(),
  NETRAVEN_OIDC_GROUPS_CLAIM: z.string().default('groups'),
  NETRAVEN_OIDC_SCOPES: z.string().default('openid profile email groups'),
  NETRAVEN_OIDC_AFTER_SIGN_IN_URL: z.union([z.literal(''), z.string().url()]).optional(),
  // Unset (or empty): no syslog listener.
  NETRAVEN_SYSLOG_PORT: z.union([z.literal(''), port]).optional(),
  NETRAVEN_SYSLOG_HOST: z.string().default('0.0.0.0'),
  NETRAVEN_SYSLOG_DEBOUNCE_MS: z.coerce.number().int().min(0).max(86_400_000).default(60_000),
  // Log retention: every type's max age and max count, each overridable per type (NETRAVEN_LOG_RETENTION_SESSION_DAYS, ...).
  NETRAVEN_LOG_RETENTION_DAYS: z.coerce.number().positive().default(DEFAULT_LOG_RETENTION_DAYS),
  NETRAVEN_LOG_RETENTION_MAX_ENTRIES: z.coerce.number().int().min(0).optional(),
  NETRAVEN_LOG_RETENTION_INTERVAL_MS: z.coerce.number().int().min(1000).default(3_600_000),
  ...perTypeRetentionVariables(),
  NETRAVEN_LOG_LEVEL: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']).default('info'),
});

export type NetRavenEnvironment = z.infer<typeof environmentSchema>;

export interface NetRavenConfig {
  /** `maxQueryCost`: the GraphQL cost limit; unset: the gateway's default. */
  readonly http: { readonly host: string; readonly port: number; readonly maxQueryCost: number | undefined; readonly metricsPort: number | undefined; readonly maxBodyBytes: number | undefined;
    /** The built web console (`web/dist`) served at `/`; unset: the one installed with NetRaven. */
    readonly webDir?: string | undefined };
  readonly dataDir: string;
  /** How often a worker looks whether the config repository needs packing (0: never). */
  readonly gitMaintenanceIntervalMs: number;
  readonly databaseUrl: string | undefined;
  readonly embeddedPostgresPort: number;
  readonly natsUrl: string | undefined;
  readonly nats: { readonly stream: string; readonly subject: string; readonly durable: string; readonly ackWaitMs: number };
  /** Both work queues: how often a failing task is delivered, and the waits before redeliveries. */
  readonly queue: { readonly maxDeliver: number; readonly backoffMs: readonly number[] };
  readonly esdbUrl: string | undefined;
  readonly vaultKey: string | undefined;
  readonly gitDir: string;
  readonly worker: {
    readonly concurrency: number;
    readonly connectTimeoutMs: number;
    readonly commandTimeoutMs: number;
    readonly retries: number;
    readonly retryBackoffMs: readonly number[];
    readonly perHostLimit: number;
    /** A started device backup with no outcome after this long fails with category `deadline`. */
    readonly taskDeadlineMs: number;
  };
  readonly circuitBreaker: { readonly threshold: number; readonly cooldownMs: number };
  readonly auth: {
    /** The first admin's password (first start only); unset: a random one printed once, to be changed at first sign-in. */
    readonly adminPassword: string | undefined;
    /** HS256 key for access tokens; unset: a key file in the data directory. */
    readonly jwtSecret: string | undefined;
    readonly jwtKeyFile: string;
    /** Browser origins allowed by CORS; empty: none. */
    readonly corsOrigins: readonly string[];
    /** OIDC sign-in; undefined when `NETRAVEN_OIDC_ISSUER` is unset. */
    readonly oidc: OidcConfig | undefined;
  };
  readonly logLevel: NetRavenEnvironment['NETRAVEN_LOG_LEVEL'];
  /** Change-triggered backups; undefined when `NETRAVEN_SYSLOG_PORT` is unset. */
  readonly syslog: { readonly port: number; readonly host: string; readonly debounceMs: number } | undefined;
  /** What the scheduler's log-retention task deletes from the read model, and how often it looks. */
  readonly logRetention: { readonly policy: LogRetentionPolicy; readonly intervalMs: number };
}

export interface OidcConfig extends OidcSettings {
  readonly groups: readonly GroupRule[];
  readonly afterSignInUrl: string | undefined;
}

/** `NETRAVEN_OIDC_*`: all of issuer, client id, secret and a group mapping, or nothing (OIDC off). */
function oidcConfig(env: NetRavenEnvironment): OidcConfig | undefined {
  if (!env.NETRAVEN_OIDC_ISSUER) return undefined;
  const missing = (['NETRAVEN_OIDC_CLIENT_ID', 'NETRAVEN_OIDC_CLIENT_SECRET', 'NETRAVEN_OIDC_GROUPS'] as const).filter((name) => !env[name]);
  if (missing.length > 0) throw new Error(`invalid configuration: NETRAVEN_OIDC_ISSUER is set but ${missing.join(', ')} ${missing.length > 1 ? 'are' : 'is'} not`);
  let groups: GroupRule[];
  try {
    groups = parseGroupMapping(env.NETRAVEN_OIDC_GROUPS ?? '');
  } catch (error) {
    throw new Error(`invalid configuration: ${error instanceof Error ? error.message : String(error)}`);
  }
  const origin = `http://${env.HOST === '0.0.0.0' ? '127.0.0.1' : env.HOST}:${env.PORT}`;
  return {
    issuer: env.NETRAVEN_OIDC_ISSUER,
    clientId: env.NETRAVEN_OIDC_CLIENT_ID ?? '',
    clientSecret: env.NETRAVEN_OIDC_CLIENT_SECRET ?? '',
    redirectUrl: env.NETRAVEN_OIDC_REDIRECT_URL || `${origin}/auth/oidc/callback`,
    groupsClaim: env.NETRAVEN_OIDC_GROUPS_CLAIM,
    scopes: env.NETRAVEN_OIDC_SCOPES,
    groups,
    afterSignInUrl: env.NETRAVEN_OIDC_AFTER_SIGN_IN_URL || undefined,
  };
}

export function loadConfig(environment: Record<string, string | undefined> = process.env): NetRavenConfig {
  const parsed = environmentSchema.safeParse(environment);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`invalid configuration: ${problems}`);
  }
  const env = parsed.data;
  const dataDir = resolve(env.NETRAVEN_DATA_DIR);
  return {
    http: { host: env.HOST, port: env.PORT, maxQueryCost: env.NETRAVEN_MAX_QUERY_COST, metricsPort: env.NETRAVEN_METRICS_PORT, maxBodyBytes: env.NETRAVEN_MAX_BODY_BYTES,
      webDir: env.NETRAVEN_WEB_DIR ? resolve(env.NETRAVEN_WEB_DIR) : undefined },
    dataDir,
    gitMaintenanceIntervalMs: env.NETRAVEN_GIT_MAINTENANCE_INTERVAL_MS,
    databaseUrl: env.DATABASE_URL,
    embeddedPostgresPort: env.NETRAVEN_EMBEDDED_PG_PORT,
    natsUrl: env.NATS_URL,
    nats: {
      stream: env.NETRAVEN_NATS_STREAM,
      subject: env.NETRAVEN_NATS_SUBJECT,
      durable: env.NETRAVEN_NATS_DURABLE,
      ackWaitMs: env.NETRAVEN_NATS_ACK_WAIT_MS,
    },
    queue: { maxDeliver: env.NETRAVEN_MAX_DELIVER, backoffMs: env.NETRAVEN_REDELIVERY_BACKOFF_MS.split(',').map(Number) },
    esdbUrl: env.ESDB_URL,
    vaultKey: env.NETRAVEN_VAULT_KEY,
    gitDir: resolve(env.NETRAVEN_GIT_DIR ?? `${dataDir}/configs.git`),
    worker: {
      concurrency: env.NETRAVEN_WORKER_CONCURRENCY,
      connectTimeoutMs: env.NETRAVEN_CONNECT_TIMEOUT_MS,
      commandTimeoutMs: env.NETRAVEN_COMMAND_TIMEOUT_MS,
      retries: env.NETRAVEN_RETRIES,
      retryBackoffMs: env.NETRAVEN_RETRY_BACKOFF_MS.split(',').map(Number),
      perHostLimit: env.NETRAVEN_PER_HOST_LIMIT,
      taskDeadlineMs: env.NETRAVEN_TASK_DEADLINE_MS ?? defaultTaskDeadlineMs(env),
    },
    circuitBreaker: { threshold: env.NETRAVEN_CIRCUIT_THRESHOLD, cooldownMs: env.NETRAVEN_CIRCUIT_COOLDOWN_MS },
    auth: {
      adminPassword: env.NETRAVEN_ADMIN_PASSWORD || undefined,
      jwtSecret: env.NETRAVEN_JWT_SECRET || undefined,
      jwtKeyFile: `${dataDir}/jwt.key`,
      corsOrigins: (env.NETRAVEN_CORS_ORIGINS ?? '').split(',').map((o) => o.trim()).filter(Boolean),
      oidc: oidcConfig(env),
    },
    logLevel: env.NETRAVEN_LOG_LEVEL,
    syslog: env.NETRAVEN_SYSLOG_PORT === undefined || env.NETRAVEN_SYSLOG_PORT === ''
      ? undefined
      : { port: env.NETRAVEN_SYSLOG_PORT, host: env.NETRAVEN_SYSLOG_HOST, debounceMs: env.NETRAVEN_SYSLOG_DEBOUNCE_MS },
    logRetention: { policy: logRetentionOf(env), intervalMs: env.NETRAVEN_LOG_RETENTION_INTERVAL_MS },
  };
}

function logRetentionOf(env: NetRavenEnvironment): LogRetentionPolicy {
  const perType = env as unknown as Record<string, number | undefined>;
  const overrides: Partial<Record<LogKind, Partial<LogTypeRetention>>> = {};
  for (const kind of LOG_KINDS) {
    const days = perType[retentionVariable(kind, 'DAYS')];
    const count = perType[retentionVariable(kind, 'MAX_ENTRIES')];
    overrides[kind] = { ...(days !== undefined ? { maxAgeDays: days } : {}), ...(count !== undefined ? { maxCount: count } : {}) };
  }
  return logRetentionPolicy({ maxAgeDays: env.NETRAVEN_LOG_RETENTION_DAYS, maxCount: env.NETRAVEN_LOG_RETENTION_MAX_ENTRIES }, overrides);
}

/**
 * The longest one delivery can legitimately take: every attempt connects and runs a few commands
 * up to their timeouts, with the retry waits between attempts.
 */
function defaultTaskDeadlineMs(env: NetRavenEnvironment): number {
  const attempt = env.NETRAVEN_CONNECT_TIMEOUT_MS + 3 * env.NETRAVEN_COMMAND_TIMEOUT_MS;
  const waits = env.NETRAVEN_RETRY_BACKOFF_MS.split(',').map(Number).reduce((sum, ms) => sum + ms, 0);
  return (env.NETRAVEN_RETRIES + 1) * attempt + waits;
}
