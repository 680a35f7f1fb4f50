// The secretariat's plans: the list and a new plan, a plan's page and sections, and its standing —
// adopted by a decision (linked both ways), completed, superseded — with permissions, audit and version checks.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, signedIn } from '../../../test/support/factories.js';
import { page } from '../../../test/support/page.js';
import { createPlan, createPlanItem, createPlanReport } from '../../../test/support/plan-factories.js';
import { createDecision, createOrganization } from '../../../test/support/registry-factories.js';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { createRegistryService } from '../registry/registry.service.js';
import { createPlanService } from './plan.service.js';

let t: TestApp;
let clerk: Browser;
let staff: Browser;
const db = () => t.database.db;

beforeAll(async () => {
  t = await createTestApp();
  clerk = await signedIn(t.app, db(), { role: 'secretariat', organizationSlug: 'council-senate' });
  staff = await signedIn(t.app, db(), { role: 'maslikhat_staff', organizationSlug: 'maslikhat-270000000' });
});
afterAll(() => t.close());

const plansTitled = (ru: string) => db().selectFrom('plan').selectAll().where(sql<string>`title->>'ru'`, '=', ru).execute();
const auditOf = (entityId: string) => db().selectFrom('audit_event').select(['entity', 'action']).where('entity_id', '=', entityId).orderBy('occurred_at').execute();
const versionOf = async (planId: string) => String((await db().selectFrom('plan').select('version').where('id', '=', planId).executeTakeFirstOrThrow()).version);

describe('GET /:lang/office/plan', () => {
  it('lists the plans with their period, status and the decision that adopted them, in every language', async () => {
    const adopted = await createPlan(db(), { title: { kk: 'Бейне жоспар', ru: 'Видимый план', en: 'Visible plan' }, status: 'adopted', periodStart: '2020-10-21', periodEnd: '2021-12-31' });
    const list = page((await clerk.get('/en/office/plan')).body);
    expect(list.heading).toBe('Perspective work plans');
    const row = list.tableRows('Plans').find((r) => r[0]!.startsWith('Visible plan'));
    expect(row?.slice(1, 3)).toEqual(['21 October 2020 – 31 December 2021', 'adopted']);
    expect(row?.[3]).toMatch(/On the perspective plan \d+$/);
    expect(list.byRole('link', { name: 'Visible plan' }).getAttribute('href')).toBe(`/en/office/plan/${adopted.id}`);
    for (const lang of ['kk', 'kk-latn', 'ru']) {
      const res = await clerk.get(`/${lang}/office/plan`);
      expect(res.statusCode).toBe(200);
    }
    expect(page((await clerk.get('/kk/office/plan')).body).heading).toBe('Перспективалық жұмыс жоспарлары');
    expect(page((await clerk.get('/kk-latn/office/plan')).body).heading).toBe('Perspektivalyq jūmys josparlary');
  });

  it('is the secretariat\'s: maslikhat staff are refused', async () => {
    expect((await staff.get('/en/office/plan')).statusCode).toBe(403);
  });

  it('leads to the import from Excel, for a new plan and from a draft\'s page into that draft', async () => {
    expect(page((await clerk.get('/en/office/plan')).body).byRole('link', { name: 'Import a plan from Excel' }).getAttribute('href')).toBe('/en/office/plan/import');
    const draft = await createPlan(db());
    expect(page((await clerk.get(`/en/office/plan/${draft.id}`)).body).byRole('link', { name: 'Import a plan from Excel' }).getAttribute('href')).toBe(`/en/office/plan/import?plan=${draft.id}`);
    const adopted = await createPlan(db(), { status: 'adopted' });
    expect(page((await clerk.get(`/en/office/plan/${adopted.id}`)).body).allByRole('link', { name: 'Import a plan from Excel' })).toEqual([]);
  });
});

