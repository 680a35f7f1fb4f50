// The managed list of priorities: added and edited by the secretariat, audited and version-checked; bad input refused with nothing stored.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, signedIn } from '../../../test/support/factories.js';
import { page } from '../../../test/support/page.js';
import { createPlanPriority } from '../../../test/support/plan-factories.js';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';

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

const prioritiesTitled = (ru: string) => db().selectFrom('plan_priority').selectAll().where(sql<string>`title->>'ru'`, '=', ru).execute();

describe('POST /:lang/office/plan/priorities', () => {
  it('adds a priority, listed with its kind, reference and dates, audited', async () => {
    const res = await clerk.post('/en/office/plan/priorities', { kind: 'programme', titleKk: 'Рухани жаңғыру', titleRu: 'Рухани жаңғыру (программа)', titleEn: 'Rukhani Zhangyru', reference: 'Article of 12 April 2017', validFrom: '2017-04-12', validTo: '' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/en/office/plan/priorities?saved=1');
    const [priority] = await prioritiesTitled('Рухани жаңғыру (программа)');
    expect(priority).toMatchObject({ kind: 'programme', reference: 'Article of 12 April 2017', valid_from: '2017-04-12', valid_to: null });
    const list = page((await clerk.get('/en/office/plan/priorities?saved=1')).body);
    expect(list.text('.notice')).toBe('The priority is saved.');
    expect(list.tableRows('Priorities').find((r) => r[0] === 'Rukhani Zhangyru')?.slice(1, 4)).toEqual(['State programme', 'Article of 12 April 2017', '12 April 2017 – …']);
    expect(await db().selectFrom('audit_event').select('action').where('entity_id', '=', priority!.id).execute()).toEqual([{ action: 'created' }]);
    for (const lang of ['kk', 'kk-latn', 'ru']) expect((await clerk.get(`/${lang}/office/plan/priorities`)).statusCode).toBe(200);
  });

  it('refuses a priority without a kind or its Kazakh title, or ending before it starts, storing nothing', async () => {
    const res = await clerk.post('/en/office/plan/priorities', { kind: '', titleKk: '', titleRu: 'Без вида', validFrom: '2020-01-01', validTo: '2019-01-01' });
    expect(res.statusCode).toBe(400);
    expect(page(res.body).errorSummary().map((e) => e.text)).toEqual(['Choose the kind of priority.', 'Enter the priority\'s title in Kazakh.', 'The last day cannot be before the first.']);
    expect(await prioritiesTitled('Без вида')).toEqual([]);
  });

  it('is refused to maslikhat staff', async () => {
    expect((await staff.get('/en/office/plan/priorities')).statusCode).toBe(403);
    expect((await staff.post('/en/office/plan/priorities', { kind: 'law', titleKk: 'Заң', titleRu: 'Закон персонала' })).statusCode).toBe(403);
    expect(await prioritiesTitled('Закон персонала')).toEqual([]);
  });
});

describe('POST /:lang/office/plan/priorities/:id/edit', () => {
  it('edits a priority; a stale form is a conflict with the answers kept over the latest version', async () => {
    const { id } = await createPlanPriority(db(), { kind: 'law', title: { kk: 'Заң', ru: 'Закон о местном управлении' } });
    const form = page((await clerk.get(`/en/office/plan/priorities/${id}/edit`)).body);
    expect(form.byLabel('Title in Russian').getAttribute('value')).toBe('Закон о местном управлении');
    const saved = await clerk.post(`/en/office/plan/priorities/${id}/edit`, { kind: 'law', titleKk: 'Жергілікті басқару туралы заң', titleRu: 'Закон о местном госуправлении', reference: '№ 148', version: '1' });
    expect(saved.statusCode).toBe(303);
    expect((await db().selectFrom('plan_priority').select(['title', 'reference', 'version']).where('id', '=', id).executeTakeFirstOrThrow())).toMatchObject({ reference: '№ 148', version: 2, title: { ru: 'Закон о местном госуправлении' } });

    const stale = await clerk.post(`/en/office/plan/priorities/${id}/edit`, { kind: 'law', titleKk: 'Ескі', titleRu: 'Старая правка', version: '1' });
    expect(stale.statusCode).toBe(409);
    const again = page(stale.body);
    expect(again.byLabel('Title in Russian').getAttribute('value')).toBe('Старая правка');
    expect(again.document.querySelector('input[name="version"]')?.getAttribute('value')).toBe('2');
    expect(await db().selectFrom('audit_event').select('action').where('entity_id', '=', id).execute()).toEqual([{ action: 'updated' }]);
  });
});
