// Plan reports: a maslikhat's obligations, filing a report (drafts, revisions, values, a file),
// the secretariat's review, and every refusal with nothing stored.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, createAccount, mailsWrittenBy, signedIn } from '../../../test/support/factories.js';
import { page } from '../../../test/support/page.js';
import { createPlan, createPlanItem, type ItemInput } from '../../../test/support/plan-factories.js';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { newId } from '../../core/ids.js';
import type { Language } from '../../core/i18n/languages.js';
import { translate } from '../../core/i18n/messages.js';

let t: TestApp;
let west: Browser;
let almaty: Browser;
let clerk: Browser;
const db = () => t.database.db;
const westPlan = '/en/office/maslikhats/maslikhat-270000000/plan';

beforeAll(async () => {
  t = await createTestApp();
  west = await signedIn(t.app, db(), { role: 'maslikhat_staff', organizationSlug: 'maslikhat-270000000' });
  almaty = await signedIn(t.app, db(), { role: 'maslikhat_staff', organizationSlug: 'maslikhat-750000000' });
  clerk = await signedIn(t.app, db(), { role: 'secretariat', organizationSlug: 'council-senate' });
});
afterAll(() => t.close());

/** An item of a new adopted plan, West Kazakhstan's by default, quarterly from 21 October 2020 with one indicator. */
async function item(input: Partial<ItemInput> & { planStatus?: 'draft' | 'adopted' } = {}) {
  const plan = await createPlan(db(), { status: input.planStatus ?? 'adopted' });
  const created = await createPlanItem(db(), { indicators: [{ target: 10 }], ...input, planId: plan.id });
  const form = (periodStart = '2020-10-01') => `${westPlan}/items/${created.id}/periods/${periodStart}`;
  return { ...created, planId: plan.id, form };
}

const reportsOf = (itemId: string) => db().selectFrom('plan_report').selectAll().where('item_id', '=', itemId).execute();
const revisionsOf = (reportId: string) => db().selectFrom('plan_report_revision').selectAll().where('report_id', '=', reportId).orderBy('revision').execute();

function multipart(fields: Record<string, string>, file?: { name: string; data: Buffer }) {
  const boundary = `----kenes${newId().replaceAll('-', '')}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  if (file) {
    parts.push(Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="attachment"; filename="${file.name}"\r\ncontent-type: application/pdf\r\n\r\n`), file.data, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

async function upload(browser: Browser, url: string, fields: Record<string, string>, file?: { name: string; data: Buffer }) {
  if (!browser.cookie('kenes_csrf')) await browser.get('/kk/');
  const body = multipart({ _csrf: browser.cookie('kenes_csrf')!, ...fields }, file);
  return t.app.inject({ method: 'POST', url, payload: body.payload, headers: { cookie: browser.cookieHeader, 'content-type': body.contentType } });
}

const pdf = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\n%%EOF\n');

describe('GET /:lang/office/maslikhats/:slug/plan', () => {
  it('lists what the maslikhat owes: each period so far, its due day and standing in words, with a link to file', async () => {
    const own = await item();
    const shared = await item({ responsible: ['region_maslikhats'] });
    const other = await item({ responsible: ['750000000'] });
    const res = await west.get(westPlan);
    expect(res.statusCode).toBe(200);
    const p = page(res.body);
    expect(p.heading).toBe(translate('en', 'planReport.obligationsTitle'));
    const section = p.document.getElementById(`item-${own.id}`)!.closest('section')!;
    expect(section.textContent).toContain('Due 5 Jan 2021');
    expect(section.textContent).toContain(translate('en', 'planReport.standing.missing'));
    expect(section.querySelectorAll('li')).toHaveLength(5); // 2020 Q4 to 2021 Q4
    expect(p.allByRole('link', { name: /File the report \(1 Oct 2020 – 31 Dec 2020\)/ }).map((a) => a.getAttribute('href'))).toContain(own.form());
    expect(p.document.getElementById(`item-${shared.id}`)).not.toBeNull();
    expect(p.document.getElementById(`item-${other.id}`)).toBeNull();
  });

  it('is in every language with the report form and the review pages, and refuses another region\'s staff (403)', async () => {
    const it1 = await item();
    await west.post(it1.form(), { textKk: 'Есеп', [`value-${it1.indicatorIds[0]}`]: '1', action: 'submit', version: '0' });
    const [report] = await reportsOf(it1.id);
    const languages: Language[] = ['kk', 'kk-latn', 'ru', 'en'];
    for (const lang of languages) {
      const obligations = `/${lang}/office/maslikhats/maslikhat-270000000/plan`;
      expect((await west.get(obligations)).statusCode).toBe(200);
      expect((await west.get(`${obligations}/items/${it1.id}/periods/2020-10-01`)).statusCode).toBe(200);
      expect((await clerk.get(`/${lang}/office/plan/reports`)).statusCode).toBe(200);
      expect(page((await clerk.get(`/${lang}/office/plan/reports/${report!.id}`)).body).allByRole('button', { name: translate(lang, 'planReport.accept') })).toHaveLength(1);
    }
    expect((await almaty.get(westPlan)).statusCode).toBe(403);
  });
});

