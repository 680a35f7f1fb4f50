// The legal-literacy library end to end in real browsers (issue 14): a partner (the Union of Lawyers)
// prepares a lecture and uploads it as a DOCX, and submits it; the secretariat publishes it and sends
// it to three regions' maslikhats; one acknowledges receipt and opens it; the coverage says 1 of 3
// acknowledged; and a word found only inside the DOCX finds the lecture in the site's search. The
// partner also writes a self-check question, which the region answers; the public page counts it.
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/core/db/connect.js';
import { translate, type MessageKey } from '../../src/core/i18n/messages.js';
import { Browser, createAccount, signInFully, type TestAccount } from '../support/factories.js';
import { docx } from '../support/library-factories.js';
import { createOrganization } from '../support/registry-factories.js';
import { type E2E, startE2E, submit, watchPage } from './support.js';

const en = (key: MessageKey, values?: Record<string, string | number>) => translate('en', key, values);

const title = { kk: 'Жаңа Конституция туралы дәріс', ru: 'Лекция о новой Конституции' };
/** In the DOCX's text only: not in the title, the summary or anywhere else in Kenes. */
const insideOnly = 'парламентаризмтану';
/** As the distribution form names the region maslikhats: by their regions. */
const regions = ['West Kazakhstan Region', 'Aktobe Region', 'Akmola Region'];

let e2e: E2E;
let db: Db;
const problems: string[][] = [];

/** A browser context signed in as the account (the second factor done when its role needs one). */
async function contextOf(account: TestAccount, fully: boolean): Promise<BrowserContext> {
  const jar = new Browser(e2e.t.app);
  if (fully) await signInFully(jar, db, account);
  else await jar.signIn(account);
  const context = await e2e.browser.newContext();
  await context.addCookies(['kenes_session', 'kenes_csrf'].map((name) => ({ name, value: jar.cookie(name)!, url: e2e.baseUrl })));
  return context;
}

async function watched(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  problems.push(watchPage(page).problems);
  return page;
}

beforeAll(async () => {
  e2e = await startE2E();
  db = e2e.t.database.db;
});
afterAll(async () => {
  await e2e?.close();
});