describe('POST /:lang/office/plan', () => {
  it('draws up a plan of the Council, audited, and opens its page', async () => {
    const res = await clerk.post('/en/office/plan', { titleKk: 'Жаңа жоспар А', titleRu: 'Новый план А', titleEn: '', periodStart: '2022-01-01', periodEnd: '2026-12-31' });
    expect(res.statusCode).toBe(303);
    const [plan] = await plansTitled('Новый план А');
    expect(plan).toMatchObject({ status: 'draft', period_start: '2022-01-01', period_end: '2026-12-31', title: { kk: 'Жаңа жоспар А', ru: 'Новый план А' } });
    expect(res.headers.location).toBe(`/en/office/plan/${plan!.id}`);
    expect(await auditOf(plan!.id)).toEqual([{ entity: 'plan', action: 'created' }]);
    const shown = page((await clerk.get(String(res.headers.location))).body);
    expect(shown.heading).toBe('Новый план А [RU]');
  });

  it('refuses missing Kazakh text and a period that ends before it starts, at the fields, storing nothing', async () => {
    const res = await clerk.post('/en/office/plan', { titleKk: '', titleRu: 'План без казахского', periodStart: '2022-05-01', periodEnd: '2022-04-30' });
    expect(res.statusCode).toBe(400);
    const form = page(res.body);
    expect(form.title).toMatch(/^Error:/);
    expect(form.errorSummary().map((e) => e.text)).toEqual(['Enter the plan\'s title in Kazakh.', 'The period cannot end before it starts.']);
    expect(form.fieldError('Period ends')).toBe('The period cannot end before it starts.');
    expect(form.byLabel('Title in Russian').getAttribute('value')).toBe('План без казахского');
    expect(await plansTitled('План без казахского')).toEqual([]);

    const badDate = page((await clerk.post('/ru/office/plan', { titleKk: 'Ж', titleRu: 'План с плохой датой', periodStart: '2022-02-30', periodEnd: '' })).body);
    expect(badDate.errorSummary().map((e) => e.text)).toEqual(['Введите дату в формате ГГГГ-ММ-ДД, например 2021-12-31.', 'Введите последний день периода.']);
    expect(await plansTitled('План с плохой датой')).toEqual([]);

    // A year PostgreSQL cannot store (there is no year 0) is a problem at the field, not a failure.
    const yearZero = page((await clerk.post('/en/office/plan', { titleKk: 'Ж', titleRu: 'План нулевого года', periodStart: '0000-01-01', periodEnd: '2021-12-31' })).body);
    expect(yearZero.fieldError('Period starts')).toBe('Enter a date between 1991 and 2099.');
    expect(await plansTitled('План нулевого года')).toEqual([]);
  });

  it('is refused to maslikhat staff', async () => {
    expect((await staff.post('/en/office/plan', { titleKk: 'Ж', titleRu: 'План персонала', periodStart: '2022-01-01', periodEnd: '2022-12-31' })).statusCode).toBe(403);
    expect(await plansTitled('План персонала')).toEqual([]);
  });
});

