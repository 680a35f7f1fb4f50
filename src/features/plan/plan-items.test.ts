// A plan's items in the office: added with their bodies, links and indicators, edited (indicators kept
// in place with their reported values), cancelled with a reason; bad input refused at the fields with
// nothing stored; the bodies resolved as of a date for the reports' side.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, signedIn } from '../../../test/support/factories.js';
import { page } from '../../../test/support/page.js';
import { createPlan, createPlanItem, createPlanPriority, createPlanReport } from '../../../test/support/plan-factories.js';
import { createCollectiveMembers, createDecision, createOrganization, maslikhatId, organizationId } from '../../../test/support/registry-factories.js';
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

const itemsOf = (planId: string) => db().selectFrom('plan_item').selectAll().where('plan_id', '=', planId).orderBy('position').execute();
const versionOf = async (itemId: string) => String((await db().selectFrom('plan_item').select('version').where('id', '=', itemId).executeTakeFirstOrThrow()).version);
const service = () => createPlanService(db(), createRegistryService(db()));

/** A filled-in item form: the Kazakh and Russian action, a date deadline, West Kazakhstan's maslikhat responsible. */
async function itemForm(overrides: Record<string, string | string[]> = {}) {
  return {
    sectionId: '',
    number: '1.1',
    actionKk: 'Жолдауды түсіндіру',
    actionRu: 'Разъяснение Послания',
    actionEn: '',
    resultKk: '',
    resultRu: '',
    resultEn: '',
    startsOn: '2020-11-01',
    deadlineKind: 'date',
    deadline: '2021-06-30',
    dueOffsetDays: '',
    indicatorRows: '3',
    version: '',
    responsible: [await maslikhatId(db(), '270000000')],
    ...overrides,
  };
}

describe('GET /:lang/office/plan/:id/items/new', () => {
  it('offers the Council, its member organisations and the region maslikhats of today, the priorities and three indicator rows, in every language', async () => {
    const plan = await createPlan(db());
    const { members } = await createCollectiveMembers(db(), { admittedOn: '2020-10-21', members: [{ name: { kk: 'Әділет министрлігі', ru: 'Министерство юстиции', en: 'Ministry of Justice' }, classification: 'government_body' }] });
    await createPlanPriority(db(), { title: { kk: 'Рухани жаңғыру', ru: 'Рухани жаңғыру', en: 'Rukhani Zhangyru' }, kind: 'programme' });
    const form = page((await clerk.get(`/en/office/plan/${plan.id}/items/new`)).body);
    expect(form.heading).toBe('Add an item to the plan');
    const responsible = form.document.querySelector('#field-responsible');
    const offered = [...(responsible?.querySelectorAll('input') ?? [])].map((i) => i.getAttribute('value'));
    expect(offered).toEqual(expect.arrayContaining([await organizationId(db(), 'council-senate'), members[0]!.organizationId, await maslikhatId(db(), '270000000')]));
    expect(form.byLabel('Rukhani Zhangyru').getAttribute('type')).toBe('checkbox');
    expect(form.byLabel('Indicator 3: target').getAttribute('name')).toBe('ind3Target');
    expect(form.byLabel('Deadline date').getAttribute('value')).toBe('2021-12-31');
    for (const lang of ['kk', 'kk-latn', 'ru']) expect((await clerk.get(`/${lang}/office/plan/${plan.id}/items/new`)).statusCode).toBe(200);
  });
});

