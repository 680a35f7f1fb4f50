// The plan import: a file becomes a draft plan (or joins a draft) with its sections and items, all or
// nothing; problems are reported by row and column in the reader's language; hostile files are refused.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, signedIn } from '../../../test/support/factories.js';
import { chain, headerRow, repeat, deputyRow, workbook } from '../../../test/support/hostile-xlsx.js';
import { page } from '../../../test/support/page.js';
import { createPlan } from '../../../test/support/plan-factories.js';
import { createOrganization } from '../../../test/support/registry-factories.js';
import { planImportWorkbook, samplePlanRows } from '../../../test/support/plan-import-file.js';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { newId } from '../../core/ids.js';
import { translate } from '../../core/i18n/messages.js';
import { createRegistryService } from '../registry/registry.service.js';
import { planColumnHeader, planColumns } from './import.columns.js';
import { readPlanFile } from './import.parse.js';

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

function multipart(fields: Record<string, string>, file?: { name: string; data: Buffer }) {
  const boundary = `----kenes${newId().replaceAll('-', '')}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  if (file) parts.push(Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="${file.name}"\r\ncontent-type: application/octet-stream\r\n\r\n`), file.data, Buffer.from('\r\n'));
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

const newPlanFields = (ru: string) => ({ target: 'new', titleKk: `${ru} (kk)`, titleRu: ru, titleEn: '', periodStart: '2025-01-01', periodEnd: '2027-12-31' });

async function upload(browser: Browser, lang: string, fields: Record<string, string>, data?: Buffer) {
  if (!browser.cookie('kenes_csrf')) await browser.get('/kk/sign-in');
  const body = multipart({ _csrf: browser.cookie('kenes_csrf')!, ...fields }, data ? { name: 'жоспар.xlsx', data } : undefined);
  return t.app.inject({ method: 'POST', url: `/${lang}/office/plan/import`, payload: body.payload, headers: { cookie: browser.cookieHeader, 'content-type': body.contentType } });
}

