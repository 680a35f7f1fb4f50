// Browser tests: the app in-process on a real port (its own database cloned from the template)
// and the system Chromium driven by playwright-core.
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type Locator, type Page, type Request, type Response } from 'playwright-core';
import { createTestApp, type TestApp } from '../support/test-app.js';

export { languages } from '../../src/core/i18n/languages.js';

export interface E2E {
  /** http://127.0.0.1:PORT, no trailing slash. */
  baseUrl: string;
  browser: Browser;
  t: TestApp;
  close(): Promise<void>;
}

const chromiumArgs = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

export async function startE2E(): Promise<E2E> {
  const t = await createTestApp();
  let browser: Browser | undefined;
  try {
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = t.app.server.address() as AddressInfo;
    browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: chromiumArgs });
    const launched = browser;
    return {
      baseUrl: `http://127.0.0.1:${port}`,
      browser: launched,
      t,
      close: async () => {
        await launched.close();
        await t.close();
      },
    };
  } catch (error) {
    await browser?.close();
    await t.close();
    throw error;
  }
}

/** Everything that went wrong while a page loaded: console errors (CSP "Refused to …" among them),
 *  uncaught exceptions, failed requests and subresources answered with an error status. */
/** Clicks a control that loads a new page and waits for it (a 400 answer is a page too). */
export async function submit(page: Page, control: Locator): Promise<Response> {
  const response = page.waitForResponse((r) => r.request().isNavigationRequest() && r.request().frame() === page.mainFrame() && (r.status() < 300 || r.status() >= 400));
  await control.click();
  const result = await response;
  await page.waitForLoadState('load');
  return result;
}

export function watchPage(page: Page): { problems: string[] } {
  const problems: string[] = [];
  page.on('console', (message) => {
    // Chromium words a CSP refusal "Refused to …" or "… violates the following Content Security Policy directive …".
    const csp = /Refused to|Content Security Policy/.test(message.text());
    if (message.type() !== 'error' && !csp) return;
    // A document deliberately answered 400 or 404 is logged as a failed load too; that one is expected.
    if (message.text().startsWith('Failed to load resource') && message.location().url === page.url()) return;
    problems.push(`console ${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  // Leaving a page cancels what it was still loading (the favicon, often): Chromium reports those as
  // net::ERR_ABORTED. Such a request is not a defect when the main frame asked for a new page, or
  // committed one, after it started — even when the new page was asked for first and the old page
  // still requested it meanwhile. An abort is counted at once and withdrawn when a later navigation
  // explains it; any other failure, or an abort while the page stays, is kept.
  let navigations = 0;
  let commits = 0;
  const startedAt = new WeakMap<Request, { navigations: number; commits: number }>();
  const leftBehind = (at: { navigations: number; commits: number }) => navigations > at.navigations || commits > at.commits;
  const unexplainedAborts: { problem: string; navigations: number; commits: number }[] = [];
  const withdrawExplainedAborts = () => {
    for (const abort of unexplainedAborts.filter(leftBehind)) {
      unexplainedAborts.splice(unexplainedAborts.indexOf(abort), 1);
      const at = problems.indexOf(abort.problem);
      if (at >= 0) problems.splice(at, 1);
    }
  };
  page.on('request', (request) => {
    startedAt.set(request, { navigations, commits });
    if (request.isNavigationRequest() && request.frame() === page.mainFrame()) {
      navigations += 1;
      withdrawExplainedAborts();
    }
  });
  page.on('framenavigated', (frame) => {
    if (frame !== page.mainFrame()) return;
    commits += 1;
    withdrawExplainedAborts();
  });
  page.on('requestfailed', (request) => {
    const reason = request.failure()?.errorText ?? 'unknown';
    const problem = `request failed: ${request.url()} (${reason})`;
    if (reason === 'net::ERR_ABORTED' && !request.isNavigationRequest()) {
      const at = startedAt.get(request) ?? { navigations, commits };
      if (leftBehind(at)) return;
      unexplainedAborts.push({ problem, ...at });
    }
    problems.push(problem);
  });
  page.on('response', (response) => {
    // The document itself may be a 400 or 404 on purpose; its subresources may not.
    if (response.status() >= 400 && response.request().resourceType() !== 'document') {
      problems.push(`HTTP ${response.status()}: ${response.url()}`);
    }
  });
  return { problems };
}

/**
 * The bits of the DOM the in-page functions use. The project's tsconfig has no DOM library on
 * purpose (server code must not see `document`), so functions passed to page.evaluate() cast
 * globalThis to this.
 */
export interface InPageElement {
  tagName: string;
  id: string;
  className: string;
  textContent: string | null;
  matches(selector: string): boolean;
  getAttribute(name: string): string | null;
  setAttribute(name: string, value: string): void;
  removeAttribute(name: string): void;
  checkVisibility(options?: { visibilityProperty?: boolean; opacityProperty?: boolean }): boolean;
  closest(selector: string): InPageElement | null;
  append(node: InPageElement): void;
  scrollWidth: number;
  clientWidth: number;
}

export interface InPageGlobals {
  document: {
    activeElement: InPageElement | null;
    body: InPageElement;
    documentElement: InPageElement;
    createElement(tag: string): InPageElement;
    querySelector(selector: string): InPageElement | null;
    querySelectorAll(selector: string): Iterable<InPageElement>;
    fonts: { ready: Promise<unknown>; check(font: string): boolean } & Iterable<{ family: string; status: string; weight: string }>;
    styleSheets: { length: number };
  };
  getComputedStyle(element: InPageElement): Record<string, string> & { getPropertyValue(name: string): string };
  htmx?: unknown;
  innerWidth: number;
  location: { hash: string };
}