describe('GET /:lang/office/plan/:id', () => {
  it('shows the items by section with their bodies, deadline, indicators and the status derived from the reports', async () => {
    const plan = await createPlan(db(), { sections: [{ kk: 'Заң шығару', ru: 'Законотворчество', en: 'Law-making' }] });
    const done = await createPlanItem(db(), {
      planId: plan.id,
      sectionId: plan.sectionIds[0]!,
      action: { kk: 'Есеп беру', ru: 'Отчитаться', en: 'Report once' },
      deadlineKind: 'date',
      startsOn: '2020-11-01',
      deadline: '2020-12-31',
      responsible: ['270000000'],
      coExecutors: ['council-senate'],
      indicators: [{ baseline: 2, target: 12 }],
    });
    await createPlanReport(db(), { itemId: done.id, body: '270000000', periodStart: '2020-11-01', periodEnd: '2020-12-31', dueOn: '2020-12-31', state: 'accepted', revisions: [{ values: { [done.indicatorIds[0]!]: 7 } }] });
    await createPlanItem(db(), { planId: plan.id, action: { kk: 'Тоқсан сайын', ru: 'Ежеквартально', en: 'Every quarter' }, deadlineKind: 'quarterly', startsOn: '2020-10-21', deadline: '2021-12-31', dueOffsetDays: 5, responsible: ['region_maslikhats'] });

    const shown = page((await clerk.get(`/en/office/plan/${plan.id}`)).body);
    expect(shown.allByRole('heading', { level: 2 }).map((h) => h.textContent?.trim())).toEqual(expect.arrayContaining(['Section 1. Law-making', 'No section']));
    const once = shown.document.querySelector(`#item-${done.id}`);
    expect(once?.textContent).toContain('West Kazakhstan');
    expect(once?.querySelector('.tag')?.textContent).toBe('done');
    expect(shown.text(`#item-${done.id} dl`)).toContain('1 of 1 reports due so far accepted');
    // The indicator: baseline 2, target 12, 7 accepted — half the way.
    expect(page(once?.outerHTML ?? '').tableRows()[0]!.slice(1)).toEqual(['2', '12', '7 (50 %)']);
    const quarterly = shown.allByRole('heading', { name: /Every quarter/ })[0]!.closest('article');
    expect(quarterly?.textContent).toContain('quarterly until 31 December 2021 (report due 5 days after each quarter)');
    expect(quarterly?.textContent).toContain('every region-level maslikhat');
    expect(quarterly?.querySelector('.tag')?.textContent).toBe('overdue');
  });

  it('names the plan\'s body as it was during the plan, after the body is renamed', async () => {
    await createOrganization(db(), {
      classification: 'council',
      slug: 'council-renamed-test',
      name: { kk: 'Жаңа кеңес', ru: 'Новый совет', en: 'New council' },
      formerNames: [{ name: { kk: 'Сенат жанындағы кеңес', ru: 'Совет при Сенате', en: 'Council under the Senate' }, validTo: '2022-12-31' }],
    });
    const plan = await createPlan(db(), { organization: 'council-renamed-test', periodStart: '2020-10-21', periodEnd: '2021-12-31', status: 'adopted' });
    const shown = page((await clerk.get(`/en/office/plan/${plan.id}`)).body);
    expect(shown.text('.hint')).toContain('Council under the Senate');
    // Another body's plan: readable by the secretariat, but not theirs to change.
    expect(shown.allByRole('link', { name: 'Mark completed' })).toEqual([]);
  });

  it('is refused to maslikhat staff, and an unknown plan is not found', async () => {
    const plan = await createPlan(db());
    expect((await staff.get(`/en/office/plan/${plan.id}`)).statusCode).toBe(403);
    expect((await clerk.get('/en/office/plan/0190c8a0-0000-7000-8000-000000000000')).statusCode).toBe(404);
    expect((await clerk.get('/en/office/plan/not-an-id')).statusCode).toBe(404);
  });
});

describe('POST /:lang/office/plan/:id/sections', () => {
  it('adds a section and renames it, audited; a stale form is a conflict with the latest version shown', async () => {
    const plan = await createPlan(db(), { sections: [] });
    const added = await clerk.post(`/en/office/plan/${plan.id}/sections`, { titleKk: 'Бақылау', titleRu: 'Контроль', version: await versionOf(plan.id) });
    expect(added.statusCode).toBe(303);
    const [section] = await db().selectFrom('plan_section').selectAll().where('plan_id', '=', plan.id).execute();
    expect(section).toMatchObject({ position: 1, title: { kk: 'Бақылау', ru: 'Контроль' } });

    const stale = await clerk.post(`/en/office/plan/${plan.id}/sections`, { titleKk: 'Екінші', titleRu: 'Второй', version: '1' });
    expect(stale.statusCode).toBe(409);
    expect(page(stale.body).errorSummary()[0]?.text).toBe('Someone else changed this after you opened the page. The latest version is shown now, with your answers kept: check them and send again.');
    expect(page(stale.body).byLabel('Section title in Russian').getAttribute('value')).toBe('Второй');

    const renamed = await clerk.post(`/en/office/plan/${plan.id}/sections/${section!.id}`, { titleKk: 'Бақылау жұмысы', titleRu: 'Контрольная работа', titleEn: 'Oversight', version: await versionOf(plan.id) });
    expect(renamed.statusCode).toBe(303);
    expect(page((await clerk.get(`/en/office/plan/${plan.id}`)).body).allByRole('heading', { name: 'Section 1. Oversight' })).toHaveLength(1);
    expect(await auditOf(section!.id)).toEqual([
      { entity: 'plan_section', action: 'created' },
      { entity: 'plan_section', action: 'updated' },
    ]);
  });

  it('refuses a section without its Kazakh title', async () => {
    const plan = await createPlan(db(), { sections: [] });
    const res = await clerk.post(`/en/office/plan/${plan.id}/sections`, { titleKk: '', titleRu: 'Раздел', version: await versionOf(plan.id) });
    expect(res.statusCode).toBe(400);
    expect(page(res.body).fieldError('Section title in Kazakh')).toBe('Enter the section\'s title in Kazakh.');
    expect(await db().selectFrom('plan_section').select('id').where('plan_id', '=', plan.id).execute()).toEqual([]);
  });
});

