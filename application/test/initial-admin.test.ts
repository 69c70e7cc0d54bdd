import { randomBytes } from 'node:crypto';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { AccessTokens, AuthStore } from '@netraven/infra/auth';
import { CommandHandler, PostgresEventStore, type EventStore } from '@netraven/infra/eventstore';
import { freshTestDatabase } from '@netraven/infra/testing';
import type { FreshDatabase } from '@netraven/infra/db';
import { accessProjector, openReadModels, ProjectionRunner, type ReadModelDatabase } from '@netraven/projections';
import type { Kysely } from 'kysely';
import { NetRavenAccess } from '../src/index.js';

interface Process { store: EventStore; auth: AuthStore; access: NetRavenAccess }
const first = suite<{ database: FreshDatabase; db: Kysely<ReadModelDatabase>; runner: ProjectionRunner; processes: Process[] }>('first start: the initial admin');

first.before.each(async (ctx) => {
  ctx.database = await freshTestDatabase('netraven_admin');
  ctx.db = await openReadModels(ctx.database.connectionString);
  ctx.processes = [];
  for (let i = 0; i < 2; i++) {
    const store = await PostgresEventStore.open({ connectionString: ctx.database.connectionString, pollIntervalMs: 50 });
    const auth = await AuthStore.open(ctx.database.connectionString);
    ctx.processes.push({ store, auth, access: new NetRavenAccess({ store, commands: new CommandHandler(store), db: ctx.db, auth, accessTokens: new AccessTokens(randomBytes(32)) }) });
  }
  ctx.runner = new ProjectionRunner(ctx.db, ctx.processes[0]!.store, [accessProjector]);
  await ctx.runner.start();
});
first.after.each(async (ctx) => {
  await ctx.runner.stop();
  for (const p of ctx.processes) {
    await p.auth.close();
    await p.store.close();
  }
  await ctx.db.destroy();
  await ctx.database.drop();
});

first('two processes starting together create one admin; only one prints the password, and it signs in', async ({ processes }) => {
  const [a, b] = processes as [Process, Process];
  const results = await Promise.all([a.access.users.ensureInitialAdmin(undefined), b.access.users.ensureInitialAdmin(undefined)]);
  const printed = results.flatMap((r) => (r.generatedPassword ? [r.generatedPassword] : []));
  assert.is(printed.length, 1, JSON.stringify(results.map((r) => r.created)));
  const created = (await a.store.readStream('user-admin')).filter((e) => e.type === 'UserCreated');
  assert.is(created.length, 1);
  const session = await a.access.signIn.login({ username: 'admin', password: printed[0] ?? '' }, '127.0.0.1');
  assert.is(session.user.role, 'ADMIN');
  assert.is(session.user.password_change_required, true, 'a generated password must be changed at first sign-in');
  // Restarts change nothing.
  assert.equal(await b.access.users.ensureInitialAdmin('another-password'), { created: false });
});

first('with NETRAVEN_ADMIN_PASSWORD the admin signs in at once, with nothing to change', async ({ processes }) => {
  const [a] = processes as [Process];
  assert.equal(await a.access.users.ensureInitialAdmin('scripted-install-pw'), { created: true });
  const session = await a.access.signIn.login({ username: 'admin', password: 'scripted-install-pw' }, '127.0.0.1');
  assert.is(session.user.password_change_required, false);
});

first.run();
