import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/test-db.js';
import type { DatabaseHandle } from '../../core/db/connect.js';
import { foldForSearch } from '../../core/text/fold.js';
import { demoSource, nameSearchText, seedDemoData, type DemoSeedReport } from './demo-seed.js';

let database: DatabaseHandle;
let first: DemoSeedReport;
let firstSeconds: number;
beforeAll(async () => {
  database = await createTestDatabase();
  const started = performance.now();
  first = await seedDemoData(database.db);
  firstSeconds = (performance.now() - started) / 1000;
  process.stdout.write(`seedDemoData on ${database.kind}: ${firstSeconds.toFixed(2)} s for ${first.persons} persons, ${first.memberships} memberships\n`);
});
afterAll(() => database.close());

async function counts() {
  const { rows } = await sql<Record<string, number>>`select
      (select count(*) from person)::int as persons,
      (select count(*) from membership)::int as memberships,
      (select count(*) from electoral_district)::int as districts,
      (select count(*) from organization)::int as organizations,
      (select count(*) from decision)::int as decisions,
      (select count(*) from contact_detail)::int as contacts`.execute(database.db);
  return rows[0]!;
}

describe('kenes seed --demo (seedDemoData)', () => {
  it('generates 30–50 deputies for each of the 20 region-level maslikhats, in a few seconds', async () => {
    expect(first.maslikhats).toBe(20);
    expect(first.persons).toBeGreaterThanOrEqual(20 * 30);
    expect(first.persons).toBeLessThanOrEqual(20 * 50);
    expect(firstSeconds).toBeLessThan(10);
    const { rows } = await sql<{ slug: string; deputies: number; districts: number; list: number; heads: number; commissions: number }>`
      select o.slug,
        (select count(*) from membership m where m.organization_id = o.id and m.role = 'deputy')::int as deputies,
        (select count(*) from membership m where m.organization_id = o.id and m.role = 'deputy' and m.electoral_district_id is not null)::int as districts,
        (select count(*) from membership m where m.organization_id = o.id and m.role = 'deputy' and m.electoral_district_id is null)::int as list,
        (select count(*) from membership m where m.organization_id = o.id and m.role = 'head')::int as heads,
        (select count(*) from organization c where c.parent_id = o.id and c.classification = 'commission')::int as commissions
      from organization o where o.classification = 'maslikhat'`.execute(database.db);
    expect(rows).toHaveLength(20);
    const odd = rows.filter((r) => r.deputies < 30 || r.deputies > 50 || r.districts !== r.list || r.commissions < 2 || r.commissions > 3);
    expect(odd).toEqual([]);
    // West Kazakhstan: the generated chairman since 2023 and Kulshar, recorded on 21 October 2020.
    expect(rows.find((r) => r.slug === 'maslikhat-270000000')!.heads).toBe(2);
  });

  it('is idempotent: a second run adds nothing', async () => {
    const before = await counts();
    const second = await seedDemoData(database.db);
    expect(second).toMatchObject({ maslikhats: 0, maslikhatsSkipped: 20, persons: 0, memberships: 0, districts: 0, commissions: 0, recordRowsAdded: 0 });
    expect(await counts()).toEqual(before);
  });

  it('marks every generated person and membership is_demo, and the real record is not', async () => {
    const { rows } = await sql<{ source: string | null; demo: boolean; n: number }>`
      select source, is_demo as demo, count(*)::int as n from person group by 1, 2
      union all select source, is_demo, count(*)::int from membership group by 1, 2`.execute(database.db);
    const generated = rows.filter((r) => r.source === demoSource);
    expect(generated.length).toBeGreaterThan(0);
    expect(generated.every((r) => r.demo)).toBe(true);
    expect(rows.filter((r) => r.source !== demoSource).every((r) => !r.demo)).toBe(true);
    const commissions = await sql<{ n: number; demo: number }>`select count(*)::int as n, count(*) filter (where is_demo)::int as demo
      from organization where classification = 'commission'`.execute(database.db);
    expect(commissions.rows[0]!.n).toBeGreaterThan(0);
    expect(commissions.rows[0]!.n).toBe(commissions.rows[0]!.demo);
    const districts = await sql<{ n: number; demo: number }>`select count(*)::int as n, count(*) filter (where is_demo)::int as demo from electoral_district`.execute(database.db);
    expect(districts.rows[0]!.n).toBeGreaterThan(0);
    expect(districts.rows[0]!.n).toBe(districts.rows[0]!.demo);
    expect((await sql<{ n: number }>`select count(*)::int as n from organization where is_demo and classification <> 'commission'`.execute(database.db)).rows[0]!.n).toBe(0);
  });

  it('gives each generated deputy a gender that matches the name forms, a birth date and a public e-mail', async () => {
    const { rows } = await sql<{ gender: string; family: string; patronymic: string; birth: string | null; emails: number }>`
      select gender, family_name->>'ru' as family, patronymic->>'kk' as patronymic, birth_date as birth,
        (select count(*) from contact_detail c where c.person_id = p.id and c.is_public and c.type = 'email')::int as emails
      from person p where is_demo`.execute(database.db);
    expect(rows.length).toBeGreaterThan(600);
    const inconsistent = rows.filter(
      (r) =>
        !r.patronymic.endsWith(r.gender === 'female' ? 'қызы' : 'ұлы') ||
        (/(ов|ев|ин)а?$/.test(r.family) && r.family.endsWith('а') !== (r.gender === 'female')) ||
        !/^19[6-9]\d-\d\d-\d\d$/.test(r.birth ?? '') ||
        r.emails !== 1,
    );
    expect(inconsistent).toEqual([]);
  });

  it('records the 21 October 2020 meeting: three collective members admitted by one decision, the named people in their posts that day', async () => {
    const collective = await sql<{ slug: string; classification: string; start: string; kind: string; decided: string }>`
      select mo.slug, mo.classification, m.start_date as start, d.kind, d.decision_date as decided
      from membership m join organization mo on mo.id = m.member_organization_id join decision d on d.id = m.start_decision_id
      where m.role = 'collective_member' order by mo.slug`.execute(database.db);
    expect(collective.rows).toEqual([
      { slug: 'institute-state-local-government', classification: 'institute', start: '2020-10-21', kind: 'admission', decided: '2020-10-21' },
      { slug: 'journal-maslikhat-akimat', classification: 'media', start: '2020-10-21', kind: 'admission', decided: '2020-10-21' },
      { slug: 'rukhani-zhangyru-coordination-department', classification: 'government_body', start: '2020-10-21', kind: 'admission', decided: '2020-10-21' },
    ]);
    const decision = await sql<{ expected: number }>`select admissions_expected as expected from decision where kind = 'admission'`.execute(database.db);
    expect(decision.rows).toEqual([{ expected: 3 }]);
    const posts = await sql<{ name: string; org: string; role: string; start: string; end: string }>`
      select p.name->>'en' as name, o.slug as org, m.role, m.start_date as start, m.end_date as end
      from membership m join person p on p.id = m.person_id join organization o on o.id = m.organization_id
      where not p.is_demo order by 1, 2`.execute(database.db);
    expect(posts.rows).toEqual([
      { name: 'Askar Shakirov', org: 'council-senate', role: 'head', start: '2020-10-21', end: '2020-10-21' },
      { name: 'Askar Shakirov', org: 'senate', role: 'deputy_head', start: '2020-10-21', end: '2020-10-21' },
      { name: 'Malik Kulshar', org: 'maslikhat-270000000', role: 'head', start: '2020-10-21', end: '2020-10-21' },
      { name: 'Serik Akylbay', org: 'union-of-lawyers', role: 'head', start: '2020-10-21', end: '2020-10-21' },
      { name: 'Tuleubek Mukashev', org: 'association-maslikhat-deputies', role: 'head', start: '2020-10-21', end: '2020-10-21' },
    ]);
    const associations = await sql<{ slug: string }>`select slug from organization where classification = 'association' order by slug`.execute(database.db);
    expect(associations.rows.map((r) => r.slug)).toEqual(['association-maslikhat-deputies', 'union-of-lawyers']);
  });

  it('folds every spelling of a name into search_text', async () => {
    const text = nameSearchText({ kk: 'Мәлік Құлшар', ru: 'Малик Кулшар', en: 'Malik Kulshar' });
    expect(text).toBe('malik kulshar');
    const { rows } = await sql<{ search_text: string }>`select search_text from person where name->>'en' = 'Tuleubek Mukashev'`.execute(database.db);
    expect(rows[0]!.search_text).toContain(foldForSearch('Мұқашев'));
    expect(rows[0]!.search_text).toContain(foldForSearch('Tuleubek'));
  });
});