describe('POST /:lang/office/plan/:id/adopt', () => {
  it('without a recorded decision, says how to record one', async () => {
    // A body with no decisions yet, and its own secretariat.
    await createOrganization(db(), { classification: 'council', slug: 'council-without-decisions', name: { kk: 'Шешімсіз кеңес', ru: 'Совет без решений', en: 'Council without decisions' } });
    const plan = await createPlan(db(), { organization: 'council-without-decisions' });
    const secretary = await signedIn(t.app, db(), { role: 'secretariat', organizationSlug: 'council-without-decisions' });
    const adopt = page((await secretary.get(`/en/office/plan/${plan.id}/adopt`)).body);
    expect(adopt.text('.notice')).toContain('No decision adopting a plan is recorded yet.');
    expect(adopt.byRole('link', { name: 'Record a decision' }).getAttribute('href')).toBe('/en/office/council/decisions/new');
  });

  it('adopts a draft by a plan-adoption decision: the plan names it and the decision finds the plan; a stale form is a conflict', async () => {
    const plan = await createPlan(db());
    const decisionId = await createDecision(db(), { organization: 'council-senate', date: '2020-10-21', kind: 'plan_adoption', number: '7', title: { kk: 'Жоспарды бекіту', ru: 'Об утверждении плана', en: 'Approving the plan' } });
    const form = page((await clerk.get(`/en/office/plan/${plan.id}/adopt`)).body);
    expect([...form.byLabel('Decision').querySelectorAll('option')].map((o) => o.getAttribute('value'))).toContain(decisionId);

    const stale = await clerk.post(`/en/office/plan/${plan.id}/adopt`, { decisionId, version: '0' });
    expect(stale.statusCode).toBe(409);

    const missing = await clerk.post(`/en/office/plan/${plan.id}/adopt`, { decisionId: '', version: await versionOf(plan.id) });
    expect(missing.statusCode).toBe(400);
    expect(page(missing.body).fieldError('Decision')).toBe('Choose a recorded decision adopting the plan.');

    const adopted = await clerk.post(`/en/office/plan/${plan.id}/adopt`, { decisionId, version: await versionOf(plan.id) });
    expect(adopted.statusCode).toBe(303);
    const shown = page((await clerk.get(`/en/office/plan/${plan.id}`)).body);
    expect(shown.text('dl')).toContain('№ 7, 21 October 2020 — Approving the plan');
    const service = createPlanService(db(), createRegistryService(db()));
    expect((await service.planAdoptedBy(decisionId))?.id).toBe(plan.id);
    expect(await auditOf(plan.id)).toEqual([{ entity: 'plan', action: 'adopted' }]);

    // The decision adopts one plan: another draft is not offered it.
    const other = await createPlan(db());
    const offered = page((await clerk.get(`/en/office/plan/${other.id}/adopt`)).body);
    expect([...offered.byLabel('Decision').querySelectorAll('option')].map((o) => o.getAttribute('value'))).not.toContain(decisionId);
  });

  it('is refused to maslikhat staff', async () => {
    const plan = await createPlan(db());
    expect((await staff.post(`/en/office/plan/${plan.id}/adopt`, { decisionId: '', version: '1' })).statusCode).toBe(403);
  });
});

