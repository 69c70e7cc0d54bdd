// The console's operations in Chromium (round 2 of issue 18): diffs after a lab drift, config search, the audit
// scrubber, job control, live tables and logs, notifications and policies. Registered into console.test.ts's suite,
// in its order, so they share its NetRaven, its browser and the admin's page.
import type { Test } from 'uvu';
import * as assert from 'uvu/assert';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { api, eventually } from './netraven-process.js';

export interface ConsoleRun {
  web: Test;
  page: () => Page;
  browser: () => Browser;
  origin: () => string;
  token: () => string;
  lab: () => ReadonlyArray<{ host: string; port: number; platform: string }>;
  backupJobUrl: () => string;
  shot: (name: string) => Promise<unknown>;
}

/** After the device page test: edge-1 has two versions (the lab drifts after every backup). */
export function configSteps(c: ConsoleRun): void {
  c.web('after a lab config drift, the device page diffs two versions side by side and unified', async () => {
    const page = c.page();
    const edge = await eventually(async () => {
      const found = (await api<{ devices: { nodes: Array<{ id: string; snapshots: { totalCount: number } }> } }>(c.origin(),
        '{ devices(first: 5, text: "edge-1") { nodes { id name snapshots(first: 1) { totalCount } } } }', {}, c.token())).devices.nodes[0];
      return found && found.snapshots.totalCount >= 2 ? found : undefined;
    }, 30_000, 'two versions of edge-1');
    await page.goto(`${c.origin()}/devices/${encodeURIComponent(edge.id)}`);
    await page.getByRole('heading', { name: 'Backup history' }).waitFor();
    await page.getByRole('button', { name: /^Diff .* with the version before$/ }).first().click();
    const diff = page.getByRole('region', { name: 'Configuration diff' });
    const stats = diff.getByRole('status', { name: 'Diff stats' });
    await stats.waitFor();
    assert.match(await stats.innerText(), /^\+[1-9]\d* −\d+$/);
    const side = diff.getByRole('table', { name: 'Side-by-side diff' });
    await side.waitFor();
    assert.ok((await side.locator('tr.added, tr.changed').count()) > 0, 'an added or changed row');
    await diff.getByRole('button', { name: 'Unified' }).click();
    const unified = diff.getByRole('table', { name: 'Unified diff' });
    await unified.waitFor();
    assert.ok((await unified.locator('tr.added').count()) > 0, 'an added line');
    await c.shot('device-diff');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Changes' }).click();
    await page.getByRole('heading', { name: 'Changes', exact: true }).waitFor();
    await page.getByRole('button', { name: /^Diff of edge-1 in job / }).first().click();
    await page.getByRole('region', { name: 'edge-1: what changed' }).getByRole('status', { name: 'Diff stats' }).waitFor();
    await c.shot('changes');
  });

  c.web('search finds a config line on the devices that have it, with context; regex and filters narrow it', async () => {
    const page = c.page();
    const config = (await api<{ devices: { nodes: Array<{ config: string | null }> } }>(c.origin(),
      '{ devices(first: 1, text: "edge-1") { nodes { config } } }', {}, c.token())).devices.nodes[0]?.config ?? '';
    const line = config.split('\n').map((l) => l.trim()).find((l) => /^hostname\s|^set system host-name|^\/system identity|^hostname/.test(l)) ?? config.split('\n')[1]?.trim() ?? '';
    assert.ok(line.length > 3, `a line to search: ${line}`);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Search' }).click();
    await page.getByLabel('Config line').fill(line);
    await page.getByRole('button', { name: 'Search configs' }).click();
    const matches = page.getByRole('list', { name: 'Matches in edge-1' });
    await matches.waitFor();
    assert.ok((await matches.locator('li.hit').filter({ hasText: line }).count()) >= 1, 'the line is highlighted');
    assert.ok((await matches.locator('li').count()) > 1, 'with context lines');
    await c.shot('search');
    // A tag filter no edge device has: edge-1 is not among the results.
    await page.getByLabel('Tags').fill('lab');
    await page.getByRole('button', { name: 'Search configs' }).click();
    await page.getByRole('status').filter({ hasText: /configurations match$/ }).waitFor();
    assert.is(await page.getByRole('list', { name: 'Matches in edge-1' }).count(), 0);
    await page.getByLabel('Tags').fill('');
    await page.getByLabel('Regular expression').check();
    await page.getByLabel('Config line').fill(`^${line.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
    await page.getByRole('button', { name: 'Search configs' }).click();
    await page.getByRole('list', { name: 'Matches in edge-1' }).waitFor();
  });

  c.web('a job page scrubs its audit timeline: the state at the first event, then at the last', async () => {
    const page = c.page();
    await page.goto(c.backupJobUrl());
    const timeline = page.getByRole('list', { name: 'Job audit timeline' });
    await timeline.waitFor();
    assert.ok((await timeline.getByRole('listitem').count()) >= 4, 'scheduled, dispatched, device steps, completed');
    assert.ok((await timeline.getByText('user:admin').count()) >= 1, 'the actor who asked');
    const scrubber = page.getByRole('slider', { name: 'State after event' });
    const then = page.getByRole('progressbar', { name: 'Progress at that instant' });
    await eventually(async () => (await then.getAttribute('aria-valuenow')) === '100', 10_000, 'the final state');
    await scrubber.focus();
    await page.keyboard.press('Home');
    await eventually(async () => (await then.getAttribute('aria-valuenow')) === '0', 10_000, 'the state at the first event');
    await page.getByRole('region', { name: 'Job state at the chosen instant' }).getByText('queued').first().waitFor();
    assert.is(await timeline.locator('li[aria-current="step"]').count(), 1);
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await c.shot('job-timeline');
    await page.keyboard.press('End');
    await eventually(async () => (await then.getAttribute('aria-valuenow')) === '100', 10_000, 'the state at the last event');
  });

  c.web('run now, cancel a running job, re-run the failed devices of another', async () => {
    const page = c.page();
    const slow = Array.from({ length: 40 }, (_, i) => ({ name: `zbulk-${i + 1}`, host: c.lab()[0]?.host, port: c.lab()[0]?.port, platform: c.lab()[0]?.platform, credential: 'device-lab', tags: ['bulk'] }));
    const dead = { name: 'zdead-1', host: '127.0.0.1', port: 1, platform: 'cisco_ios', credential: 'device-lab', tags: ['dead'] };
    await api(c.origin(), 'mutation($input: ImportDevicesInput!) { importDevices(input: $input) { imported } }', { input: { devices: [...slow, dead] } }, c.token());
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Jobs' }).click();
    const form = page.getByRole('form', { name: 'Run now' });
    await form.getByLabel('Device tags').fill('bulk');
    await form.getByLabel('Priority').selectOption('LOW');
    await form.getByRole('button', { name: 'Run job' }).click();
    await page.waitForURL(/\/jobs\/[^/]+$/);
    await page.getByRole('button', { name: /^Cancel job / }).click();
    await page.locator('.page-head .badge').filter({ hasText: 'cancelled' }).waitFor({ timeout: 60_000 });
    // Queued devices ended CANCELLED at once; the ones already running finished.
    await eventually(async () => /\d+ succeeded, \d+ failed, [1-9]\d* cancelled of 40/.test(await page.locator('main p.muted').first().innerText()), 30_000, 'the cancelled count');

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Jobs' }).click();
    await form.getByLabel('Device names').fill('zdead-1');
    await form.getByRole('button', { name: 'Run job' }).click();
    await page.waitForURL(/\/jobs\/[^/]+$/);
    const first = page.url();
    await page.getByRole('button', { name: /^Re-run failed devices of job / }).click({ timeout: 60_000 });
    await eventually(async () => page.url() !== first, 10_000, 'the re-run job page');
    await page.getByText('re-runs the failed devices of').waitFor();
    await c.shot('job-rerun');

    // A COMMAND job: a command that changes configuration is refused before a job exists; a show command's output shows.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Jobs' }).click();
    await form.getByLabel('Kind').selectOption('COMMAND');
    await form.getByLabel('Device names').fill('edge-1');
    await form.getByLabel('Commands (one a line)').fill('configure terminal');
    await form.getByRole('button', { name: 'Run job' }).click();
    await form.getByRole('alert').waitFor();
    await form.getByLabel('Commands (one a line)').fill('show version');
    await form.getByRole('button', { name: 'Run job' }).click();
    await page.waitForURL(/\/jobs\/[^/]+$/);
    await page.getByRole('heading', { name: 'Command output' }).waitFor({ timeout: 60_000 });
    await page.getByText('edge-1: show version').click();
    assert.ok((await page.locator('details[open] pre').innerText()).length > 0, 'the output');
  });

  c.web('the devices table and the device page follow deviceChanged: a tag added elsewhere shows without a reload', async () => {
    const page = c.page();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Devices' }).click();
    await page.getByRole('searchbox', { name: 'Search' }).fill('edge-2');
    await page.getByRole('link', { name: 'edge-2', exact: true }).waitFor();
    await page.evaluate(() => Object.assign(globalThis, { notReloaded: true }));
    const id = (await api<{ devices: { nodes: Array<{ id: string }> } }>(c.origin(), '{ devices(first: 1, text: "edge-2") { nodes { id } } }', {}, c.token())).devices.nodes[0]?.id;
    await api(c.origin(), 'mutation($id: ID!) { tagDevice(id: $id, tags: ["live-tagged"]) { id } }', { id }, c.token());
    await page.getByRole('cell', { name: /live-tagged/ }).waitFor({ timeout: 10_000 });
    assert.is(await page.evaluate(() => (globalThis as { notReloaded?: boolean }).notReloaded), true);
    // The device page follows its device too.
    await page.getByRole('link', { name: 'edge-2', exact: true }).click();
    await page.getByRole('heading', { name: 'edge-2' }).waitFor();
    await page.getByText(/live-tagged/).waitFor();
    await api(c.origin(), 'mutation($id: ID!) { tagDevice(id: $id, tags: ["live-on-page"]) { id } }', { id }, c.token());
    await page.getByText(/live-on-page/).waitFor({ timeout: 10_000 });
    assert.is(await page.evaluate(() => (globalThis as { notReloaded?: boolean }).notReloaded), true);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Devices' }).click();
    await page.getByRole('searchbox', { name: 'Search' }).fill('');
  });
}

/** Admin pages, after the access tests. */
export function adminSteps(c: ConsoleRun): void {
  c.web('notifications: an admin adds a webhook, tests it against a receiver, opens its delivery log', async () => {
    const page = c.page();
    const received: string[] = [];
    const receiver = createServer((request, response) => {
      request.on('data', (chunk: Buffer) => received.push(chunk.toString('utf8')));
      request.on('end', () => response.writeHead(200).end('ok'));
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Notifications' }).click();
      await page.getByRole('button', { name: 'Add webhook' }).click();
      await page.getByLabel('URL').fill(url);
      await page.getByLabel('Device tags (empty: all)').fill('lab');
      await page.getByLabel(/^HMAC secret/).fill('a-long-enough-test-secret');
      await page.getByRole('button', { name: 'Create webhook' }).click();
      await page.getByRole('cell', { name: url }).waitFor();
      await page.getByRole('button', { name: 'Test', exact: true }).click();
      await page.getByRole('status').filter({ hasText: `${url}: ok (HTTP 200)` }).waitFor();
      assert.ok(received.length > 0, 'the receiver was called');
      await page.getByRole('button', { name: 'Deliveries' }).click();
      await page.getByText('Nothing delivered yet.').or(page.getByRole('table', { name: 'Delivery log' })).waitFor();
      await c.shot('notifications');
    } finally {
      receiver.close();
    }
  });

  c.web('backup policies: a tag policy is set and listed; a schedule is edited and shows its next runs', async () => {
    const page = c.page();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Policies' }).click();
    await page.getByRole('heading', { name: 'Backup policies' }).waitFor();
    await page.getByRole('button', { name: 'Add policy' }).click();
    await page.getByLabel('Tag', { exact: true }).fill('edge');
    await page.getByLabel('Volatile lines (a regex a line)').fill('^! Last configuration change');
    await page.getByLabel('Stale after (hours)').fill('48');
    await page.getByRole('button', { name: 'Save policy' }).click();
    await page.getByRole('cell', { name: '#edge' }).waitFor();
    await page.getByRole('cell', { name: '48 h' }).waitFor();
    await c.shot('policies');

    // Tags: every tag in use with its counts; the policy just set shows; a count opens the devices filtered to it.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Tags' }).click();
    await page.getByRole('heading', { name: 'Tags' }).waitFor();
    await page.getByRole('row', { name: /^edge\b.*\bset$/ }).waitFor();
    await c.shot('tags');
    await page.getByRole('link', { name: /devices tagged lab$/ }).click();
    await page.waitForURL(/\/devices\?tag=lab$/);
    await eventually(async () => (await page.getByRole('combobox', { name: /^Tag/ }).inputValue()) === 'lab', 10_000, 'the devices table filtered to the tag');

    await api(c.origin(), 'mutation($input: CreateScheduleInput!) { createSchedule(input: $input) { id } }',
      { input: { name: 'nightly lab', targets: { tags: ['lab'] }, cron: '0 3 * * *', timezone: 'UTC' } }, c.token());
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Schedules' }).click();
    await page.getByRole('button', { name: 'Edit nightly lab' }).click();
    const form = page.getByRole('form', { name: 'Edit schedule nightly lab' });
    await form.getByLabel('Cron', { exact: true }).fill('30 4 * * *');
    await form.getByLabel('Time zone').fill('UTC');
    await form.getByRole('button', { name: 'Save schedule' }).click();
    await page.getByRole('cell', { name: 'cron 30 4 * * * (UTC)' }).waitFor();
    // The system reachability schedule can be retimed, not deleted.
    await page.getByText('system: retime only').first().waitFor();
  });

  c.web('the logs page tails new lines live, with filters and stats', async () => {
    const page = c.page();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Logs' }).click();
    await page.getByRole('status', { name: 'Log stats' }).waitFor();
    await page.getByLabel('Type').selectOption('job');
    const lines = page.getByRole('list', { name: 'Log lines' });
    await lines.waitFor();
    const completed = lines.getByText(/^Job COMPLETED/);
    const before = await completed.count();
    await page.evaluate(() => Object.assign(globalThis, { notReloaded: true }));
    await api(c.origin(), 'mutation($input: ScheduleBackupInput!) { scheduleBackup(input: $input) { id } }', { input: { tags: ['lab'] } }, c.token());
    await eventually(async () => (await completed.count()) > before, 60_000, 'the new job line, live');
    assert.is(await page.evaluate(() => (globalThis as { notReloaded?: boolean }).notReloaded), true);
    await c.shot('logs');
    await page.getByLabel('Type').selectOption('');
  });
}
