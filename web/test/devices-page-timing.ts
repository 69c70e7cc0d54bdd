import type { Page } from 'playwright-core';

/**
 * Opens the devices page afresh and measures, in the page, when the devices were asked for, arrived and were shown:
 * `renderMs` from the last devices response to the frame that shows them, `readAndRenderMs` from the first page asked for.
 */
export async function loadDevicesPage(page: Page, origin: string, total: number): Promise<{ renderMs: number; readAndRenderMs: number }> {
  await page.goto(`${origin}/devices`);
  const shownAt = await page.waitForFunction((expected) => {
    const status = [...document.querySelectorAll('[role="status"]')].some((e) => e.textContent === expected);
    return status && [...document.querySelectorAll('a')].some((a) => a.textContent === 'edge-1') ? performance.now() : false;
  }, `${total} of ${total} devices`, { polling: 'raf', timeout: 60_000 });
  // urql sends short queries as GET: the operation is in the URL (Resource Timing of each devices page).
  const [askedAt, arrivedAt] = await page.evaluate(() => {
    const pages = performance.getEntriesByType('resource')
      .filter((e) => e.name.includes('/graphql?') && new URL(e.name).searchParams.get('query')?.includes('query Devices')) as PerformanceResourceTiming[];
    return [pages[0]?.startTime ?? Number.NaN, pages.at(-1)?.responseEnd ?? Number.NaN];
  });
  const shown = await shownAt.jsonValue() as number;
  return { renderMs: Math.round(shown - arrivedAt), readAndRenderMs: Math.round(shown - askedAt) };
}