describe('POST /:lang/office/plan/:id/items', () => {
  it('adds an item with its bodies, co-executors, priorities, decisions and indicators (empty rows left out), audited', async () => {
    const plan = await createPlan(db(), { sections: [{ kk: 'Бірінші', ru: 'Первый' }] });
    const priority = await createPlanPriority(db());
    const decision = await createDecision(db(), { organization: 'council-senate', date: '2020-10-21', kind: 'recommendation' });
    const council = await organizationId(db(), 'council-senate');
    const res = await clerk.post(
      `/en/office/plan/${plan.id}/items`,
      await itemForm({
        sectionId: plan.sectionIds[0]!,
        resultRu: 'Население информировано',
        deadlineKind: 'quarterly',
        dueOffsetDays: '10',
        allRegionMaslikhats: '1',
        responsible: [council],
        coExecutors: [await maslikhatId(db(), '750000000')],
        priorities: [priority.id],
        decisions: [decision],
        ind1NameKk: 'Кездесулер',
        ind1NameRu: 'Встречи',
        ind1UnitKk: 'кездесу',
        ind1UnitRu: 'встреч',
        ind1Baseline: '1 500,5',
        ind1Target: '2000',
        ind1Aggregation: 'average',
        ind3NameKk: 'Жарияланымдар',
        ind3NameRu: 'Публикации',
        ind3UnitKk: 'дана',
        ind3UnitRu: 'шт.',
      }),
    );
    expect(res.statusCode).toBe(303);
    const [item] = await itemsOf(plan.id);
    expect(item).toMatchObject({ section_id: plan.sectionIds[0], number: '1.1', deadline_kind: 'quarterly', due_offset_days: 10, action: { kk: 'Жолдауды түсіндіру', ru: 'Разъяснение Послания' }, expected_result: { ru: 'Население информировано' } });
    const responsible = await db().selectFrom('plan_item_responsible').select(['organization_id', 'body_group', 'role']).where('item_id', '=', item!.id).execute();
    expect(responsible).toEqual(
      expect.arrayContaining([
        { organization_id: null, body_group: 'region_maslikhats', role: 'lead' },
        { organization_id: council, body_group: null, role: 'lead' },
        { organization_id: await maslikhatId(db(), '750000000'), body_group: null, role: 'co_executor' },
      ]),
    );
    expect(responsible).toHaveLength(3);
    const links = await db().selectFrom('plan_item_link').select(['priority_id', 'decision_id']).where('item_id', '=', item!.id).execute();
    expect(links).toEqual(expect.arrayContaining([{ priority_id: priority.id, decision_id: null }, { priority_id: null, decision_id: decision }]));
    const indicators = await db().selectFrom('plan_indicator').select(['position', 'baseline', 'target', 'aggregation', 'name']).where('item_id', '=', item!.id).orderBy('position').execute();
    expect(indicators.map((i) => [i.position, i.baseline === null ? null : Number(i.baseline), i.target === null ? null : Number(i.target), i.aggregation, i.name.ru])).toEqual([
      [1, 1500.5, 2000, 'average', 'Встречи'],
      [2, null, null, 'sum', 'Публикации'],
    ]);
    const audit = await db().selectFrom('audit_event').select(['entity', 'action']).where('entity_id', '=', item!.id).execute();
    expect(audit).toEqual([{ entity: 'plan_item', action: 'created' }]);
  });

  it('refuses missing Kazakh text, a deadline before the start, bad numbers and no responsible body, at the fields, storing nothing', async () => {
    const plan = await createPlan(db());
    const res = await clerk.post(
      `/en/office/plan/${plan.id}/items`,
      await itemForm({ actionKk: '', startsOn: '2021-05-01', deadline: '2021-04-30', responsible: [], ind1NameKk: 'Көрсеткіш', ind1NameRu: 'Показатель', ind1UnitKk: 'дана', ind1UnitRu: 'шт.', ind1Baseline: 'abc', ind1Target: '-5', ind2NameRu: 'Без казахского' }),
    );
    expect(res.statusCode).toBe(400);
    const form = page(res.body);
    expect(form.title).toMatch(/^Error:/);
    expect(form.errorSummary().map((e) => e.text)).toEqual([
      'Enter the action in Kazakh.',
      'The deadline cannot be before the day the item starts.',
      'Enter indicator 1\'s value as a number, like 12 or 12.5.',
      'Indicator 1\'s value must be 0 or more.',
      'Enter indicator 2\'s name in Kazakh.',
      'Enter indicator 2\'s unit in Kazakh.',
      'Enter indicator 2\'s unit in Russian.',
      'Choose at least one responsible body, or tick every maslikhat.',
    ]);
    expect(form.fieldError('Indicator 1: baseline')).toBe('Enter indicator 1\'s value as a number, like 12 or 12.5.');
    expect(form.byLabel('Indicator 1: baseline').getAttribute('value')).toBe('abc');
    expect(form.byLabel('Action in Russian').textContent).toBe('Разъяснение Послания');
    expect(await itemsOf(plan.id)).toEqual([]);

    const russian = page((await clerk.post(`/ru/office/plan/${plan.id}/items`, await itemForm({ deadlineKind: 'yearly', dueOffsetDays: '91' }))).body);
    expect(russian.errorSummary().map((e) => e.text)).toEqual(['Введите число дней целым числом от 0 до 90.']);
    expect(await itemsOf(plan.id)).toEqual([]);
  });

  it('refuses dates outside the plan\'s period and a body the form did not offer', async () => {
    const plan = await createPlan(db(), { periodStart: '2020-10-21', periodEnd: '2021-12-31' });
    const outside = await clerk.post(`/en/office/plan/${plan.id}/items`, await itemForm({ deadline: '2022-03-31' }));
    expect(outside.statusCode).toBe(400);
    expect(page(outside.body).fieldError('Starts on')).toBe('The item\'s dates must fall within the plan\'s period: 21 October 2020 – 31 December 2021.');
    const unknown = await clerk.post(`/en/office/plan/${plan.id}/items`, await itemForm({ responsible: ['0190c8a0-0000-7000-8000-000000000000'] }));
    expect(unknown.statusCode).toBe(400);
    expect(page(unknown.body).errorSummary().map((e) => e.text)).toEqual(['Choose only from the list.']);
    expect(await itemsOf(plan.id)).toEqual([]);
  });

  it('makes any organisation in the registry responsible, a government body or an association not in the Council, offered by kind; not one dissolved', async () => {
    const plan = await createPlan(db());
    const department = await createOrganization(db(), { classification: 'government_body', name: { kk: 'Мәдениет департаменті', ru: 'Департамент культуры', en: 'Department of Culture' } });
    const union = await createOrganization(db(), { classification: 'association', name: { kk: 'Заңгерлер одағы', ru: 'Союз юристов', en: 'Union of Lawyers' } });
    const closed = await createOrganization(db(), { classification: 'government_body', name: { kk: 'Жабылған агенттік', ru: 'Упразднённое агентство', en: 'Abolished agency' }, dissolutionDate: '2019-12-31' });
    const form = page((await clerk.get(`/en/office/plan/${plan.id}/items/new`)).body);
    const groups = [...form.document.querySelectorAll('#field-responsible fieldset')].map((g) => ({ kind: g.querySelector('legend')?.textContent, bodies: [...g.querySelectorAll('label')].map((l) => l.textContent) }));
    expect(groups.find((g) => g.kind === 'Government bodies')?.bodies).toContain('Department of Culture');
    expect(groups.find((g) => g.kind === 'Associations')?.bodies).toContain('Union of Lawyers');
    expect(groups.flatMap((g) => g.bodies)).not.toContain('Abolished agency');
    expect(page((await clerk.get(`/ru/office/plan/${plan.id}/items/new`)).body).text('#field-responsible')).toContain('Государственные органы');

    const added = await clerk.post(`/en/office/plan/${plan.id}/items`, await itemForm({ actionRu: 'Вечер поэзии', responsible: [department], coExecutors: [union] }));
    expect(added.statusCode).toBe(303);
    const [item] = await itemsOf(plan.id);
    const bodies = await db().selectFrom('plan_item_responsible').select(['organization_id', 'role']).where('item_id', '=', item!.id).execute();
    expect(bodies.toSorted((x, y) => x.role.localeCompare(y.role))).toEqual([
      { organization_id: union, role: 'co_executor' },
      { organization_id: department, role: 'lead' },
    ]);
    const shown = page((await clerk.get(`/en/office/plan/${plan.id}`)).body);
    expect(shown.text(`#item-${item!.id} dl`)).toContain('Department of Culture');
    // Edited, the item keeps them offered and checked.
    const edit = page((await clerk.get(`/en/office/plan/${plan.id}/items/${item!.id}/edit`)).body);
    expect(edit.document.querySelector(`#field-responsible input[value="${department}"]`)?.hasAttribute('checked')).toBe(true);
    const refused = await clerk.post(`/en/office/plan/${plan.id}/items`, await itemForm({ responsible: [closed] }));
    expect(page(refused.body).errorSummary().map((e) => e.text)).toEqual(['Choose only from the list.']);
  });

  it('is refused to maslikhat staff', async () => {
    const plan = await createPlan(db());
    expect((await staff.post(`/en/office/plan/${plan.id}/items`, await itemForm())).statusCode).toBe(403);
    expect(await itemsOf(plan.id)).toEqual([]);
  });
});

