// Keyboard-only use: every control reachable by Tab in document order, a visible focus indicator
// at every stop, a working skip link, and the error summary's focus behaviour.
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, afterEach, describe, expect, it } from 'vitest';
import { startE2E, type E2E, type InPageGlobals } from './support.js';

interface Stop {
  /** data-e2e-key given by markInteractive(), null for a focusable we did not list (e.g. a scroller). */
  key: string | null;
  label: string;
  className: string;
  focusVisible: boolean;
  outlineStyle: string;
  outlineWidth: string;
  boxShadow: string;
}

interface Interactive {
  key: string;
  label: string;
}

/** Tags every visible, enabled interactive element with data-e2e-key="k<n>" in document order. */
function markInteractive(page: Page): Promise<Interactive[]> {
  return page.evaluate(() => {
    const { document } = globalThis as unknown as InPageGlobals;
    const selector = 'a[href], area[href], button, input, select, textarea, summary, [tabindex]:not([tabindex^="-"])';
    const found: { key: string; label: string }[] = [];
    for (const el of document.querySelectorAll(selector)) {
      if (el.matches(':disabled') || el.closest('[hidden], [inert], [aria-hidden="true"]')) continue;
      if (!el.checkVisibility({ visibilityProperty: true })) continue; // display:none, visibility:hidden, type=hidden
      const key = `k${found.length}`;
      el.setAttribute('data-e2e-key', key);
      const text = (el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 40);
      const href = el.getAttribute('href');
      const name = `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.className ? `.${el.className.split(' ').join('.')}` : ''}${href ? `[href="${href}"]` : ''}`;
      found.push({ key, label: `${name} "${text}"` });
    }
    return found;
  });
}

/** The focused element and its focus styles, or null when focus is on the body or outside the page. */
function focused(page: Page): Promise<Stop | null> {
  return page.evaluate(() => {
    const { document, getComputedStyle } = globalThis as unknown as InPageGlobals;
    const el = document.activeElement;
    if (!el || el === document.body || el === document.documentElement) return null;
    const style = getComputedStyle(el);
    const text = (el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 40);
    return {
      key: el.getAttribute('data-e2e-key'),
      label: `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''} "${text}"`,
      className: el.className,
      focusVisible: el.matches(':focus-visible'),
      outlineStyle: style.getPropertyValue('outline-style'),
      outlineWidth: style.getPropertyValue('outline-width'),
      boxShadow: style.getPropertyValue('box-shadow'),
    };
  });
}

function hasFocusIndicator(s: Stop): boolean {
  return (s.outlineStyle !== 'none' && Number.parseFloat(s.outlineWidth) > 0) || (s.boxShadow !== '' && s.boxShadow !== 'none');
}

/** Presses Tab from the top of the page until focus comes back to the first stop (or 60 presses). */
async function tabThrough(page: Page): Promise<Stop[]> {
  const stops: Stop[] = [];
  for (let press = 0; press < 60; press += 1) {
    await page.keyboard.press('Tab');
    const stop = await focused(page);
    if (!stop) continue; // focus left the document for the browser's own UI; the next Tab comes back
    if (stops.length > 0 && stop.key !== null && stop.key === stops[0]?.key) break;
    // A date input's day, month and year are separate stops inside the one element.
    if (stop.key !== null && stop.key === stops.at(-1)?.key) continue;
    stops.push(stop);
  }
  return stops;
}

let e2e: E2E;
let context: BrowserContext;
let page: Page;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(() => e2e?.close());
beforeEach(async () => {
  context = await e2e.browser.newContext({ viewport: { width: 1280, height: 800 } });
  page = await context.newPage();
});
afterEach(() => context?.close());