describe('a lecture from the Union of Lawyers, from its upload to the regions and the search', () => {
  it('is uploaded and submitted by the partner, published and sent by the secretariat, acknowledged and opened by a region, counted, and found by a word inside its file', async () => {
    await createOrganization(db, { classification: 'association', slug: 'union-of-lawyers-e2e', name: { kk: 'Заңгерлер одағы', ru: 'Союз юристов', en: 'Union of Lawyers' } });
    const partner = await watched(await contextOf(await createAccount(db, { grants: [{ role: 'partner', organizationSlug: 'union-of-lawyers-e2e' }] }), false));
    const clerk = await watched(await contextOf(await createAccount(db, { grants: [{ role: 'secretariat', organizationSlug: 'council-senate' }] }), true));
    const west = await watched(await contextOf(await createAccount(db, { grants: [{ role: 'maslikhat_staff', organizationSlug: 'maslikhat-270000000' }] }), false));

    // 1. The partner prepares the lecture, uploads its DOCX in Kazakh and submits it.
    await partner.goto(`${e2e.baseUrl}/en/office/library/new`);
    await partner.getByLabel(en('library.kind.lecture')).check();
    await partner.getByLabel(en('library.titleKk')).fill(title.kk);
    await partner.getByLabel(en('library.titleRu')).fill(title.ru);
    await partner.getByLabel(en('library.organizationLabel')).selectOption({ label: 'Union of Lawyers' });
    await submit(partner, partner.locator('main').getByRole('button', { name: en('library.create') }));
    const materialPath = new URL(partner.url()).pathname;
    expect(materialPath).toMatch(/^\/en\/office\/library\/[\da-f-]{36}$/);
    await partner.getByLabel(en('library.fileLanguageLabel')).selectOption({ label: en('library.language.kk') });
    const lecture = await docx(['Жаңа Конституция: Құрылтай және мәслихаттар.', `Дәрістің тақырыбы — ${insideOnly} негіздері.`]);
    await partner.getByLabel(en('library.fileLabel'), { exact: true }).setInputFiles({ name: 'дәріс.docx', mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', buffer: lecture });
    const uploaded = await submit(partner, partner.locator('main').getByRole('button', { name: en('library.upload') }));
    expect(uploaded.status()).toBe(200);
    expect(await partner.locator('main').innerText()).toContain('дәріс.docx');
    // Its self-check: one question, the second option right.
    await submit(partner, partner.locator('main').getByRole('link', { name: en('library.quizEditLink') }));
    await partner.locator('input[name="promptKk"]').fill('Құрылтай неше палаталы?');
    await partner.locator('input[name="option1Kk"]').fill('Екі палаталы');
    await partner.locator('input[name="option2Kk"]').fill('Бір палаталы');
    await partner.locator('input[name="correct"][value="2"]').check();
    await submit(partner, partner.locator('main').getByRole('button', { name: en('library.quizAdd') }));
    expect(await partner.locator('main').innerText()).toContain(en('library.quizAdded'));
    await partner.goto(`${e2e.baseUrl}${materialPath}`);
    expect(await partner.locator('main').innerText()).toContain(en('library.quizQuestions', { count: 1 }));
    await submit(partner, partner.locator('main').getByRole('button', { name: en('library.submit') }));
    expect(await partner.locator('main').innerText()).toContain(en('library.state.submitted'));

    // 2. The secretariat publishes it and sends it to three regions.
    await clerk.goto(`${e2e.baseUrl}${materialPath}`);
    await submit(clerk, clerk.locator('main').getByRole('button', { name: en('library.publish') }));
    expect(await clerk.locator('main').innerText()).toContain(en('library.state.published'));
    await clerk.getByLabel(en('library.audienceChosen')).check();
    for (const region of regions) await clerk.getByLabel(region, { exact: true }).check();
    await clerk.getByLabel(en('library.noteKk')).fill('Депутаттарға таныстыруды сұраймыз.');
    await submit(clerk, clerk.locator('main').getByRole('button', { name: en('library.distribute') }));

    // 3. West Kazakhstan sees it among new materials, opens it and acknowledges receipt.
    await west.goto(`${e2e.baseUrl}/en/office/maslikhats/maslikhat-270000000/library`);
    const materialId = materialPath.split('/').at(-1)!;
    await submit(west, west.locator(`main a[href$="/library/${materialId}"]`).first());
    await submit(west, west.locator('main').getByRole('button', { name: en('library.acknowledge') }));
    expect(await west.locator('main').innerText()).toContain(en('library.notice.acknowledged'));
    // …and takes the self-check: the score is theirs to see.
    await submit(west, west.locator('main').getByRole('link', { name: en('library.quizTakeLink', { count: 1 }) }));
    await west.getByLabel('Бір палаталы').check();
    await submit(west, west.locator('main').getByRole('button', { name: en('library.quizSend') }));
    expect(await west.locator('main').innerText()).toContain(en('library.quizScore', { correct: 1, total: 1 }));

    // 4. The coverage: sent to 3, acknowledged by 1, opened by 1.
    await clerk.goto(`${e2e.baseUrl}${materialPath}`);
    const coverage = await clerk.locator('main').innerText();
    const regionCount = await clerk.locator('main table').filter({ hasText: en('library.coverageTitle') }).locator('tbody tr').count();
    expect(coverage).toContain(en('library.coverageTotals', { sent: 3, acknowledged: 1, opened: 1, regions: regionCount }));

    // 5. The word inside the DOCX finds the lecture (the index caught up, as the running server does by itself).
    await e2e.t.app.searchIndex.reindexAll();
    const visitor = await watched(await e2e.browser.newContext());
    await visitor.goto(`${e2e.baseUrl}/en/search?q=${encodeURIComponent(insideOnly)}`);
    const results = visitor.locator('main');
    expect(await results.locator(`a[href$="/library/${materialPath.split('/').at(-1)!}"]`).count()).toBeGreaterThan(0);
    expect(await results.locator('mark').first().innerText()).toContain(insideOnly);

    // 6. The public page counts the self-check by region, without a share of right answers for one person.
    await visitor.goto(`${e2e.baseUrl}/en/library/${materialId}`);
    const publicText = await visitor.locator('main').innerText();
    expect(publicText).toContain(en('library.quizTakenBy', { people: 1, regions: 1 }));
    expect(publicText).toContain(en('library.quizTooFew', { min: 3 }));
    expect(problems.flat()).toEqual([]);
  });
});
