// A maslikhat secretary imports her region's deputies in a real browser, in Russian: she downloads
// the template, uploads a file with three bad rows, reads the report (row by row, in Russian; nothing
// written), uploads the corrected file, checks what will change and applies it; the deputies are then
// on the maslikhat's public page and in the open data (without their IINs). A secretary of another region cannot reach the upload screen or post to it. The report and
// confirmation pages pass axe-core (WCAG 2.2 AA).
import { AxeBuilder } from '@axe-core/playwright';
import type { BrowserContext, Locator, Page, Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/core/db/connect.js';
import { translate, type MessageKey } from '../../src/core/i18n/messages.js';
import { columnHeader } from '../../src/features/registry/import/columns.js';
import { demoDeputies, deputiesWorkbook, type DeputyFileRow } from '../../src/features/registry/import/demo-file.js';
import { parseDeputiesFile } from '../../src/features/registry/import/parse.js';
import { listMemberships } from '../../src/features/registry/membership.repository.js';
import { createAccount, type TestAccount } from '../support/factories.js';
import { startE2E, watchPage, type E2E } from './support.js';

const ru = (key: MessageKey, values?: Record<string, string | number>) => translate('ru', key, values);
const region = 'maslikhat-270000000'; // West Kazakhstan
const importUrl = `/ru/office/maslikhats/${region}/import`;
const districts = ['Бурлинский районный маслихат', 'Уральский городской маслихат'];

/** Clicks a control that loads a new page and returns that page's response (after redirects). */
async function submit(page: Page, control: Locator): Promise<Response> {
  const response = page.waitForResponse((r) => r.request().isNavigationRequest() && r.request().frame() === page.mainFrame() && (r.status() < 300 || r.status() >= 400));
  await control.click();
  const result = await response;
  await page.waitForLoadState('load');
  return result;
}

async function signIn(page: Page, baseUrl: string, account: TestAccount) {
  await page.goto(`${baseUrl}/ru/sign-in`);
  await page.getByLabel(ru('signIn.email')).fill(account.email);
  await page.getByLabel(ru('signIn.password')).fill(account.password);
  const response = await submit(page, page.locator('main').getByRole('button', { name: ru('signIn.submit') }));
  expect(response.status()).toBe(200);
  expect(new URL(page.url()).pathname).toBe('/ru/office/');
}

async function axeViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  return results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

/** Twenty-four deputies: the regional maslikhat's own and two district/city maslikhats' (created by the import). */
function deputies(): DeputyFileRow[] {
  return demoDeputies(24, { lang: 'ru', maslikhats: districts, offset: 7000 });
}

let e2e: E2E;
let db: Db;
let secretary: TestAccount;
let otherSecretary: TestAccount;
let context: BrowserContext;
let axeContext: BrowserContext;

beforeAll(async () => {
  e2e = await startE2E();
  db = e2e.t.database.db;
  secretary = await createAccount(db, { displayName: 'Гульмира Сапарова', grants: [{ role: 'maslikhat_staff', organizationSlug: region }] });
  otherSecretary = await createAccount(db, { displayName: 'Асель Ержанова', grants: [{ role: 'maslikhat_staff', organizationSlug: 'maslikhat-590000000' }] });
  context = await e2e.browser.newContext({ acceptDownloads: true });
  // axe's injected script needs the page's CSP bypassed: a second context, same session cookies.
  axeContext = await e2e.browser.newContext({ bypassCSP: true });
});
afterAll(async () => {
  await axeContext?.close();
  await context?.close();
  await e2e?.close();
});

describe('deputies import, in a browser', () => {
  it('a secretary uploads a file with three bad rows, reads the report in Russian, fixes it, applies it, and the deputies are public', async () => {
    const page = await context.newPage();
    const watch = watchPage(page);
    await signIn(page, e2e.baseUrl, secretary);
    await axeContext.addCookies(await context.cookies());
    const axePage = await axeContext.newPage();

    // The upload screen, with the Russian template to download.
    const screen = await page.goto(`${e2e.baseUrl}${importUrl}`);
    expect(screen?.status()).toBe(200);
    expect(await page.locator('main h1').innerText()).toBe(ru('import.title'));
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: ru('import.templateRu') }).click()]);
    expect(download.suggestedFilename()).toBe('kenes-deputies-ru.xlsx');
    const chunks = (await (await download.createReadStream()).toArray()) as Buffer[];
    const template = await parseDeputiesFile(Buffer.concat(chunks));
    expect(template.language).toBe('ru');
    expect(template.problems.map((p) => p.messageKey)).toEqual(['import.file.noRows']);

    // Three bad rows (spreadsheet rows 6, 13 and 20).
    const rows = deputies();
    const bad = rows.map((r) => ({ ...r }));
    bad[4]!.iin = `${String(rows[4]!.iin).slice(0, 11)}${(Number(String(rows[4]!.iin).at(-1)) + 1) % 10}`;
    bad[11]!.birthDate = '31.02.1980';
    bad[18]!.maslikhat = 'Бурлинский маслихат';
    await page.getByLabel(ru('import.fileLabel')).setInputFiles({ name: 'депутаты.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: await deputiesWorkbook(bad, 'ru') });
    const reported = await submit(page, page.getByRole('button', { name: ru('import.check') }));
    expect(reported.status()).toBe(400);
    expect(await page.locator('main h1').innerText()).toBe(ru('import.reportTitle'));
    expect(await page.getByRole('alert').innerText()).toContain(ru('import.reportLead', { bad: 3, total: 24 }));
    const table = page.locator('main table tbody tr');
    expect(await table.count()).toBe(3);
    const lines = await table.evaluateAll((trs) => trs.map((tr) => [...(tr as unknown as { children: Iterable<{ textContent: string | null }> }).children].map((c) => c.textContent ?? '')));
    expect(lines).toEqual([
      ['6', columnHeader('iin', 'ru'), ru('import.problem.iin.checksum', { value: String(bad[4]!.iin) })],
      ['13', columnHeader('birthDate', 'ru'), ru('import.problem.dateInvalid', { value: '31.02.1980' })],
      ['20', columnHeader('maslikhat', 'ru'), ru('import.problem.maslikhatUnknown', { value: 'Бурлинский маслихат' })],
    ]);
    const written = await listMemberships(db, { areaId: undefined, organizationId: undefined, roles: ['deputy'] }, { limit: 1, offset: 0 });
    expect(written.total, 'nothing written').toBe(0);

    // The same report passes axe.
    await axePage.goto(`${e2e.baseUrl}${importUrl}`);
    await axePage.getByLabel(ru('import.fileLabel')).setInputFiles({ name: 'депутаты.xlsx', mimeType: 'application/octet-stream', buffer: await deputiesWorkbook(bad, 'ru') });
    await submit(axePage, axePage.getByRole('button', { name: ru('import.check') }));
    expect(await axeViolations(axePage)).toEqual([]);

    // The corrected file, uploaded again from the report page.
    await page.getByLabel(ru('import.fileLabel')).setInputFiles({ name: 'депутаты-исправлено.xlsx', mimeType: 'application/octet-stream', buffer: await deputiesWorkbook(rows, 'ru') });
    const checked = await submit(page, page.getByRole('button', { name: ru('import.check') }));
    expect(checked.status()).toBe(200);
    expect(await page.locator('main h1').innerText()).toBe(ru('import.confirmTitle'));
    expect(await page.getByRole('status').innerText()).toContain(ru('import.confirmLead', { rows: 24 }));
    const summary = await page.locator('dl.summary-list').innerText();
    expect(summary).toContain(ru('import.count.membershipsCreated'));
    expect(summary).toContain(ru('import.count.maslikhatsCreated'));
    for (const name of districts) expect(await page.locator('main ul').allInnerTexts().then((t) => t.join('\n'))).toContain(name);

    await axePage.getByLabel(ru('import.fileLabel')).setInputFiles({ name: 'депутаты.xlsx', mimeType: 'application/octet-stream', buffer: await deputiesWorkbook(rows, 'ru') });
    await submit(axePage, axePage.getByRole('button', { name: ru('import.check') }));
    expect(await axeViolations(axePage)).toEqual([]);

    // Apply: all 24 deputies, then the maslikhat's public page.
    const applied = await submit(page, page.getByRole('button', { name: ru('import.apply') }));
    expect(new URL(page.url()).pathname).toBe(`/ru/maslikhats/${region}`);
    const organization = await db.selectFrom('organization').select('id').where('slug', '=', region).executeTakeFirstOrThrow();
    const own = rows.filter((r) => !r.maslikhat);
    expect(applied.status()).toBe(200);
    const publicPage = await page.locator('main').innerText();
    expect(own.map((r) => `${r.familyName} ${r.givenName}`).filter((name) => !publicPage.includes(name))).toEqual([]);
    // And in the open data.
    const api = await page.request.get(`${e2e.baseUrl}/api/v1/memberships?organization=${organization.id}&limit=100`);
    expect(api.status()).toBe(200);
    const openData = JSON.stringify(await api.json());
    expect(own.map((r) => String(r.familyName)).filter((name) => !openData.includes(name))).toEqual([]);
    expect(openData).not.toContain(String(own[0]!.iin));
    const members = await listMemberships(db, { organizationId: organization.id, roles: ['deputy'] }, { limit: 100, offset: 0 });
    expect(members.rows.map((m) => m.personName?.ru).toSorted()).toEqual(own.map((r) => `${r.familyName} ${r.givenName} ${r.patronymic}`).toSorted());
    const all = await listMemberships(db, { roles: ['deputy'] }, { limit: 100, offset: 0 });
    expect(all.total).toBe(24);
    expect(watch.problems).toEqual([]);
    await page.close();
    await axePage.close();
  });

  it('a secretary of another region cannot reach the upload screen or post a file to it', async () => {
    const other = await e2e.browser.newContext();
    try {
      const page = await other.newPage();
      await signIn(page, e2e.baseUrl, otherSecretary);
      const screen = await page.goto(`${e2e.baseUrl}${importUrl}`);
      expect(screen?.status()).toBe(403);
      expect(await page.locator('main h1').innerText()).toBe(ru('errorTitle.forbidden'));
      const csrf = (await other.cookies()).find((c) => c.name === 'kenes_csrf')!.value;
      const before = await listMemberships(db, { roles: ['deputy'] }, { limit: 1, offset: 0 });
      const posted = await page.request.post(`${e2e.baseUrl}${importUrl}`, {
        multipart: { _csrf: csrf, file: { name: 'депутаты.xlsx', mimeType: 'application/octet-stream', buffer: await deputiesWorkbook(demoDeputies(3, { lang: 'ru', offset: 8000 }), 'ru') } },
      });
      expect(posted.status()).toBe(403);
      const applied = await page.request.post(`${e2e.baseUrl}${importUrl}/0190c8a0-0000-7000-8000-000000000000/apply`, { form: { _csrf: csrf } });
      expect(applied.status()).toBe(403);
      expect((await listMemberships(db, { roles: ['deputy'] }, { limit: 1, offset: 0 })).total).toBe(before.total);
    } finally {
      await other.close();
    }
  });
});
