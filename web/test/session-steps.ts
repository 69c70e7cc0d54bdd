// Sessions in Chromium (issue 18): a password that must change first, and the silent refresh of the access token.
// Registered into console.test.ts's suite, in its order, so they share its NetRaven and its browser.
import * as assert from 'uvu/assert';
import { ADMIN_PASSWORD, api, eventually } from './netraven-process.js';
import type { ConsoleRun } from './operations-steps.js';

export function sessionSteps(c: ConsoleRun): void {
  c.web('a user whose password must change chooses a new one first, then works', async () => {
    await api(c.origin(), 'mutation($input: CreateUserInput!) { createUser(input: $input) { id } }',
      { input: { username: 'nina', password: 'nina-first-password', role: 'VIEWER', tags: [], requirePasswordChange: true } }, c.token());
    const page = await (await c.browser().newContext()).newPage();
    await page.goto(`${c.origin()}/jobs`);
    await page.getByLabel('Username').fill('nina');
    await page.getByLabel('Password').fill('nina-first-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Choose a new password' }).waitFor();
    assert.is(await page.getByRole('navigation', { name: 'Main' }).count(), 0);
    await page.getByLabel('Current password').fill('nina-first-password');
    await page.getByLabel('New password').fill('nina-second-password');
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByRole('heading', { name: 'Jobs', exact: true }).waitFor();
    await page.context().close();
  });

  c.web('silent refresh: a session renews its access token before it expires, with the page left open, and keeps working', async () => {
    const page = await (await c.browser().newContext()).newPage();
    // The page's clock only: 14 minutes pass in the tab (the access token lives 15) while the server's clock does not move.
    await page.clock.install();
    const refreshes: string[] = [];
    page.on('request', (r) => { if (r.method() === 'POST' && (r.postData() ?? '').includes('refresh(')) refreshes.push(r.url()); });
    await page.goto(`${c.origin()}/devices`);
    await page.getByLabel('Username').fill('admin');
    await page.getByLabel('Password').fill(ADMIN_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('link', { name: 'edge-1', exact: true }).waitFor();
    const first = await page.evaluate(() => sessionStorage.getItem('netraven.refreshToken'));
    assert.is(refreshes.length, 0);
    await page.evaluate(() => Object.assign(globalThis, { notReloaded: true }));
    await page.clock.fastForward('14:05');
    await eventually(async () => refreshes.length === 1 && (await page.evaluate(() => sessionStorage.getItem('netraven.refreshToken'))) !== first, 10_000, 'the silent refresh');
    // Once, not in a loop: the new token's lifetime is counted on the page's own clock.
    await page.clock.fastForward('00:30');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Jobs' }).click();
    await page.getByRole('table').first().waitFor();
    assert.is(refreshes.length, 1, 'one refresh');
    assert.is(await page.evaluate(() => (globalThis as { notReloaded?: boolean }).notReloaded), true);
    await page.context().close();
  });
}