describe('POST /:lang/office/maslikhats/:slug/plan/items/:itemId/periods/:periodStart', () => {
  it('files, is returned with a comment, is revised and accepted, with both versions in the history', async () => {
    const it1 = await item();
    const indicator = it1.indicatorIds[0]!;
    const filed = await west.post(it1.form(), { textKk: 'Екі кездесу өтті.', textRu: '', [`value-${indicator}`]: '4,5', action: 'submit', version: '0' });
    expect(filed.statusCode).toBe(303);
    expect(filed.headers.location).toBe(`${westPlan}?saved=submitted`);
    const [report] = await reportsOf(it1.id);
    expect(report).toMatchObject({ state: 'submitted', revision: 1, due_on: '2021-01-05' });
    const [first] = await revisionsOf(report!.id);
    expect(Number((await db().selectFrom('plan_report_value').select('value').where('revision_id', '=', first!.id).executeTakeFirstOrThrow()).value)).toBe(4.5);

    // The secretariat finds it awaiting review and returns it.
    const list = page((await clerk.get(`/en/office/plan/reports?plan=${it1.planId}`)).body);
    expect(list.tableRows()).toHaveLength(1);
    const returned = await clerk.post(`/en/office/plan/reports/${report!.id}/return`, { comment: 'Кездесулердің күнін көрсетіңіз.', version: String(report!.version) });
    expect(returned.statusCode).toBe(303);
    const obligations = page((await west.get(westPlan)).body);
    const section = obligations.document.getElementById(`item-${it1.id}`)!.closest('section')!;
    expect(section.textContent).toContain(translate('en', 'planReport.standing.returned'));
    expect(section.textContent).toContain('Кездесулердің күнін көрсетіңіз.');

    // The form offers the returned version to revise.
    const form = page((await west.get(it1.form())).body);
    expect(form.byLabel(translate('en', 'planReport.textKk')).textContent).toBe('Екі кездесу өтті.');
    expect(form.byLabel(/Number of meetings/).getAttribute('value')).toBe('4.5');
    const version = form.document.querySelector('input[name="version"]')!.getAttribute('value')!;
    const revised = await west.post(it1.form(), { textKk: 'Екі кездесу өтті: 3 және 17 қараша.', [`value-${indicator}`]: '5', action: 'submit', version });
    expect(revised.statusCode).toBe(303);
    const [again] = await reportsOf(it1.id);
    expect(again).toMatchObject({ state: 'submitted', revision: 2 });

    const accepted = await clerk.post(`/en/office/plan/reports/${report!.id}/accept`, { version: String(again!.version) });
    expect(accepted.statusCode).toBe(303);
    const [done] = await reportsOf(it1.id);
    expect(done!.state).toBe('accepted');
    expect(done!.accepted_at).not.toBeNull();

    const history = page((await clerk.get(`/en/office/plan/reports/${report!.id}`)).body);
    expect(history.allByRole('heading', { level: 3 }).map((h) => h.textContent)).toEqual(['Version 2', 'Version 1']);
    expect(history.text()).toContain('Кездесулердің күнін көрсетіңіз.');
    expect(history.text()).toContain('3 және 17 қараша');
    const audit = await db().selectFrom('audit_event').select('action').where('entity', '=', 'plan_report').where('entity_id', '=', report!.id).orderBy('occurred_at').orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['submit', 'return', 'submit', 'accept']);
  });

  it('the Council\'s own part is filed by its secretariat (where its reminder leads); another body\'s is not theirs', async () => {
    const own = await item({ responsible: ['council-senate'] });
    const councilForm = `/en/office/maslikhats/council-senate/plan/items/${own.id}/periods/2020-10-01`;
    expect((await clerk.get(councilForm)).statusCode).toBe(200);
    const filed = await clerk.post(councilForm, { textKk: 'Кеңес отырысы өтті.', textRu: 'Заседание Совета проведено.', [`value-${own.indicatorIds[0]}`]: '1', action: 'submit', version: '0' });
    expect(filed.statusCode).toBe(303);
    expect((await reportsOf(own.id)).map((r) => r.state)).toEqual(['submitted']);
    const west1 = await item();
    expect((await clerk.get(west1.form())).statusCode).toBe(403);
  });

  it('keeps a draft with empty values, unfiled, and says so', async () => {
    const it1 = await item();
    const res = await west.post(it1.form(), { textRu: 'Черновик', [`value-${it1.indicatorIds[0]}`]: '', action: 'draft', version: '0' });
    expect(res.statusCode).toBe(303);
    const [report] = await reportsOf(it1.id);
    expect(report).toMatchObject({ state: 'draft', revision: 0, first_submitted_at: null });
    const form = page((await west.get(it1.form())).body);
    expect(form.byLabel(translate('en', 'planReport.textRu')).textContent).toBe('Черновик');
  });

  it('refuses a period not begun or not in the schedule, a cancelled item or a plan not adopted, storing nothing', async () => {
    const future = await item({ startsOn: '2099-01-01', deadline: '2099-12-31' });
    const notYet = await west.post(future.form('2099-01-01'), { textKk: 'Ерте', action: 'submit', [`value-${future.indicatorIds[0]}`]: '1', version: '0' });
    expect(notYet.statusCode).toBe(400);
    expect(page(notYet.body).text()).toContain(translate('en', 'planReport.periodNotStarted'));
    const past = await item();
    const offSchedule = await west.post(past.form('2020-11-01'), { textKk: 'Қате', action: 'submit', version: '0' });
    expect(offSchedule.statusCode).toBe(400);
    expect(page(offSchedule.body).text()).toContain(translate('en', 'planReport.periodUnknown'));
    const cancelled = await item({ cancelled: true });
    expect((await west.post(cancelled.form(), { textKk: 'x', action: 'draft', version: '0' })).statusCode).toBe(400);
    const draftPlan = await item({ planStatus: 'draft' });
    expect((await west.post(draftPlan.form(), { textKk: 'x', action: 'draft', version: '0' })).statusCode).toBe(404);
    for (const i of [future, past, cancelled, draftPlan]) expect(await reportsOf(i.id)).toEqual([]);
  });

  it('answers an item the body is not responsible for as not found, and another region\'s staff as forbidden', async () => {
    const almatys = await item({ responsible: ['750000000'] });
    expect((await west.post(almatys.form(), { textKk: 'x', action: 'submit', [`value-${almatys.indicatorIds[0]}`]: '1', version: '0' })).statusCode).toBe(404);
    const wests = await item();
    expect((await almaty.get(wests.form())).statusCode).toBe(403);
    expect((await almaty.post(wests.form(), { textKk: 'x', action: 'submit', version: '0' })).statusCode).toBe(403);
    expect(await reportsOf(almatys.id)).toEqual([]);
    expect(await reportsOf(wests.id)).toEqual([]);
  });

  it('refuses a value that is not a number and a report without text, at their fields, keeping the answers', async () => {
    const it1 = await item();
    const res = await west.post(it1.form(), { textKk: '', textRu: '', [`value-${it1.indicatorIds[0]}`]: 'бесеу', action: 'submit', version: '0' });
    expect(res.statusCode).toBe(400);
    const p = page(res.body);
    expect(p.title.startsWith(translate('en', 'form.errorTitlePrefix'))).toBe(true);
    expect(p.fieldError(/Number of meetings/)).toBe(translate('en', 'planReport.valueInvalid', { name: 'Number of meetings' }));
    expect(p.fieldError(translate('en', 'planReport.textKk'))).toBe(translate('en', 'planReport.textMissing'));
    expect(p.byLabel(/Number of meetings/).getAttribute('value')).toBe('бесеу');
    expect(await reportsOf(it1.id)).toEqual([]);
  });

  it('names each indicator in its problem, so the error summary\'s lines differ (in the page\'s language)', async () => {
    const it1 = await item({
      indicators: [
        { target: 10 },
        { name: { kk: 'Жария тыңдаулар саны', ru: 'Число публичных слушаний', en: 'Number of public hearings' }, unit: { kk: 'тыңдау', ru: 'слушаний', en: 'hearings' } },
        { name: { kk: 'Өтініштер үлесі', ru: 'Доля обращений' }, unit: { kk: '%', ru: '%' } },
      ],
    });
    const [meetings, hearings, share] = it1.indicatorIds;
    const res = await west.post(it1.form(), { textKk: 'Есеп', [`value-${meetings}`]: '', [`value-${hearings}`]: 'үшеу', [`value-${share}`]: '', action: 'submit', version: '0' });
    expect(res.statusCode).toBe(400);
    expect(page(res.body).errorSummary()).toEqual([
      { text: translate('en', 'planReport.valueMissing', { name: 'Number of meetings' }), href: `#field-value-${meetings}` },
      { text: translate('en', 'planReport.valueInvalid', { name: 'Number of public hearings' }), href: `#field-value-${hearings}` },
      // No English name: the name the page shows, in Russian.
      { text: translate('en', 'planReport.valueMissing', { name: 'Доля обращений' }), href: `#field-value-${share}` },
    ]);
    const kk = await west.post(it1.form().replace('/en/', '/kk/'), { textKk: 'Есеп', action: 'submit', version: '0' });
    const lines = page(kk.body).errorSummary().map((e) => e.text);
    expect(lines).toEqual([
      translate('kk', 'planReport.valueMissing', { name: 'Кездесулер саны' }),
      translate('kk', 'planReport.valueMissing', { name: 'Жария тыңдаулар саны' }),
      translate('kk', 'planReport.valueMissing', { name: 'Өтініштер үлесі' }),
    ]);
    expect(new Set(lines).size).toBe(3);
    expect(await reportsOf(it1.id)).toEqual([]);
  });

  it('refuses a stale version (409, the latest shown with what was typed) and does not file one revision twice', async () => {
    const it1 = await item();
    const value = { [`value-${it1.indicatorIds[0]}`]: '2' };
    expect((await west.post(it1.form(), { textKk: 'Бірінші', ...value, action: 'submit', version: '0' })).statusCode).toBe(303);
    const twice = await west.post(it1.form(), { textKk: 'Бірінші', ...value, action: 'submit', version: '0' });
    expect(twice.statusCode).toBe(409);
    expect(page(twice.body).text()).toContain(translate('en', 'planReport.changedMeanwhile'));
    const [report] = await reportsOf(it1.id);
    expect(await revisionsOf(report!.id)).toHaveLength(1);

    const draft = await item();
    expect((await west.post(draft.form(), { textKk: 'Жоба', action: 'draft', version: '0' })).statusCode).toBe(303);
    const stale = await west.post(draft.form(), { textKk: 'Ескі беттен', action: 'draft', version: '1' });
    expect(stale.statusCode).toBe(409);
    expect(page(stale.body).byLabel(translate('en', 'planReport.textKk')).textContent).toBe('Ескі беттен');
    const [kept] = await reportsOf(draft.id);
    expect((await revisionsOf(kept!.id))[0]!.body).toEqual({ kk: 'Жоба' });
  });

  it('takes one file told by its bytes, refuses a renamed or too large one, and serves it to the body and the secretariat only', async () => {
    const it1 = await item();
    const fields = { textKk: 'Файлмен', action: 'submit', [`value-${it1.indicatorIds[0]}`]: '1', version: '0' };
    const renamed = await upload(west, it1.form(), fields, { name: 'report.pdf', data: Buffer.from('MZ not a pdf at all') });
    expect(renamed.statusCode).toBe(400);
    expect(page(renamed.body).errorSummary().map((e) => e.text)).toEqual([translate('en', 'planReport.attachmentType')]);
    const large = await upload(west, it1.form(), fields, { name: 'big.pdf', data: Buffer.concat([pdf, Buffer.alloc(20 * 1024 * 1024)]) });
    expect(large.statusCode).toBe(400);
    expect(page(large.body).errorSummary().map((e) => e.text)).toEqual([translate('en', 'planReport.attachmentTooLarge', { limit: 20 })]);
    expect(await reportsOf(it1.id)).toEqual([]);

    expect((await upload(west, it1.form(), fields, { name: 'Есеп.pdf', data: pdf })).statusCode).toBe(303);
    const [report] = await reportsOf(it1.id);
    const [revision] = await revisionsOf(report!.id);
    const attachment = await db().selectFrom('plan_report_attachment').selectAll().where('revision_id', '=', revision!.id).executeTakeFirstOrThrow();
    expect(attachment).toMatchObject({ original_name: 'Есеп.pdf', content_type: 'application/pdf', size_bytes: pdf.length });
    const url = `/en/office/plan/reports/${report!.id}/attachments/${attachment.id}`;
    const served = await west.get(url);
    expect(served.statusCode).toBe(200);
    expect(served.rawPayload.equals(pdf)).toBe(true);
    expect((await clerk.get(url)).statusCode).toBe(200);
    expect((await almaty.get(url)).statusCode).toBe(403);
  });
});