describe('POST /:lang/office/plan/:id/items/:itemId/edit', () => {
  it('edits an adopted plan\'s item: the indicator stays in place with its reported value, a new one is added, audited; a stale form is a conflict', async () => {
    const plan = await createPlan(db(), { status: 'adopted' });
    const item = await createPlanItem(db(), { planId: plan.id, deadlineKind: 'date', startsOn: '2020-11-01', deadline: '2020-12-31', indicators: [{ baseline: 0, target: 10 }] });
    await createPlanReport(db(), { itemId: item.id, body: '270000000', periodStart: '2020-11-01', periodEnd: '2020-12-31', dueOn: '2020-12-31', state: 'accepted', revisions: [{ values: { [item.indicatorIds[0]!]: 4 } }] });

    const form = page((await clerk.get(`/en/office/plan/${plan.id}/items/${item.id}/edit`)).body);
    const answers: Record<string, string | string[]> = {};
    for (const field of form.document.querySelectorAll('form[action$="/edit"] input, form[action$="/edit"] textarea, form[action$="/edit"] select')) {
      const name = field.getAttribute('name');
      const checkable = field.getAttribute('type') === 'checkbox' || field.getAttribute('type') === 'radio';
      if (!name || name === '_csrf' || (checkable && !field.hasAttribute('checked'))) continue;
      const value = field.tagName === 'TEXTAREA' ? (field.textContent ?? '') : field.tagName === 'SELECT' ? (field.querySelector('option[selected]')?.getAttribute('value') ?? '') : (field.getAttribute('value') ?? '');
      answers[name] = name in answers ? [answers[name]!].flat().concat(value) : value;
    }
    expect(answers.ind1Id).toBe(item.indicatorIds[0]);
    expect(answers.indicatorRows).toBe('3');

    const edited = { ...answers, actionRu: 'Изменённое мероприятие', ind1Target: '20', ind2NameKk: 'Жаңа', ind2NameRu: 'Новый', ind2UnitKk: 'дана', ind2UnitRu: 'шт.' };
    const saved = await clerk.post(`/en/office/plan/${plan.id}/items/${item.id}/edit`, edited);
    expect(page(saved.body).errorSummary()).toEqual([]);
    expect(saved.statusCode).toBe(303);
    const indicators = await db().selectFrom('plan_indicator').select(['id', 'position', 'target']).where('item_id', '=', item.id).orderBy('position').execute();
    expect(indicators.map((i) => [i.id === item.indicatorIds[0], i.position, Number(i.target)])).toEqual([
      [true, 1, 20],
      [false, 2, 0],
    ]);
    expect(await db().selectFrom('plan_report_value').select('value').where('indicator_id', '=', item.indicatorIds[0]!).execute()).toHaveLength(1);
    expect(await db().selectFrom('audit_event').select('action').where('entity_id', '=', item.id).execute()).toEqual([{ action: 'updated' }]);

    // The first form again (its version is stale): the answers are kept over the latest version.
    const stale = await clerk.post(`/en/office/plan/${plan.id}/items/${item.id}/edit`, { ...edited, actionRu: 'Поздняя правка' });
    expect(stale.statusCode).toBe(409);
    const again = page(stale.body);
    expect(again.errorSummary()[0]?.text).toMatch(/^Someone else changed this/);
    expect(again.byLabel('Action in Russian').textContent).toBe('Поздняя правка');
    expect(again.document.querySelector('input[name="version"]')?.getAttribute('value')).toBe(await versionOf(item.id));
  });

  it('refuses to remove an indicator that has reported values', async () => {
    const plan = await createPlan(db());
    const item = await createPlanItem(db(), { planId: plan.id, deadlineKind: 'date', startsOn: '2020-11-01', deadline: '2020-12-31', indicators: [{ target: 5 }] });
    await createPlanReport(db(), { itemId: item.id, body: '270000000', periodStart: '2020-11-01', periodEnd: '2020-12-31', dueOn: '2020-12-31', state: 'submitted', revisions: [{ values: { [item.indicatorIds[0]!]: 1 } }] });
    const res = await clerk.post(`/en/office/plan/${plan.id}/items/${item.id}/edit`, await itemForm({ startsOn: '2020-11-01', deadline: '2020-12-31', version: await versionOf(item.id) }));
    expect(res.statusCode).toBe(400);
    expect(page(res.body).errorSummary().map((e) => e.text)).toEqual(['Indicator 1 has values in reports: it cannot be removed.']);
    expect(await db().selectFrom('plan_indicator').select('id').where('item_id', '=', item.id).execute()).toHaveLength(1);
  });
});