describe('POST /:lang/office/plan/:id/complete and /supersede', () => {
  it('completes an adopted plan, which is then read-only', async () => {
    const plan = await createPlan(db(), { status: 'adopted' });
    const item = await createPlanItem(db(), { planId: plan.id });
    expect((await clerk.post(`/en/office/plan/${plan.id}/complete`, { version: await versionOf(plan.id) })).statusCode).toBe(303);
    expect((await db().selectFrom('plan').select('status').where('id', '=', plan.id).executeTakeFirstOrThrow()).status).toBe('completed');
    const shown = page((await clerk.get(`/en/office/plan/${plan.id}`)).body);
    expect(shown.text('.notice')).toContain('it can no longer be changed');
    expect(shown.allByRole('link', { name: 'Edit' })).toEqual([]);
    expect((await clerk.get(`/en/office/plan/${plan.id}/items/new`)).statusCode).toBe(409);
    expect((await clerk.post(`/en/office/plan/${plan.id}/items/${item.id}/cancel`, { reasonKk: 'С', reasonRu: 'П', version: '1' })).statusCode).toBe(409);
  });

  it('supersedes an adopted plan by a newer one, linked both ways; an older plan is not offered', async () => {
    const old = await createPlan(db(), { status: 'adopted', periodStart: '2020-10-21', periodEnd: '2021-12-31' });
    const newer = await createPlan(db(), { title: { kk: 'Келесі жоспар', ru: 'Следующий план', en: 'Next plan' }, periodStart: '2022-01-01', periodEnd: '2026-12-31' });
    const older = await createPlan(db(), { periodStart: '2019-01-01', periodEnd: '2019-12-31' });
    const form = page((await clerk.get(`/en/office/plan/${old.id}/supersede`)).body);
    const offered = [...form.byLabel('Newer plan').querySelectorAll('option')].map((o) => o.getAttribute('value'));
    expect(offered).toContain(newer.id);
    expect(offered).not.toContain(older.id);

    const refused = await clerk.post(`/en/office/plan/${old.id}/supersede`, { successorId: older.id, version: await versionOf(old.id) });
    expect(refused.statusCode).toBe(400);
    expect(page(refused.body).fieldError('Newer plan')).toBe('Choose the newer plan from the list.');

    expect((await clerk.post(`/en/office/plan/${old.id}/supersede`, { successorId: newer.id, version: await versionOf(old.id) })).statusCode).toBe(303);
    const oldPage = page((await clerk.get(`/en/office/plan/${old.id}`)).body);
    expect(oldPage.byRole('link', { name: 'Next plan' }).getAttribute('href')).toBe(`/en/office/plan/${newer.id}`);
    const newPage = page((await clerk.get(`/en/office/plan/${newer.id}`)).body);
    expect(newPage.text('dl')).toContain('Replaces');
  });
});