describe('POST /:lang/office/plan/reports/:id/return', () => {
  it('needs a comment, and a report already reviewed cannot be reviewed again (409)', async () => {
    const it1 = await item();
    await west.post(it1.form(), { textRu: 'Отчёт', [`value-${it1.indicatorIds[0]}`]: '3', action: 'submit', version: '0' });
    const [report] = await reportsOf(it1.id);
    const empty = await clerk.post(`/en/office/plan/reports/${report!.id}/return`, { comment: '', version: String(report!.version) });
    expect(empty.statusCode).toBe(400);
    expect(page(empty.body).fieldError(translate('en', 'planReport.commentLabel'))).toBe(translate('en', 'planReport.commentMissing'));
    expect((await clerk.post(`/en/office/plan/reports/${report!.id}/accept`, { version: String(report!.version) })).statusCode).toBe(303);
    expect((await clerk.post(`/en/office/plan/reports/${report!.id}/return`, { comment: 'Поздно', version: String(report!.version) })).statusCode).toBe(409);
    const [after] = await reportsOf(it1.id);
    expect(after!.state).toBe('accepted');
    expect((await west.post(`/en/office/plan/reports/${report!.id}/accept`, { version: String(after!.version) })).statusCode).toBe(403);
  });
});

describe('POST /:lang/office/plan/reports/:id/accept and /return: the body is told', () => {
  it('mails each of the body\'s staff in their language: returned with the comment and the link to revise, then accepted; a refused review sends nothing', async () => {
    await createAccount(db(), { email: 'astana-ru@example.kz', displayName: 'Ольга', language: 'ru', grants: [{ role: 'maslikhat_staff', organizationSlug: 'maslikhat-710000000' }] });
    await createAccount(db(), { email: 'astana-en@example.kz', displayName: 'Dana', language: 'en', grants: [{ role: 'partner', organizationSlug: 'maslikhat-710000000' }] });
    const own = await item({ responsible: ['710000000'], action: { kk: 'Сайлаушылармен кездесу', ru: 'Встречи с избирателями', en: 'Meetings with voters' } });
    const astana = new Browser(t.app);
    await astana.signIn(await createAccount(db(), { grants: [{ role: 'maslikhat_staff', organizationSlug: 'maslikhat-710000000' }], email: 'astana-filer@example.kz' }));
    const form = `/en/office/maslikhats/maslikhat-710000000/plan/items/${own.id}/periods/2020-10-01`;
    expect((await astana.post(form, { textRu: 'Отчёт', [`value-${own.indicatorIds[0]}`]: '2', action: 'submit', version: '0' })).statusCode).toBe(303);
    const [report] = await reportsOf(own.id);

    const refused = await mailsWrittenBy(db(), () => clerk.post(`/en/office/plan/reports/${report!.id}/return`, { comment: 'Поздно', version: String(report!.version + 1) }));
    expect(refused.result.statusCode).toBe(409);
    expect(refused.mails).toEqual([]);

    const returned = await mailsWrittenBy(db(), () => clerk.post(`/en/office/plan/reports/${report!.id}/return`, { comment: 'Укажите даты встреч.', version: String(report!.version) }));
    expect(returned.result.statusCode).toBe(303);
    expect(returned.mails.map((m) => m.recipient)).toEqual(['astana-en@example.kz', 'astana-filer@example.kz', 'astana-ru@example.kz']);
    const ru = returned.mails.find((m) => m.recipient === 'astana-ru@example.kz')!;
    expect(ru.subject).toBe('Отчёт по плану возвращён на доработку (1 октября 2020 г. – 31 декабря 2020 г.)');
    expect(ru.body_text).toContain('Здравствуйте, Ольга!');
    expect(ru.body_text).toContain('Секретариат Совета вернул ваш отчёт по плану работы на доработку');
    expect(ru.body_text).toContain('Замечание секретариата:\nУкажите даты встреч.');
    expect(ru.body_text).toContain('Встречи с избирателями');
    expect(ru.body_text).toMatch(new RegExp(`Доработать отчёт: https?://[^/]+/ru/office/maslikhats/maslikhat-710000000/plan/items/${own.id}/periods/2020-10-01`));
    const en = returned.mails.find((m) => m.recipient === 'astana-en@example.kz')!;
    expect(en.subject).toBe('Plan report returned for revision (1 October 2020 – 31 December 2020)');
    expect(en.body_text).toContain('Revise the report: ');

    const [again] = await reportsOf(own.id);
    const version = String(again!.version);
    expect((await astana.post(form, { textRu: 'Отчёт: 3 и 17 ноября', [`value-${own.indicatorIds[0]}`]: '2', action: 'submit', version })).statusCode).toBe(303);
    const [revised] = await reportsOf(own.id);
    const accepted = await mailsWrittenBy(db(), () => clerk.post(`/en/office/plan/reports/${report!.id}/accept`, { version: String(revised!.version) }));
    expect(accepted.result.statusCode).toBe(303);
    expect(accepted.mails.map((m) => m.subject)).toEqual(['Plan report accepted (1 October 2020 – 31 December 2020)', 'Жоспар бойынша есеп қабылданды (2020 жылғы 1 қазан – 2020 жылғы 31 желтоқсан)', 'Отчёт по плану принят (1 октября 2020 г. – 31 декабря 2020 г.)']);
    expect(accepted.mails[2]!.body_text).not.toContain('Замечание');
  });
});

describe('GET /:lang/office', () => {
  it('tells a maslikhat\'s staff how many plan reports are due, linking to its obligations', async () => {
    await item();
    const staff = await signedIn(t.app, db(), { role: 'maslikhat_staff', organizationSlug: 'maslikhat-270000000' });
    const home = page((await staff.get('/en/office/')).body);
    expect(home.allByRole('link', { name: /work plan reports? (is|are) due/ }).map((a) => a.getAttribute('href'))).toEqual(['/en/office/maslikhats/maslikhat-270000000/plan']);
  });
});