describe('POST /:lang/office/plan/:id/items/:itemId/cancel', () => {
  it('needs the reason in Kazakh and Russian; a cancelled item shows as cancelled with its reason, and a stale form is a conflict', async () => {
    const plan = await createPlan(db());
    const item = await createPlanItem(db(), { planId: plan.id, action: { kk: 'Болмайтын іс', ru: 'Отменяемое', en: 'To be cancelled' } });
    const missing = await clerk.post(`/en/office/plan/${plan.id}/items/${item.id}/cancel`, { reasonKk: '', reasonRu: '', version: await versionOf(item.id) });
    expect(missing.statusCode).toBe(400);
    expect(page(missing.body).errorSummary().map((e) => e.text)).toEqual(['Enter the reason in Kazakh.', 'Enter the reason in Russian.']);
    expect((await db().selectFrom('plan_item').select('cancelled_at').where('id', '=', item.id).executeTakeFirstOrThrow()).cancelled_at).toBeNull();

    const stale = await clerk.post(`/en/office/plan/${plan.id}/items/${item.id}/cancel`, { reasonKk: 'Себеп', reasonRu: 'Причина', version: '0' });
    expect(stale.statusCode).toBe(409);

    const cancelled = await clerk.post(`/en/office/plan/${plan.id}/items/${item.id}/cancel`, { reasonKk: 'Заң өзгерді', reasonRu: 'Закон изменился', reasonEn: 'The law changed', version: await versionOf(item.id) });
    expect(cancelled.statusCode).toBe(303);
    const shown = page((await clerk.get(`/en/office/plan/${plan.id}`)).body);
    const article = shown.byRole('heading', { name: /To be cancelled/ }).closest('article');
    expect(article?.querySelector('.tag')?.textContent).toBe('cancelled');
    expect(article?.textContent).toContain('The law changed');
    expect(shown.allByRole('link', { name: 'Edit' })).toEqual([]);
  });
});

