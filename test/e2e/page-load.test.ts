// The pages as a visitor's browser gets them: under the real CSP (no exemption here), with every
// script, style sheet and font loaded, and usable at 320 CSS pixels wide without sideways scrolling.
import type { BrowserContext, Page } from 'playwright-core';
// Each test takes expect from its own context: some run concurrently.
import { afterAll, afterEach, beforeAll, beforeEach, describe, it } from 'vitest';
import { languages, startE2E, watchPage, type E2E, type InPageGlobals } from './support.js';

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(() => e2e?.close());

describe('under the real CSP', () => {
  let context: BrowserContext;
  let page: Page;
  let problems: string[];
  let cspViolations: () => Promise<string[]>;
  beforeEach(async () => {
    context = await e2e.browser.newContext();
    // Init scripts are the browser's own, not the page's, so the CSP does not apply to this one.
    await context.addInitScript(() => {
      const g = globalThis as unknown as { __csp: string[]; addEventListener(type: string, listener: (e: { violatedDirective: string; blockedURI: string }) => void): void };
      g.__csp = [];
      g.addEventListener('securitypolicyviolation', (e) => g.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
    page = await context.newPage();
    problems = watchPage(page).problems;
    cspViolations = () => page.evaluate(() => (globalThis as unknown as { __csp: string[] }).__csp);
  });
  afterEach(() => context?.close());

  const urls: [url: string, status: number][] = [
    ...languages.map((l): [string, number] => [`/${l}/`, 200]),
    ['/en/about', 200],
    ['/ru/maslikhats?date=2020-10-21', 200],
    ['/kk/maslikhats?date=bad', 400],
    ['/kk-latn/no-such-page', 404],
  ];

  it.for(urls)('%s loads with no CSP violation, no error and no failed request; htmx, the CSS and the fonts are in', async ([url, status], { expect }) => {
    const response = await page.goto(`${e2e.baseUrl}${url}`, { waitUntil: 'networkidle' });
    expect(response?.status()).toBe(status);
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");

    const state = await page.evaluate(async () => {
      const { document, getComputedStyle } = globalThis as unknown as InPageGlobals;
      await document.fonts.ready;
      const scripts = [...document.querySelectorAll('script[src]')].map((s) => s.getAttribute('src') ?? '');
      return {
        htmx: typeof (globalThis as unknown as InPageGlobals).htmx,
        scripts,
        styleSheets: document.styleSheets.length,
        // The design system's header colour: proof the style sheet applied, not just arrived.
        headerBackground: getComputedStyle(document.querySelector('.site-header') ?? document.body).getPropertyValue('background-color'),
        bodyFont: getComputedStyle(document.body).getPropertyValue('font-family'),
        notoLoaded: [...document.fonts].filter((f) => f.family.replaceAll('"', '') === 'Noto Sans' && f.status === 'loaded').map((f) => f.weight),
        notoFailed: [...document.fonts].filter((f) => f.status === 'error').length,
      };
    });
    expect(state.htmx, 'window.htmx').toBe('object');
    expect(state.scripts.length).toBeGreaterThanOrEqual(2);
    for (const src of state.scripts) expect(src).toMatch(/^\/assets\/[\w-]+\.[0-9a-f]{10}\.js$/);
    expect(state.styleSheets).toBe(1);
    expect(state.headerBackground).toBe('rgb(0, 97, 127)');
    expect(state.bodyFont).toMatch(/^"Noto Sans"/);
    expect(state.notoFailed).toBe(0);
    expect(state.notoLoaded, 'Noto Sans regular and bold were used and loaded').toEqual(expect.arrayContaining(['400', '700']));

    expect(await cspViolations(), 'securitypolicyviolation events').toEqual([]);
    expect(problems, 'console errors, page errors, failed requests').toEqual([]);
  });

  it('would notice a CSP violation (the watch works)', async ({ expect }) => {
    await page.goto(`${e2e.baseUrl}/en/`, { waitUntil: 'load' });
    // An inline script added by the page itself must be refused by the CSP, and seen by both watches.
    await page.evaluate(() => {
      const { document } = globalThis as unknown as InPageGlobals;
      const script = document.createElement('script');
      script.textContent = 'window.__inline = 1';
      document.body.append(script);
    });
    await expect.poll(cspViolations).toEqual([expect.stringMatching(/^script-src/)]);
    await expect.poll(() => problems).toEqual([expect.stringMatching(/^console error: (Refused to execute inline script|Executing inline script violates .*Content Security Policy)/)]);
  });

  it('would notice a subresource that failed, aborted or not, while the page stayed (the watch works)', async ({ expect }) => {
    await page.route('**/assets/favicon.*', (route) => route.abort('aborted'));
    await page.route('**/assets/*.css', (route) => route.abort('failed'));
    await page.goto(`${e2e.baseUrl}/en/`, { waitUntil: 'load' });
    // Sorted: the console's own line for the failed style sheet, then the favicon, then the style sheet.
    await expect.poll(() => problems.toSorted()).toEqual([
      'console error: Failed to load resource: net::ERR_FAILED',
      expect.stringMatching(/^request failed: .*\/assets\/favicon\.\w+\.svg \(net::ERR_ABORTED\)$/),
      expect.stringMatching(/^request failed: .*\/assets\/kenes\.\w+\.css \(net::ERR_FAILED\)$/),
    ]);
  });

  it('does not count what the browser dropped because the visitor went on to another page', async ({ expect }) => {
    let held = 0;
    // The favicon never comes; following a link leaves it behind, and Chromium cancels it.
    await page.route('**/assets/favicon.*', () => {
      held += 1;
    });
    await page.goto(`${e2e.baseUrl}/en/`, { waitUntil: 'load' });
    await expect.poll(() => held).toBeGreaterThan(0);
    await page.goto(`${e2e.baseUrl}/en/about`, { waitUntil: 'load' });
    expect(problems).toEqual([]);
  });

  it('nor what the old page still asked for after the visitor had asked for another', async ({ expect }) => {
    await page.goto(`${e2e.baseUrl}/en/`, { waitUntil: 'load' });
    // The next page is slow to answer; meanwhile the old page asks for an image that never comes, and Chromium drops it when the next page arrives.
    const nextAsked = Promise.withResolvers<void>();
    const release = Promise.withResolvers<void>();
    await page.route('**/en/about', async (route) => {
      nextAsked.resolve();
      await release.promise;
      await route.continue();
    });
    let held = 0;
    await page.route('**/assets/held.svg', () => {
      held += 1;
    });
    // Playwright evaluates nothing while a navigation is pending, so the old page is told beforehand: half a second after asking for the next page.
    await page.evaluate(() => {
      const { document, location, setTimeout } = globalThis as unknown as InPageGlobals & { location: { href: string }; setTimeout(fn: () => void, ms: number): void };
      setTimeout(() => {
        const image = document.createElement('img');
        image.setAttribute('src', '/assets/held.svg');
        document.body.append(image);
      }, 500);
      location.href = '/en/about';
    });
    await nextAsked.promise;
    await expect.poll(() => held).toBeGreaterThan(0);
    release.resolve();
    await page.waitForURL('**/en/about', { waitUntil: 'load' });
    await expect.poll(() => problems).toEqual([]);
  });
});

describe.concurrent('at 320 CSS pixels wide', () => {
  let context: BrowserContext;
  beforeAll(async () => {
    context = await e2e.browser.newContext({ viewport: { width: 320, height: 640 } });
  });
  afterAll(() => context?.close());

  const paths = ['/', '/about', '/maslikhats', '/maslikhats?date=bad'];
  const cases = languages.flatMap((l) => paths.map((p) => `/${l}${p}`));

  it.for(cases)('%s has no horizontal document scroll (a wide table scrolls in its own wrapper)', async (url, { expect }) => {
    const page = await context.newPage();
    try {
      await page.goto(`${e2e.baseUrl}${url}`, { waitUntil: 'networkidle' });
      const size = await page.evaluate(async () => {
        const { document, innerWidth } = globalThis as unknown as InPageGlobals;
        await document.fonts.ready;
        const wrapper = document.querySelector('.table-wrapper');
        return {
          innerWidth,
          scrollWidth: document.documentElement.scrollWidth,
          hasTable: wrapper !== null,
        };
      });
      expect(size.innerWidth).toBe(320);
      expect(size.scrollWidth, 'document scroll width').toBeLessThanOrEqual(320);
      expect(size.hasTable, 'the maslikhats table is there, in its scrolling wrapper').toBe(url.includes('/maslikhats'));
    } finally {
      await page.close();
    }
  });
});
