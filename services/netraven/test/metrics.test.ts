import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { startDeviceLab } from '@netraven/device-lab';
import { NetRavenMetrics } from '@netraven/infra/metrics';
import { eventually } from '@netraven/infra/testing';
import { startMetricsServer } from '../src/composition/process-metrics.js';
import { graphql, signIn } from './graphql-client.js';
import { createCredential, openStandalone, registerDevice, runBackup } from './standalone-fixture.js';

/** One sample of Prometheus' text format: the metric name, its labels and its value. */
interface Sample { name: string; labels: Record<string, string>; value: number }

function parseExposition(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match) continue;
    const labels: Record<string, string> = {};
    for (const pair of (match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) labels[pair[1]!] = pair[2]!;
    samples.push({ name: match[1]!, labels, value: Number(match[3]) });
  }
  return samples;
}

function total(samples: Sample[], name: string, labels: Record<string, string> = {}): number {
  return samples
    .filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))
    .reduce((sum, s) => sum + s.value, 0);
}

async function scrape(graphqlUrl: string): Promise<Sample[]> {
  const response = await fetch(graphqlUrl.replace(/\/graphql$/, '/metrics'));
  assert.is(response.status, 200);
  assert.match(response.headers.get('content-type') ?? '', /text\/plain/);
  return parseExposition(await response.text());
}

test('GET /metrics counts backups by outcome and category, their durations, appends, Git commits and follower lag', async () => {
  const lab = await startDeviceLab({ devices: 3 });
  const fx = await openStandalone();
  try {
    const before = await scrape(fx.url);
    assert.is(total(before, 'netraven_backups_total'), 0, 'no backup yet');
    const ids: string[] = [];
    for (const device of lab.devices) {
      const credentialId = await createCredential(fx.url, device.username, device.password, device.enablePassword);
      ids.push(await registerDevice(fx.url, credentialId, { name: device.name, host: device.host, port: device.port }));
    }
    const wrongCredential = await createCredential(fx.url, lab.devices[0]!.username, 'not-the-password');
    const refused = await registerDevice(fx.url, wrongCredential, { name: 'refuses-login', host: lab.devices[0]!.host, port: lab.devices[0]!.port });
    const job = await runBackup(fx.url, { deviceIds: [...ids, refused] });
    assert.is(job.devices.filter((d) => d.status === 'SUCCEEDED').length, 3, JSON.stringify(job.devices));

    const after = await scrape(fx.url);
    assert.is(total(after, 'netraven_backups_total', { outcome: 'changed', category: 'none' }), 3, 'three first configs');
    assert.is(total(after, 'netraven_backups_total', { outcome: 'failed', category: 'auth' }), 1, 'one refused login');
    assert.is(total(after, 'netraven_device_backup_duration_seconds_count'), 4, 'a duration for every outcome');
    assert.is(total(after, 'netraven_git_commit_duration_seconds_count'), 3, 'one commit per changed config');
    assert.ok(total(after, 'netraven_eventstore_append_duration_seconds_count') > total(before, 'netraven_eventstore_append_duration_seconds_count'));
    const lagFollowers = after.filter((s) => s.name === 'netraven_projection_lag_events').map((s) => s.labels['follower']);
    assert.ok(lagFollowers.length >= 3, `lag per follower: ${lagFollowers.join(', ')}`);
    assert.ok(after.some((s) => s.name === 'netraven_process_resident_memory_bytes'), 'process metrics');
    assert.equal(after.filter((s) => s.name === 'netraven_queue_depth').map((s) => [s.labels['priority'], s.value]).sort(),
      [['HIGH', 0], ['LOW', 0], ['NORMAL', 0]], 'nothing waits once the job is done');
    assert.is(total(after, 'netraven_queue_in_flight'), 0);
    assert.ok(after.every((s) => !Object.values(s.labels).some((v) => ids.includes(v) || v.includes(lab.devices[0]!.name))), 'no device in a label');
  } finally {
    await fx.dispose();
    await lab.close();
  }
});

test('the subscription gauge counts open subscriptions and drops when they end', async () => {
  const fx = await openStandalone();
  try {
    const token = await signIn(fx.url);
    const { scheduleBackup } = await graphql<{ scheduleBackup: { id: string } }>(fx.url, 'mutation { scheduleBackup(input: { tags: ["nobody-has-it"] }) { id } }');
    const controller = new AbortController();
    const response = await fetch(fx.url, {
      method: 'POST', signal: controller.signal,
      headers: { 'content-type': 'application/json', accept: 'text/event-stream', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: 'subscription($id: ID!) { jobUpdated(id: $id) { id status } }', variables: { id: scheduleBackup.id } }),
    });
    const reader = response.body!.getReader();
    await reader.read();
    await eventually('the gauge to count the open subscription', async () =>
      total(await scrape(fx.url), 'netraven_graphql_subscriptions') === 1 || undefined);
    controller.abort();
    await reader.cancel().catch(() => undefined);
    await eventually('the gauge to drop when the subscription ends', async () =>
      total(await scrape(fx.url), 'netraven_graphql_subscriptions') === 0 || undefined);
  } finally {
    await fx.dispose();
  }
});

test('a process without a gateway serves /metrics, /healthz and /readyz on its metrics port', async () => {
  const metrics = new NetRavenMetrics({ roles: ['worker'] });
  metrics.backups.inc({ outcome: 'unchanged', category: 'none' });
  const server = await startMetricsServer(metrics, () => Promise.resolve({ ready: true }), '127.0.0.1', 0);
  try {
    const samples = parseExposition(await (await fetch(server.url)).text());
    assert.is(total(samples, 'netraven_backups_total', { outcome: 'unchanged', roles: 'worker' }), 1);
    assert.is((await fetch(server.url.replace('/metrics', '/readyz'))).status, 200);
    assert.is((await fetch(server.url.replace('/metrics', '/graphql'))).status, 404);
  } finally {
    await server.close();
  }
});

test.run();