describe('planService: an item\'s bodies and expected reports', () => {
  it('expands every region maslikhat as the registry has them on the day; a body also named counts once', async () => {
    const plan = await createPlan(db());
    const item = await createPlanItem(db(), { planId: plan.id, responsible: ['region_maslikhats', '270000000'], coExecutors: ['council-senate'], deadlineKind: 'half_yearly', startsOn: '2021-01-01', deadline: '2021-12-31' });
    const regions = await createRegistryService(db()).listRegionMaslikhats('2021-06-30');
    const bodies = await service().responsibleBodies(item.id, '2021-06-30');
    const leads = bodies.filter((b) => b.role === 'lead');
    expect(leads).toHaveLength(regions.length);
    expect(leads.filter((b) => b.organizationId === regions.find((r) => r.area.kato === '270000000')?.id).map((b) => b.viaGroup)).toEqual([false]);
    expect(bodies.filter((b) => b.role === 'co_executor').map((b) => b.organizationId)).toEqual([await organizationId(db(), 'council-senate')]);
    const view = await service().itemView(item.id, '2022-01-01');
    expect(view.periods.map((p) => p.start)).toEqual(['2021-01-01', '2021-07-01']);
    expect(view.expected).toHaveLength(2 * regions.length);
    expect(view.status).toBe('overdue');
  });
});