describe('Tab through a page', () => {
  it.each(['/en/', '/en/about', '/en/maslikhats', '/kk/'])('%s: every control is reached, in document order, each with a visible focus indicator', async (url) => {
    await page.goto(`${e2e.baseUrl}${url}`);
    const interactive = await markInteractive(page);
    expect(interactive.length).toBeGreaterThan(5);
    const stops = await tabThrough(page);

    const reached = new Set(stops.map((s) => s.key));
    expect.soft(interactive.filter((i) => !reached.has(i.key)).map((i) => i.label), 'controls never reached by Tab').toEqual([]);

    const order = stops.flatMap((s) => (s.key === null ? [] : [Number(s.key.slice(1))]));
    expect.soft(order, 'Tab order follows the document').toEqual(order.toSorted((a, b) => a - b));

    const invisible = stops.filter((s) => !s.focusVisible || !hasFocusIndicator(s));
    expect.soft(invisible.map((s) => `${s.label}: outline ${s.outlineStyle} ${s.outlineWidth}, box-shadow ${s.boxShadow}`), 'stops without a visible focus indicator').toEqual([]);
  });

  it.each(['/en/', '/en/about', '/en/maslikhats', '/kk/'])('%s: the first Tab stop is the skip link, shown on screen; Enter moves focus to main', async (url) => {
    await page.goto(`${e2e.baseUrl}${url}`);
    await page.keyboard.press('Tab');
    expect((await focused(page))?.className).toBe('skip-link');
    const box = await page.locator(':focus').boundingBox();
    expect(box, 'the focused skip link is inside the viewport').not.toBeNull();
    expect(box?.x).toBeGreaterThanOrEqual(0);
    expect(box?.y).toBeGreaterThanOrEqual(0);

    await page.keyboard.press('Enter');
    const after = await page.evaluate(() => {
      const { document, location } = globalThis as unknown as InPageGlobals;
      return { main: document.activeElement?.matches('main#main') ?? false, hash: location.hash };
    });
    expect(after).toEqual({ main: true, hash: '#main' });

    // The next Tab continues from main, not from the top of the page.
    await page.keyboard.press('Tab');
    const next = await focused(page);
    expect(next?.className).not.toMatch(/skip-link|site-header/);
    const inMain = await page.evaluate(() => {
      const { document } = globalThis as unknown as InPageGlobals;
      return Boolean(document.activeElement?.closest('main, footer'));
    });
    expect(inMain).toBe(true);
  });
});

describe('the error summary', () => {
  it('takes focus on load, and its link moves focus to the date input (keyboard)', async () => {
    const response = await page.goto(`${e2e.baseUrl}/en/maslikhats?date=bad`);
    expect(response?.status()).toBe(400);
    const onLoad = await page.evaluate(() => {
      const { document } = globalThis as unknown as InPageGlobals;
      const el = document.activeElement;
      return { summary: el?.matches('.error-summary[role="alert"][data-autofocus]') ?? false };
    });
    expect(onLoad.summary, 'the error summary is focused on load').toBe(true);
    const summaryFocus = await focused(page);
    expect(summaryFocus && summaryFocus.outlineStyle !== 'none' && Number.parseFloat(summaryFocus.outlineWidth) > 0, 'the focused summary shows it').toBe(true);

    await page.keyboard.press('Tab');
    const link = await focused(page);
    expect(link?.label).toMatch(/^a /);
    expect(await page.locator(':focus').getAttribute('href')).toBe('#field-date');

    await page.keyboard.press('Enter');
    const target = await page.evaluate(() => {
      const { document } = globalThis as unknown as InPageGlobals;
      const el = document.activeElement;
      return { id: el?.id, invalid: el?.getAttribute('aria-invalid'), describedBy: el?.getAttribute('aria-describedby') };
    });
    expect(target).toEqual({ id: 'field-date', invalid: 'true', describedBy: 'field-date-hint field-date-error' });
    // The answer the person typed is still there to correct (GOV.UK pattern).
    expect(await page.inputValue('#field-date')).toBe('bad');
  });

  it('its link moves focus to the date input when clicked too', async () => {
    await page.goto(`${e2e.baseUrl}/en/maslikhats?date=bad`);
    await page.locator('.error-summary a[href="#field-date"]').click();
    await expect.poll(() => page.evaluate(() => (globalThis as unknown as InPageGlobals).document.activeElement?.id)).toBe('field-date');
  });

  it('does not steal focus when there is no error', async () => {
    await page.goto(`${e2e.baseUrl}/en/maslikhats?date=2020-10-21`);
    expect(await focused(page)).toBeNull();
  });
});