describe('POST /:lang/office/plan/:id/edit', () => {
  it('changes the title and period, audited, from a link on the plan\'s page; the form starts from the plan', async () => {
    const plan = await createPlan(db(), { title: { kk: 'Түзетілетін жоспар', ru: 'Исправляемый план', en: 'Plan to correct' }, periodStart: '2022-01-01', periodEnd: '2022-12-31' });
    await createPlanItem(db(), { planId: plan.id, startsOn: '2022-02-01', deadline: '2022-11-30' });
    const shown = page((await clerk.get(`/en/office/plan/${plan.id}`)).body);
    expect(shown.byRole('link', { name: 'Edit title and period' }).getAttribute('href')).toBe(`/en/office/plan/${plan.id}/edit`);
    const form = page((await clerk.get(`/en/office/plan/${plan.id}/edit`)).body);
    expect(form.heading).toBe('The plan\'s title and period');
    expect(form.byLabel('Title in Russian').getAttribute('value')).toBe('Исправляемый план');
    expect(form.byLabel('Period ends').getAttribute('value')).toBe('2022-12-31');

    const res = await clerk.post(`/en/office/plan/${plan.id}/edit`, { titleKk: 'Түзетілген жоспар', titleRu: 'Исправленный план', titleEn: 'Corrected plan', periodStart: '2022-02-01', periodEnd: '2023-06-30', version: await versionOf(plan.id) });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/en/office/plan/${plan.id}`);
    const saved = await db().selectFrom('plan').selectAll().where('id', '=', plan.id).executeTakeFirstOrThrow();
    expect(saved).toMatchObject({ title: { kk: 'Түзетілген жоспар', ru: 'Исправленный план', en: 'Corrected plan' }, period_start: '2022-02-01', period_end: '2023-06-30', version: 2 });
    expect(await auditOf(plan.id)).toEqual([{ entity: 'plan', action: 'updated' }]);
  });

  it('refuses a period that would leave items outside it, at the field, naming how many (in every language)', async () => {
    const plan = await createPlan(db(), { periodStart: '2022-01-01', periodEnd: '2022-12-31' });
    await createPlanItem(db(), { planId: plan.id, startsOn: '2022-01-10', deadline: '2022-06-30' });
    await createPlanItem(db(), { planId: plan.id, startsOn: '2022-03-01', deadline: '2022-12-31' });
    const answers = { titleKk: 'Ж', titleRu: 'План', periodStart: '2022-02-01', periodEnd: '2022-12-31', version: await versionOf(plan.id) };
    const early = await clerk.post(`/en/office/plan/${plan.id}/edit`, answers);
    expect(early.statusCode).toBe(400);
    expect(page(early.body).fieldError('Period starts')).toBe('One item of the plan would fall outside this period: the items run from 10 January 2022 to 31 December 2022. Change their dates first, or widen the period.');
    const late = page((await clerk.post(`/en/office/plan/${plan.id}/edit`, { ...answers, periodStart: '2022-01-01', periodEnd: '2022-05-31' })).body);
    expect(late.fieldError('Period ends')).toBe('2 items of the plan would fall outside this period: the items run from 10 January 2022 to 31 December 2022. Change their dates first, or widen the period.');
    expect(late.byLabel('Period ends').getAttribute('value')).toBe('2022-05-31');
    const ru = page((await clerk.post(`/ru/office/plan/${plan.id}/edit`, { ...answers, periodStart: '2022-04-01', periodEnd: '2022-05-31' })).body);
    expect(ru.fieldError('Начало периода')).toMatch(/^2 пункта плана окажутся вне этого периода/);
    const kk = page((await clerk.post(`/kk/office/plan/${plan.id}/edit`, { ...answers, periodStart: '2022-04-01' })).body);
    expect(kk.fieldError('Кезеңнің басы')).toMatch(/^Жоспардың 2 тармағы бұл кезеңнен тыс қалады/);
    // The new plan's rules hold too.
    const order = page((await clerk.post(`/en/office/plan/${plan.id}/edit`, { ...answers, titleKk: '', periodEnd: '2021-12-31' })).body);
    expect(order.errorSummary().map((e) => e.text)).toEqual(['Enter the plan\'s title in Kazakh.', 'The period cannot end before it starts.']);
    expect(await db().selectFrom('plan').select(['period_start', 'period_end', 'version']).where('id', '=', plan.id).executeTakeFirstOrThrow()).toEqual({ period_start: '2022-01-01', period_end: '2022-12-31', version: 1 });
  });

  it('shows a stale form again over the latest version with the answers kept (409); a completed plan is read-only; staff are refused', async () => {
    const plan = await createPlan(db(), { periodStart: '2022-01-01', periodEnd: '2022-12-31' });
    const opened = await versionOf(plan.id);
    expect((await clerk.post(`/en/office/plan/${plan.id}/edit`, { titleKk: 'Бірінші', titleRu: 'Первый', periodStart: '2022-01-01', periodEnd: '2022-12-31', version: opened })).statusCode).toBe(303);
    const stale = await clerk.post(`/en/office/plan/${plan.id}/edit`, { titleKk: 'Екінші', titleRu: 'Второй', periodStart: '2022-01-01', periodEnd: '2023-12-31', version: opened });
    expect(stale.statusCode).toBe(409);
    const again = page(stale.body);
    expect(again.errorSummary()[0]?.text).toMatch(/^Someone else changed this/);
    expect(again.byLabel('Title in Russian').getAttribute('value')).toBe('Второй');
    expect(again.document.querySelector('input[name="version"]')?.getAttribute('value')).toBe(await versionOf(plan.id));
    expect(again.text()).toContain('Первый');

    expect((await staff.get(`/en/office/plan/${plan.id}/edit`)).statusCode).toBe(403);
    const done = await createPlan(db(), { status: 'completed' });
    expect((await clerk.get(`/en/office/plan/${done.id}/edit`)).statusCode).toBe(409);
    expect((await clerk.post(`/en/office/plan/${done.id}/edit`, { titleKk: 'Ж', titleRu: 'П', periodStart: '2020-10-21', periodEnd: '2021-12-31', version: await versionOf(done.id) })).statusCode).toBe(409);
    expect(page((await clerk.get(`/en/office/plan/${done.id}`)).body).allByRole('link', { name: 'Edit title and period' })).toEqual([]);
  });
});
