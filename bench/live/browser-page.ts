import { chromium, type Browser } from 'playwright-core';

/**
 * The web console's Jobs page open in Debian's Chromium, as an operator watching jobs come in: the page
 * notes, for each job whose link appears, the animation frame that paints it (wall clock, ms with
 * fractions, the clock the load's "accepted" times use).
 */
export interface JobsPageWatch {
  /** When each job's row was first painted. */
  collect(): Promise<Map<string, number>>;
  close(): Promise<void>;
}

const CHROMIUM = process.env['NETRAVEN_CHROMIUM'] ?? '/usr/bin/chromium';

// In the page (a string: the bench is not compiled against the DOM's types). Each animation frame looks for job
// links not seen before: whether the page adds rows or rewrites the ones it has, a job counts once it is painted.
const OBSERVE_ROWS = `(() => {
  const seen = new Map();
  window.__jobRowsPainted = seen;
  const look = () => {
    const at = performance.timeOrigin + performance.now();
    for (const link of document.querySelectorAll('main a[href^="/jobs/"]')) {
      const id = decodeURIComponent(link.getAttribute('href').slice('/jobs/'.length));
      if (!seen.has(id)) seen.set(id, at);
    }
    requestAnimationFrame(look);
  };
  requestAnimationFrame(look);
})()`;

export async function watchJobsPage(origin: string, credentials: { username: string; password: string }): Promise<JobsPageWatch> {
  const browser: Browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox'] });
  try {
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 860 } })).newPage();
    await page.goto(`${origin}/`);
    await page.getByLabel('Username').fill(credentials.username);
    await page.getByLabel('Password').fill(credentials.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Jobs' }).click();
    await page.getByRole('heading', { name: 'Jobs' }).waitFor();
    await page.evaluate(OBSERVE_ROWS);
    return {
      async collect() {
        const painted = await page.evaluate('[...window.__jobRowsPainted]') as Array<[string, number]>;
        return new Map(painted);
      },
      close: () => browser.close(),
    };
  } catch (error) {
    await browser.close();
    throw error;
  }
}