const uploadIdIn = (html: string) => /\/office\/plan\/import\/([0-9a-f-]{36})\/apply/.exec(html)?.[1];
const decode = (html: string) => html.replaceAll('&quot;', '"').replaceAll('&#39;', "'").replaceAll('&amp;', '&').replaceAll('&lt;', '<').replaceAll('&gt;', '>');
const plansTitled = (ru: string) => db().selectFrom('plan').selectAll().where(sql<string>`title->>'ru'`, '=', ru).execute();
const planUploads = async () => Number((await db().selectFrom('import_upload').select((eb) => eb.fn.countAll<number>().as('n')).where('kind', '=', 'plan').executeTakeFirstOrThrow()).n);
const itemCount = async () => Number((await db().selectFrom('plan_item').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
const orgId = async (slug: string) => (await db().selectFrom('organization').select('id').where('slug', '=', slug).executeTakeFirstOrThrow()).id;

describe('GET /:lang/office/plan/import', () => {
  it('shows the secretariat the upload form and serves the templates, in every language; others are kept out', async () => {
    for (const [lang, heading] of [['kk', 'Жоспарды кестеден импорттау'], ['ru', 'Импорт плана из таблицы'], ['en', 'Import a plan from a spreadsheet'], ['kk-latn', 'Jospardy kesteden importtau']] as const) {
      const res = await clerk.get(`/${lang}/office/plan/import`);
      expect([lang, res.statusCode]).toEqual([lang, 200]);
      const shown = page(res.body);
      expect(shown.heading.toLowerCase()).toBe(heading.toLowerCase());
      expect(res.body).toContain('enctype="multipart/form-data"');
      expect(res.body).toContain(`/${lang}/office/plan/import/template.xlsx?lang=ru`);
    }
    const template = await clerk.get('/ru/office/plan/import/template.xlsx?lang=kk');
    expect(template.statusCode).toBe(200);
    expect(template.headers['content-type']).toContain('spreadsheetml');
    // The template reads back: its header is understood (in Kazakh), it only has no rows yet.
    const read = await readPlanFile(template.rawPayload);
    expect([read.language, read.problems]).toEqual(['kk', [{ messageKey: 'import.file.noRows' }]]);
    // Every column, the indicator's English name and unit among them (optional, as on the item form).
    expect(read.columns).toEqual(planColumns.map((c) => c.key));
    expect(read.columns).toEqual(expect.arrayContaining(['indicatorNameEn', 'indicatorUnitEn']));
    expect((await staff.get('/ru/office/plan/import')).statusCode).toBe(403);
    expect((await upload(staff, 'ru', newPlanFields('Чужой план'), await planImportWorkbook(samplePlanRows()))).statusCode).toBe(403);
    expect((await staff.post(`/ru/office/plan/import/${newId()}/apply`)).statusCode).toBe(403);
    const anonymous = await t.app.inject('/ru/office/plan/import');
    expect(anonymous.statusCode).toBe(303);
  });
});

describe('POST /:lang/office/plan/import', () => {
  it('makes a good file a new draft plan with its sections and items, and applying the same upload again does nothing', async () => {
    const title = `Импортированный план ${newId().slice(0, 8)}`;
    const check = await upload(clerk, 'ru', newPlanFields(title), await planImportWorkbook(samplePlanRows()));
    expect(check.statusCode).toBe(200);
    const confirm = page(check.body);
    expect(confirm.heading).toBe('Проверьте, что будет добавлено');
    expect(confirm.tableRows('Пункты').map((r) => r.slice(0, 2))).toEqual([
      ['2', 'Совершенствование законодательства'],
      ['3', 'Совершенствование законодательства'],
      ['4', 'Информационная работа'],
    ]);
    expect(await plansTitled(title)).toEqual([]);
    const uploadId = uploadIdIn(check.body)!;

    const applied = await clerk.post(`/ru/office/plan/import/${uploadId}/apply`);
    expect(applied.statusCode).toBe(303);
    const [plan] = await plansTitled(title);
    expect(applied.headers.location).toBe(`/ru/office/plan/${plan!.id}`);
    expect([plan!.status, plan!.period_start, plan!.period_end]).toEqual(['draft', '2025-01-01', '2027-12-31']);

    const sections = await db().selectFrom('plan_section').select(['id', 'position', 'title']).where('plan_id', '=', plan!.id).orderBy('position').execute();
    expect(sections.map((s) => s.title.ru)).toEqual(['Совершенствование законодательства', 'Информационная работа']);
    const items = await db().selectFrom('plan_item').selectAll().where('plan_id', '=', plan!.id).orderBy('position').execute();
    expect(items.map((i) => [i.position, i.number, i.section_id, i.deadline_kind, i.starts_on, i.deadline])).toEqual([
      [1, '1', sections[0]!.id, 'quarterly', '2025-01-01', '2026-12-31'],
      [2, '2', sections[0]!.id, 'date', '2025-03-01', '2025-06-30'],
      [3, '3', sections[1]!.id, 'yearly', '2025-01-01', '2027-12-31'],
    ]);
    expect(items[0]!.action).toEqual({ kk: 'Мәслихаттардың тұрақты комиссиялары жұмысының тәжірибесін жинақтау', ru: 'Обобщение практики работы постоянных комиссий маслихатов' });
    expect(items[0]!.expected_result).toEqual({ kk: 'Талдамалық анықтама', ru: 'Аналитическая справка' });

    const responsible = await db().selectFrom('plan_item_responsible').select(['item_id', 'organization_id', 'body_group', 'role']).where('item_id', 'in', items.map((i) => i.id)).execute();
    const of = (itemId: string) => responsible.filter((r) => r.item_id === itemId).map((r) => [r.organization_id, r.body_group, r.role]).toSorted((a, b) => String(a[2]).localeCompare(String(b[2])));
    expect(of(items[0]!.id)).toEqual([[null, 'region_maslikhats', 'lead']]);
    expect(of(items[1]!.id)).toEqual([[await orgId('maslikhat-270000000'), null, 'lead']]);
    expect(of(items[2]!.id)).toEqual([
      [await orgId('council-senate'), null, 'co_executor'],
      [await orgId('maslikhat-590000000'), null, 'lead'],
    ]);
    const indicators = await db().selectFrom('plan_indicator').select(['item_id', 'name', 'unit', 'target', 'baseline']).where('item_id', 'in', items.map((i) => i.id)).execute();
    expect(indicators).toHaveLength(1);
    expect([indicators[0]!.item_id, indicators[0]!.name.ru, indicators[0]!.unit.kk, Number(indicators[0]!.target), indicators[0]!.baseline]).toEqual([items[0]!.id, 'Проведённые заседания', 'бірлік', 12, null]);

    const audit = await db().selectFrom('audit_event').select(['entity', 'action']).where('entity_id', 'in', [plan!.id, ...sections.map((s) => s.id), ...items.map((i) => i.id)]).execute();
    expect(audit.map((a) => `${a.entity} ${a.action}`).toSorted()).toEqual(['plan created', 'plan imported', 'plan_item created', 'plan_item created', 'plan_item created', 'plan_section created', 'plan_section created']);

    // The same upload again: gone, nothing written twice.
    const before = await itemCount();
    const again = await clerk.post(`/ru/office/plan/import/${uploadId}/apply`);
    expect(again.statusCode).toBe(410);
    expect(page(again.body).heading).toBe('Этой загрузки больше нет');
    expect([await itemCount(), (await plansTitled(title)).length]).toEqual([before, 1]);
  });

  it('keeps an indicator’s English name and unit from their optional columns (header in English), shown on English pages', async () => {
    const title = `План с английским показателем ${newId().slice(0, 8)}`;
    const [first] = samplePlanRows();
    const rows = [{ ...first!, indicatorNameEn: 'Meetings held', indicatorUnitEn: 'meetings' }];
    const check = await upload(clerk, 'en', newPlanFields(title), await planImportWorkbook(rows, { language: 'en' }));
    expect(check.statusCode).toBe(200);
    expect((await clerk.post(`/en/office/plan/import/${uploadIdIn(check.body)}/apply`)).statusCode).toBe(303);
    const [plan] = await plansTitled(title);
    const indicators = await db().selectFrom('plan_indicator').innerJoin('plan_item', 'plan_item.id', 'plan_indicator.item_id').select(['plan_indicator.name', 'plan_indicator.unit']).where('plan_item.plan_id', '=', plan!.id).execute();
    expect(indicators).toEqual([{ name: { kk: 'Өткізілген отырыстар', ru: 'Проведённые заседания', en: 'Meetings held' }, unit: { kk: 'бірлік', ru: 'единиц', en: 'meetings' } }]);
    const shown = page((await clerk.get(`/en/office/plan/${plan!.id}`)).body);
    expect(shown.text('main')).toContain('Meetings held');
    expect(shown.text('main')).not.toContain('Проведённые заседания');
  });

  it('adds a file’s items to a draft plan kept, into its section of the same title', async () => {
    const draft = await createPlan(db(), { periodStart: '2025-01-01', periodEnd: '2027-12-31', sections: [{ kk: 'Заңнаманы жетілдіру', ru: 'Совершенствование законодательства' }] });
    const check = await upload(clerk, 'kk', { target: draft.id }, await planImportWorkbook(samplePlanRows(), { language: 'kk' }));
    expect(check.statusCode).toBe(200);
    const applied = await clerk.post(`/kk/office/plan/import/${uploadIdIn(check.body)}/apply`);
    expect(applied.headers.location).toBe(`/kk/office/plan/${draft.id}`);
    const sections = await db().selectFrom('plan_section').select(['id', 'title']).where('plan_id', '=', draft.id).orderBy('position').execute();
    expect(sections.map((s) => s.title.ru)).toEqual(['Совершенствование законодательства', 'Информационная работа']);
    const items = await db().selectFrom('plan_item').select(['section_id']).where('plan_id', '=', draft.id).orderBy('position').execute();
    expect(items.map((i) => i.section_id)).toEqual([sections[0]!.id, sections[0]!.id, sections[1]!.id]);
  });

  it('reports an unknown body, a bad date and an empty action by row and column in Kazakh and Russian, and stores nothing', async () => {
    const [good, second, third] = samplePlanRows();
    const rows = [good!, { ...second!, responsible: 'Несуществующий маслихат' }, { ...third!, deadline: '31.02.2027', actionRu: '' }];
    const data = await planImportWorkbook(rows);
    const title = `Неверный план ${newId().slice(0, 8)}`;
    const [plans, uploads, items] = [await plansTitled(title), await planUploads(), await itemCount()];
    for (const lang of ['ru', 'kk'] as const) {
      const res = await upload(clerk, lang, newPlanFields(title), data);
      expect(res.statusCode).toBe(400);
      const report = page(res.body);
      expect(report.tableRows(translate(lang, 'planImport.reportTitle'))).toEqual([
        ['3', planColumnHeader('responsible', lang), translate(lang, 'planImport.problem.bodyUnknown', { value: 'Несуществующий маслихат' })],
        ['4', planColumnHeader('actionRu', lang), translate(lang, 'planImport.problem.required', { column: planColumnHeader('actionRu', lang) })],
        ['4', planColumnHeader('deadline', lang), translate(lang, 'planImport.problem.dateInvalid', { value: '31.02.2027' })],
      ]);
      expect(decode(res.body)).toContain(translate(lang, 'planImport.reportLead', { bad: 2, total: 3 }));
    }
    expect([await plansTitled(title), await planUploads(), await itemCount()]).toEqual([plans, uploads, items]);
  });

  it('refuses a file with wrong columns, naming the missing ones in the reader’s language', async () => {
    const data = await planImportWorkbook(samplePlanRows(), { columns: ['sectionRu', 'number', 'actionRu', 'deadline'], headers: { deadline: 'Срок исполнения' } });
    for (const lang of ['ru', 'kk'] as const) {
      const res = await upload(clerk, lang, newPlanFields('План без столбцов'), data);
      expect(res.statusCode).toBe(400);
      const text = decode(res.body);
      expect(text).toContain(translate(lang, 'planImport.fileProblemsLead'));
      for (const key of ['actionKk', 'responsible'] as const) expect(text).toContain(translate(lang, 'planImport.file.columnMissing', { column: planColumnHeader(key, lang) }));
    }
    expect(await plansTitled('План без столбцов')).toEqual([]);
  });

  it('refuses a hostile file (packed far tighter than any spreadsheet) with a localised problem, storing nothing', async () => {
    const data = await workbook(chain([headerRow], repeat(deputyRow(2), 60 * 1024 * 1024)));
    const uploads = await planUploads();
    for (const lang of ['ru', 'kk'] as const) {
      const res = await upload(clerk, lang, newPlanFields('Враждебный план'), data);
      expect(res.statusCode).toBe(400);
      expect(decode(res.body)).toContain(translate(lang, 'import.file.tooBigRatio', { ratio: 100 }));
    }
    const noRows = await upload(clerk, 'ru', newPlanFields('Пустой план'), await planImportWorkbook([]));
    expect(decode(noRows.body)).toContain(translate('ru', 'planImport.file.noRows'));
    expect([await plansTitled('Враждебный план'), await planUploads()]).toEqual([[], uploads]);
  });

  it('asks for the new plan’s title and period, a draft that exists, and a file', async () => {
    const noTitle = await upload(clerk, 'ru', { ...newPlanFields(''), titleKk: '' }, await planImportWorkbook(samplePlanRows()));
    expect(noTitle.statusCode).toBe(400);
    expect(page(noTitle.body).errorSummary().map((e) => e.text)).toEqual([translate('ru', 'planForm.titleKkMissing'), translate('ru', 'planForm.titleRuMissing')]);
    const adopted = await createPlan(db(), { status: 'adopted' });
    const notDraft = await upload(clerk, 'ru', { target: adopted.id }, await planImportWorkbook(samplePlanRows()));
    expect(page(notDraft.body).errorSummary().map((e) => e.text)).toEqual([translate('ru', 'planImport.targetUnknown')]);
    const noFile = await upload(clerk, 'ru', newPlanFields('План без файла'));
    expect(page(noFile.body).errorSummary().map((e) => e.text)).toEqual([translate('ru', 'import.file.missing')]);
  });
});

describe('the registry names an import may use', () => {
  it('resolves, as the item form offers them, a ministry department and an association outside the Council by its name (quoted) or its address; not a dissolved one', async () => {
    const tag = newId().slice(0, 8);
    const department = await createOrganization(db(), { classification: 'government_body', name: { kk: `Мәдениет департаменті ${tag}`, ru: `Департамент культуры ${tag}`, en: `Department of Culture ${tag}` } });
    const union = await createOrganization(db(), { classification: 'association', slug: `union-${tag}`, name: { kk: `Заңгерлер одағы ${tag}`, ru: `Союз юристов ${tag}`, en: `Union of Lawyers ${tag}` } });
    await createOrganization(db(), { classification: 'government_body', name: { kk: `Жабылған агенттік ${tag}`, ru: `Упразднённое агентство ${tag}` }, dissolutionDate: '2019-12-31' });
    const title = `План с министерством ${newId().slice(0, 8)}`;
    const [, second] = samplePlanRows();
    const good = [{ ...second!, responsible: `«Департамент культуры ${tag}»`, coExecutors: `union-${tag}` }];
    const check = await upload(clerk, 'ru', newPlanFields(title), await planImportWorkbook(good));
    expect(check.statusCode).toBe(200);
    expect((await clerk.post(`/ru/office/plan/import/${uploadIdIn(check.body)}/apply`)).statusCode).toBe(303);
    const [plan] = await plansTitled(title);
    const responsible = await db().selectFrom('plan_item_responsible').innerJoin('plan_item', 'plan_item.id', 'plan_item_responsible.item_id').select(['organization_id', 'role']).where('plan_item.plan_id', '=', plan!.id).execute();
    expect(responsible.toSorted((a, b) => a.role.localeCompare(b.role))).toEqual([
      { organization_id: union, role: 'co_executor' },
      { organization_id: department, role: 'lead' },
    ]);

    const dissolved = await upload(clerk, 'en', newPlanFields(`План с упразднённым ${tag}`), await planImportWorkbook([{ ...second!, responsible: `Упразднённое агентство ${tag}` }]));
    expect(dissolved.statusCode).toBe(400);
    expect(page(dissolved.body).tableRows(translate('en', 'planImport.reportTitle'))).toEqual([['2', planColumnHeader('responsible', 'en'), translate('en', 'planImport.problem.bodyUnknown', { value: `Упразднённое агентство ${tag}` })]]);
  });

  it('resolves a region maslikhat by its name in the registry', async () => {
    const west = (await createRegistryService(db()).listRegionMaslikhats()).find((r) => r.slug === 'maslikhat-270000000')!;
    const rows = [{ ...samplePlanRows()[1]!, responsible: west.name.ru! }];
    const res = await upload(clerk, 'ru', newPlanFields(`План по имени ${newId().slice(0, 8)}`), await planImportWorkbook(rows));
    expect(res.statusCode).toBe(200);
  });
});
