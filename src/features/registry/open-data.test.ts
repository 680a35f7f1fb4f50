import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Validator } from '@seriousme/openapi-schema-validator';
import { Ajv, type ValidateFunction } from 'ajv';
import ajvFormats from 'ajv-formats';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayInKazakhstan } from '../../core/db/dated.js';
import {
  createCollectiveMembers,
  createDeputy,
  maslikhatId,
  organizationId,
  type CreatedCollectiveMembers,
  type CreatedDeputy,
} from '../../../test/support/registry-factories.js';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';

let t: TestApp;
let council: CreatedCollectiveMembers;
let mukashev: CreatedDeputy;
let almatyDeputy: CreatedDeputy;
let almatyHead: CreatedDeputy;

// Personal data put on a person: it must appear in no response at all.
const iin = '850101300123';
const birthDate = '1961-07-13';
const internalPhone = '+7 7172 999 000';

interface LocalizedJson {
  kk: string | null;
  'kk-latn': string | null;
  ru: string | null;
  en: string | null;
}
interface Page<T> {
  date: string;
  page: number;
  per_page: number;
  total: number;
  links: { self: string; next: string | null; prev: string | null };
  data: T[];
}
interface OrgRef {
  id: string;
  slug: string;
  classification: string;
  name: LocalizedJson | null;
}
interface MembershipJson {
  id: string;
  organization: OrgRef;
  person: { id: string; name: LocalizedJson } | null;
  member_organization: OrgRef | null;
  role: string;
  label: LocalizedJson | null;
  on_behalf_of: OrgRef | null;
  electoral_district: { number: number; name: LocalizedJson | null } | null;
  area: { kato: string; name: LocalizedJson | null } | null;
  start_date: string | null;
  start_decision_id: string | null;
  is_demo: boolean;
}
interface PersonJson {
  id: string;
  photo_url: string | null;
  name: LocalizedJson;
  is_demo: boolean;
  contact_details: { type: string; value: string }[];
}
interface OrganizationJson {
  id: string;
  slug: string;
  classification: string;
  name: LocalizedJson | null;
  area_kato: string | null;
}

const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers });
const json = async <T>(url: string, headers: Record<string, string> = {}): Promise<T> => {
  const res = await get(url, headers);
  expect(res.statusCode, `${url}: ${res.body.slice(0, 300)}`).toBe(200);
  return res.json() as T;
};

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  council = await createCollectiveMembers(db, {
    organization: 'council-senate',
    admittedOn: '2020-10-21',
    decisionNumber: '1',
    members: [
      { name: { kk: 'Қазақстан заңгерлер одағы', ru: 'Союз юристов Казахстана', en: 'Union of Lawyers of Kazakhstan' }, slug: 'union-of-lawyers' },
      { name: { kk: 'Мемлекеттік басқару академиясы', ru: 'Академия государственного управления', en: 'Academy of Public Administration' }, classification: 'institute' },
      {
        name: { kk: 'Хабар агенттігі', ru: 'Агентство «Хабар»', en: 'Khabar Agency' },
        classification: 'media',
        representative: { name: { kk: 'Өкіл Әлия', ru: 'Окил Алия', en: 'Aliya Okil' } },
      },
    ],
  });
  mukashev = await createDeputy(db, {
    maslikhat: '710000000',
    person: {
      name: { kk: 'Мұқашев Төлеубек', ru: 'Мукашев Толеубек', en: 'Toleubek Mukashev' },
      gender: 'male',
      photoFile: `${'a'.repeat(64)}.webp`,
      iin,
      birthDate,
      contacts: [
        { type: 'email', value: 'mukashev@maslikhat.example.kz' },
        { type: 'phone', value: '+7 7172 555 010' },
        { type: 'phone', value: internalPhone, isPublic: false },
        { type: 'reception', value: 'Астана, Бейбітшілік к-сі, 11' },
      ],
    },
    party: 'party-amanat',
    district: { number: 7, name: { kk: 'Есіл', ru: 'Есильский', en: 'Yesil' } },
    convocation: 'maslikhats-2021',
    startDate: '2021-01-10',
  });
  almatyDeputy = await createDeputy(db, {
    maslikhat: '750000000',
    person: { name: { kk: 'Формула Сынақ', ru: 'Формула Тест' } },
    party: 'party-ak-zhol',
    district: { number: 3, name: { kk: '=1+2', ru: '=1+2', en: '=1+2' } },
    startDate: '2023-03-19',
  });
  almatyHead = await createDeputy(db, { maslikhat: '750000000', role: 'head', person: { name: { kk: 'Басшы Бақыт', ru: 'Басшы Бахыт' } }, startDate: '2016-03-25' });
  await createDeputy(db, { maslikhat: '750000000', person: { name: { kk: 'Демо Депутат', ru: 'Демо Депутат' }, isDemo: true }, isDemo: true, district: { number: 9 } });
  for (let i = 1; i <= 5; i++) await createDeputy(db, { maslikhat: '350000000', district: { number: i }, startDate: '2023-03-19' });
});
afterAll(() => t.close());

describe('GET /api/v1/memberships', () => {
  it('shows the Council\'s collective members from the day of the decision that admitted them, not the day before', async () => {
    const councilId = await organizationId(t.database.db, 'council-senate');
    const before = await json<Page<MembershipJson>>(`/api/v1/memberships?organization=${councilId}&date=2020-10-20`);
    expect(before.data.filter((m) => m.role === 'collective_member')).toEqual([]);

    const on = await json<Page<MembershipJson>>(`/api/v1/memberships?organization=${councilId}&date=2020-10-21`);
    const collective = on.data.filter((m) => m.role === 'collective_member');
    expect(collective.map((m) => m.member_organization!.id).toSorted()).toEqual(council.members.map((m) => m.organizationId).toSorted());
    for (const m of collective) {
      expect(m.start_decision_id).toBe(council.decisionId);
      expect(m.start_date).toBe('2020-10-21');
      expect(m.person).toBeNull();
      expect(m.organization.slug).toBe('council-senate');
    }
    expect(collective.find((m) => m.member_organization!.slug === 'union-of-lawyers')!.member_organization!.name!.en).toBe('Union of Lawyers of Kazakhstan');
    const representative = on.data.find((m) => m.role === 'representative')!;
    expect(representative.person!.name.en).toBe('Aliya Okil');
    expect(representative.on_behalf_of!.name!.en).toBe('Khabar Agency');
    expect(representative.start_decision_id).toBe(council.decisionId);

    // The slug works as well as the id.
    const bySlug = await json<Page<MembershipJson>>('/api/v1/memberships?organization=council-senate&date=2020-10-21&role=collective_member');
    expect(bySlug.total).toBe(3);
  });

  it('gives a deputy\'s party (named as on the date), district, convocation and area; filters by region KATO', async () => {
    const astana = await json<Page<MembershipJson>>('/api/v1/memberships?region=710000000');
    expect(astana.date).toBe(todayInKazakhstan());
    expect(astana.total).toBe(1);
    const m = astana.data[0]!;
    expect(m.id).toBe(mukashev.membershipId);
    expect(m.person!.name).toEqual({ kk: 'Мұқашев Төлеубек', 'kk-latn': 'Mūqaşev Töleubek', ru: 'Мукашев Толеубек', en: 'Toleubek Mukashev' });
    expect(m.role).toBe('deputy');
    expect(m.on_behalf_of).toMatchObject({ slug: 'party-amanat', classification: 'party' });
    expect(m.on_behalf_of!.name!.en).toBe('AMANAT Party');
    expect(m.electoral_district).toEqual({ number: 7, name: { kk: 'Есіл', 'kk-latn': 'Esıl', ru: 'Есильский', en: 'Yesil' } });
    expect(m.area!.kato).toBe('710000000');
    expect(m.organization.slug).toBe('maslikhat-710000000');
    expect(m.is_demo).toBe(false);

    const in2021 = await json<Page<MembershipJson>>('/api/v1/memberships?region=710000000&date=2021-06-01');
    expect(in2021.data[0]!.on_behalf_of!.name!.en).toBe('Nur Otan Party');
    expect(in2021.data[0]!.area!.name!.en).toBe('City of Nur-Sultan');
    // Before the deputy's term: nothing.
    expect((await json<Page<MembershipJson>>('/api/v1/memberships?region=710000000&date=2020-10-21')).total).toBe(0);

    // The area id works like its KATO.
    const astanaArea = (await t.database.db.selectFrom('area').select('id').where('kato', '=', '710000000').executeTakeFirstOrThrow()).id;
    expect((await json<Page<MembershipJson>>(`/api/v1/memberships?region=${astanaArea}`)).total).toBe(1);
  });

  it('titles the head of a maslikhat secretary on 21 October 2020 and chairman on 1 January 2024', async () => {
    const in2020 = await json<Page<MembershipJson>>('/api/v1/memberships?organization=maslikhat-750000000&role=head&date=2020-10-21');
    expect(in2020.data.map((m) => m.id)).toEqual([almatyHead.membershipId]);
    expect(in2020.data[0]!.label).toMatchObject({ kk: 'мәслихат хатшысы', ru: 'секретарь маслихата', en: 'secretary of the maslikhat' });
    const in2024 = await json<Page<MembershipJson>>('/api/v1/memberships?organization=maslikhat-750000000&role=head&date=2024-01-01');
    expect(in2024.data[0]!.label).toMatchObject({ kk: 'мәслихат төрағасы', ru: 'председатель маслихата', en: 'chairman of the maslikhat' });
    expect(in2024.data[0]!.label!['kk-latn']).toBe('mäslihat törağasy');
  });

  it('marks demonstration rows is_demo: true rather than hiding them', async () => {
    const almaty = await json<Page<MembershipJson>>('/api/v1/memberships?region=750000000&role=deputy');
    expect(almaty.data.map((m) => m.is_demo).toSorted()).toEqual([false, true]);
  });

  it('pages with links to the next and previous pages', async () => {
    const first = await json<Page<MembershipJson>>('/api/v1/memberships?region=350000000&per_page=2');
    expect(first).toMatchObject({ page: 1, per_page: 2, total: 5 });
    expect(first.data).toHaveLength(2);
    expect(first.links.prev).toBeNull();
    expect(first.links.next).toBe(`/api/v1/memberships?region=350000000&date=${todayInKazakhstan()}&page=2&per_page=2`);
    const second = await json<Page<MembershipJson>>(first.links.next!);
    expect(second.page).toBe(2);
    expect(second.links.prev).toBe(first.links.self);
    const third = await json<Page<MembershipJson>>(second.links.next!);
    expect(third.data).toHaveLength(1);
    expect(third.links.next).toBeNull();
    const numbers = [...first.data, ...second.data, ...third.data].map((m) => m.electoral_district!.number);
    expect(numbers).toEqual([1, 2, 3, 4, 5]);
    const beyond = await json<Page<MembershipJson>>('/api/v1/memberships?region=350000000&per_page=2&page=9');
    expect(beyond.data).toEqual([]);
    expect(beyond.links.prev).toContain('page=3');
  });

  it('refuses malformed parameters with localised messages', async () => {
    const cases: [string, string][] = [
      ['/api/v1/memberships?per_page=0', 'querystring.per_page'],
      ['/api/v1/memberships?per_page=501', 'querystring.per_page'],
      ['/api/v1/memberships?page=abc', 'querystring.page'],
      ['/api/v1/memberships?role=boss', 'querystring.role'],
      ['/api/v1/memberships?date=2020-02-30', 'querystring.date'],
      ['/api/v1/persons?region=Astana', 'querystring.region'],
      ['/api/v1/organizations?organization=no%20such', 'querystring.organization'],
      ['/api/v1/memberships?region=999999999', 'querystring.region'],
      ['/api/v1/persons?organization=no-such-body', 'querystring.organization'],
    ];
    for (const [url, field] of cases) {
      const res = await get(url, { 'accept-language': 'ru' });
      expect(res.statusCode, `${url}`).toBe(400);
      const body = res.json() as { error: { code: string; message: string; problems: { field: string; message: string }[] } };
      expect(body.error.code).toBe('validation_failed');
      expect(body.error.message).toContain('заполнено неверно');
      expect(body.error.problems[0]!.field, `${url}`).toBe(field);
    }
    const unknown = (await get('/api/v1/memberships?region=999999999', { 'accept-language': 'kk' })).json() as { error: { problems: { message: string }[] } };
    expect(unknown.error.problems[0]!.message).toBe('«999999999» коды немесе идентификаторы бар өңір жоқ.');
  });
});

describe('GET /api/v1/persons', () => {
  it('lists the persons of a region with their public contact details only', async () => {
    const page = await json<Page<PersonJson>>('/api/v1/persons?region=710000000');
    expect(page.data.map((p) => p.id)).toEqual([mukashev.personId]);
    const person = page.data[0]!;
    expect(person.name.kk).toBe('Мұқашев Төлеубек');
    expect(person.is_demo).toBe(false);
    expect(person.contact_details.map((c) => `${c.type} ${c.value}`).toSorted()).toEqual([
      'email mukashev@maslikhat.example.kz',
      'phone +7 7172 555 010',
      'reception Астана, Бейбітшілік к-сі, 11',
    ]);
    expect(person.photo_url).toBe(`/files/photos/${'a'.repeat(64)}.webp`);
    expect(Object.keys(person).toSorted()).toEqual(['contact_details', 'family_name', 'gender', 'given_name', 'id', 'is_demo', 'name', 'patronymic', 'photo_url']);
  });

  it('finds Мұқашев Төлеубек by Mukashev, Мукашев and Muqaşev', async () => {
    for (const q of ['Mukashev', 'Мукашев', 'Muqaşev', 'mukashov toleubek']) {
      const page = await json<Page<PersonJson>>(`/api/v1/persons?q=${encodeURIComponent(q)}`);
      expect(page.data[0]?.id, `q=${q}`).toBe(mukashev.personId);
    }
    const none = await json<Page<PersonJson>>(`/api/v1/persons?q=${encodeURIComponent('Zhumabayeva')}`);
    expect(none.data.map((p) => p.id)).not.toContain(mukashev.personId);
  });

  it('lists a body\'s members on the date', async () => {
    const onDay = await json<Page<PersonJson>>('/api/v1/persons?organization=council-senate&date=2020-10-21');
    expect(onDay.data.map((p) => p.name.en)).toEqual(['Aliya Okil']);
    expect((await json<Page<PersonJson>>('/api/v1/persons?organization=council-senate&date=2020-10-20')).total).toBe(0);
    const paged = await json<Page<PersonJson>>('/api/v1/persons?region=350000000&per_page=3&page=2');
    expect(paged).toMatchObject({ total: 5, page: 2 });
    expect(paged.data).toHaveLength(2);
  });
});

describe('GET /api/v1/organizations', () => {
  it('lists the organisations of a date, named as on it, with region and organisation filters', async () => {
    const today = await json<Page<OrganizationJson>>('/api/v1/organizations?per_page=500');
    expect(today.data.filter((o) => o.classification === 'maslikhat')).toHaveLength(20);
    expect(today.data.map((o) => o.slug)).not.toContain('council-senate'); // dissolved on 30 June 2026

    const in2020 = await json<Page<OrganizationJson>>('/api/v1/organizations?date=2020-10-21&per_page=500');
    expect(in2020.data.filter((o) => o.classification === 'maslikhat')).toHaveLength(17);
    expect(in2020.data.find((o) => o.slug === 'party-amanat')!.name!.en).toBe('Nur Otan Party');

    const astana = await json<Page<OrganizationJson>>('/api/v1/organizations?region=710000000');
    expect(astana.data.map((o) => o.slug)).toEqual(['maslikhat-710000000']);
    expect(astana.data[0]!.area_kato).toBe('710000000');

    const senate = await json<Page<OrganizationJson>>('/api/v1/organizations?organization=senate&date=2020-10-21');
    expect(senate.data.map((o) => o.slug).toSorted()).toEqual(['council-senate', 'senate']);
  });
});

describe('GET /api/v1/openapi.json', () => {
  it('describes the open-data routes with their parameters and stays a valid OpenAPI 3.1 document', async () => {
    const doc = await json<{ paths: Record<string, { get: { parameters: { name: string }[]; responses: Record<string, unknown> } }> }>('/api/v1/openapi.json');
    for (const p of ['/api/v1/organizations', '/api/v1/persons', '/api/v1/memberships']) {
      expect(Object.keys(doc.paths[p]!.get.responses).toSorted()).toEqual(['200', '400']);
    }
    expect(doc.paths['/api/v1/persons']!.get.parameters.map((p) => p.name).toSorted()).toEqual(['date', 'organization', 'page', 'per_page', 'q', 'region']);
    expect(doc.paths['/api/v1/memberships']!.get.parameters.map((p) => p.name)).toContain('role');
    expect(Object.keys(doc.paths).filter((p) => p.startsWith('/open-data'))).toEqual([]);
    const result = await new Validator().validate(doc as Parameters<Validator['validate']>[0]);
    expect(result.errors ?? []).toEqual([]);
  });
});

// ── Popolo ──

/** Where the Popolo JSON Schemas are kept: beside the repository (../shared/data). */
function popoloSchemaDir(): string {
  const candidates = [path.resolve('test/fixtures/popolo-schemas'), path.resolve('../shared/data/popolo-schemas')];
  const found = candidates.find((dir) => existsSync(path.join(dir, 'person.json')));
  if (!found) throw new Error(`Popolo JSON Schemas not found in ${candidates.join(' or ')}`);
  return found;
}

const popoloUrl = /^http:\/\/www\.popoloproject\.com\/schemas\/([a-z_]+)\.json#?$/;
const localId = (name: string) => `https://popolo.test/${name}.json`;

/**
 * Draft-03 → draft-07: `required: true` on a property moves into the parent's `required` array,
 * `id` becomes `$id`, popoloproject.com `$ref`s point at local ids, and a `$ref`'s siblings (only
 * descriptions here) are dropped, as draft-07 ignores them anyway.
 */
function convertDraft03(schema: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === '$schema' || key === 'required') continue;
    if (key === 'id' && typeof value === 'string') out.$id = localId(popoloUrl.exec(value)![1]!);
    else if (key === '$ref' && typeof value === 'string') return { $ref: localId(popoloUrl.exec(value)![1]!) };
    else if (key === 'properties' && value && typeof value === 'object') {
      const properties: Record<string, unknown> = {};
      const required: string[] = [];
      for (const [name, property] of Object.entries(value as Record<string, Record<string, unknown>>)) {
        if (property.required === true) required.push(name);
        properties[name] = convertDraft03(property);
      }
      out.properties = properties;
      if (required.length) out.required = required;
    } else if (key === 'items' && value && typeof value === 'object' && !Array.isArray(value)) out.items = convertDraft03(value as Record<string, unknown>);
    else out[key] = value;
  }
  return out;
}

function popoloValidators(): Record<'person' | 'organization' | 'membership' | 'area' | 'post', ValidateFunction> {
  const ajv = new Ajv({ allErrors: true, strict: true });
  ajvFormats.default(ajv);
  const dir = popoloSchemaDir();
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
    ajv.addSchema(convertDraft03(JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as Record<string, unknown>));
  }
  const schema = (name: string) => ajv.getSchema(localId(name))!;
  return { person: schema('person'), organization: schema('organization'), membership: schema('membership'), area: schema('area'), post: schema('post') };
}

interface PopoloJson {
  meta: { date: string | null; lang: string };
  persons: { id: string; name: string; image?: string; other_names?: { name: string; lang: string }[]; contact_details?: { type: string; value: string }[]; is_demo: boolean }[];
  organizations: { id: string; name: string; identifiers: { scheme: string; identifier: string }[]; other_names?: { name: string; lang: string; start_date?: string; end_date?: string }[] }[];
  memberships: { id: string; label?: string; role: string; person_id?: string; member_id?: string; organization_id: string; on_behalf_of_id?: string; post_id?: string; start_date?: string; start_decision_id?: string }[];
  areas: { id: string; name: string; identifier: string; identifiers: { scheme: string; identifier: string; start_date?: string; end_date?: string }[]; other_names: { name: string; lang: string; start_date?: string; end_date?: string }[] }[];
  posts: { id: string; label: string; other_label: string[]; organization_id: string }[];
}

describe('GET /open-data/popolo.json', () => {
  it('is the whole public registry in Popolo JSON, valid against the Popolo JSON Schemas', async () => {
    const res = await get('/open-data/popolo.json');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.headers['cache-control']).toBe('public, max-age=300');
    const doc = res.json() as PopoloJson;
    const validators = popoloValidators();
    const collections = { person: doc.persons, organization: doc.organizations, membership: doc.memberships, area: doc.areas, post: doc.posts };
    for (const [kind, items] of Object.entries(collections) as [keyof typeof validators, unknown[]][]) {
      expect(items.length, `${kind}s`).toBeGreaterThan(0);
      for (const item of items) {
        const valid = validators[kind](item);
        expect(validators[kind].errors ?? [], `${kind} ${JSON.stringify(item).slice(0, 200)}`).toEqual([]);
        expect(valid).toBe(true);
      }
    }

    expect(doc.meta.date).toBeNull();
    // Areas: KATO and every ISO 3166-2 code with its dates; former names with theirs.
    const astana = doc.areas.find((a) => a.identifier === '710000000')!;
    expect(astana.name).toBe('Астана қаласы');
    expect(astana.identifiers).toContainEqual({ scheme: 'kato', identifier: '710000000' });
    expect(astana.identifiers.map((i) => i.identifier)).toEqual(expect.arrayContaining(['KZ-AST', 'KZ-71']));
    expect(astana.other_names).toContainEqual(expect.objectContaining({ name: 'City of Nur-Sultan', lang: 'en', start_date: '2019-03-23' }));
    const amanat = doc.organizations.find((o) => o.identifiers.some((i) => i.identifier === 'party-amanat'))!;
    expect(amanat.other_names).toContainEqual(expect.objectContaining({ name: 'Nur Otan Party', lang: 'en', end_date: '2022-02-28' }));

    // The Council's collective members, as organisations that are members, with the admitting decision.
    const collective = doc.memberships.filter((m) => m.role === 'collective_member');
    expect(collective.map((m) => m.member_id).toSorted()).toEqual(council.members.map((m) => m.organizationId).toSorted());
    expect(collective.every((m) => m.start_decision_id === council.decisionId && m.start_date === '2020-10-21')).toBe(true);

    // A deputy: person, party, district as a post.
    const deputy = doc.memberships.find((m) => m.id === mukashev.membershipId)!;
    expect(deputy).toMatchObject({ person_id: mukashev.personId, post_id: mukashev.districtId, role: 'deputy' });
    expect(doc.organizations.find((o) => o.id === deputy.on_behalf_of_id)!.name).toBe('«AMANAT» партиясы');
    expect(doc.posts.find((p) => p.id === mukashev.districtId)!.label).toBe('№ 7 «Есіл» сайлау округі');
    const person = doc.persons.find((p) => p.id === mukashev.personId)!;
    expect(person.name).toBe('Мұқашев Төлеубек');
    expect(person.image).toBe(`http://localhost:80/files/photos/${'a'.repeat(64)}.webp`);
    expect(person.other_names).toContainEqual({ name: 'Мукашев Толеубек', lang: 'ru' });
    expect(person.contact_details!.map((c) => c.type).toSorted()).toEqual(['email', 'reception', 'voice']);
    // The head's title is the one of today (chairman).
    expect(doc.memberships.find((m) => m.id === almatyHead.membershipId)!.label).toBe('мәслихат төрағасы');
    expect(doc.persons.find((p) => p.id === almatyDeputy.personId)!.is_demo).toBe(false);
  });

  it('gives what existed on a date, with primary names in the language asked for', async () => {
    const before = await json<PopoloJson>('/open-data/popolo.json?date=2020-10-20&lang=en');
    expect(before.meta).toMatchObject({ date: '2020-10-20', lang: 'en' });
    expect(before.memberships.filter((m) => m.role === 'collective_member')).toEqual([]);
    const on = await json<PopoloJson>('/open-data/popolo.json?date=2020-10-21&lang=en');
    expect(on.memberships.filter((m) => m.role === 'collective_member')).toHaveLength(3);
    expect(on.areas).toHaveLength(17);
    expect(on.areas.find((a) => a.identifier === '710000000')!.name).toBe('City of Nur-Sultan');
    expect(on.memberships.find((m) => m.id === almatyHead.membershipId)!.label).toBe('secretary of the maslikhat');
    expect(on.persons.map((p) => p.id)).not.toContain(mukashev.personId); // his term began in 2021

    const bad = await get('/open-data/popolo.json?date=21.10.2020', { accept: 'application/json' });
    expect(bad.statusCode).toBe(400);
  });
});

// ── Deputies as CSV and XLSX ──

describe('GET /open-data/deputies.csv', () => {
  it('is UTF-8 with a BOM, CRLF lines, Kazakh headers by default and one row per deputy', async () => {
    const res = await get('/open-data/deputies.csv?region=710000000');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="kenes-deputies-${todayInKazakhstan()}.csv"`);
    expect(res.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const lines = res.body.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines.at(-1)).toBe('');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toBe(
      'ӘАОЖ (КАТО) коды,Өңір,Мәслихат,Лауазымы,Округ №,Сайлау округі,Аты-жөні (қазақша),Аты-жөні (орысша),Партия,Өкілеттігінің басталуы,Электрондық пошта,Телефон,Басқа байланыс деректері,Демо-жазба',
    );
    const row = lines[1]!;
    expect(row).toContain('710000000,Астана қаласы,');
    expect(row).toContain(',депутат,7,Есіл,Мұқашев Төлеубек,Мукашев Толеубек,«AMANAT» партиясы,2021-01-10,mukashev@maslikhat.example.kz,');
    // A phone number is data, not a formula: no apostrophe (the guard covers "+" only with letters or signs after it).
    expect(row).toContain(',+7 7172 555 010');
    expect(row).not.toContain("'+7");
    expect(row).toContain('"азаматтарды қабылдау: Астана, Бейбітшілік к-сі, 11"');
    expect(res.body).not.toContain(internalPhone);
  });

  it('neutralises formulas, localises headers by lang and titles the head', async () => {
    const res = await get('/open-data/deputies.csv?region=750000000&lang=ru&date=2020-10-21');
    const lines = res.body.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]!.startsWith('Код КАТО,Регион,Маслихат,Должность,№ округа')).toBe(true);
    expect(lines.filter(Boolean)).toHaveLength(2); // the head only: the deputies began in 2023
    expect(lines[1]).toContain(',секретарь маслихата,');

    const today = await get('/open-data/deputies.csv?region=750000000&lang=en');
    expect(today.body).toContain(",'=1+2,");
    expect(today.body).not.toContain(',=1+2,');
    expect(today.body).toContain(',chairman of the maslikhat,');
    expect(today.body.split('\r\n').find((l) => l.includes('Демо Депутат'))!.endsWith(',yes')).toBe(true);
  });
});

describe('GET /open-data/deputies.xlsx', () => {
  it('is a workbook with a frozen header row, column widths and the deputies', async () => {
    const res = await get('/open-data/deputies.xlsx?region=710000000&lang=en');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Deputies')!;
    expect(sheet.rowCount).toBe(2);
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual(['KATO code', 'Region', 'Maslikhat', 'Position', 'District No.', 'Electoral district', 'Name (Kazakh)', 'Name (Russian)', 'Party', 'In office since', 'Email', 'Phone', 'Other contacts', 'Demo record']);
    const row = sheet.getRow(2);
    expect(row.getCell(2).value).toBe('City of Astana');
    expect(row.getCell(5).value).toBe(7);
    expect(row.getCell(7).value).toBe('Мұқашев Төлеубек');
    expect(row.getCell(9).value).toBe('AMANAT Party');
    expect((row.getCell(10).value as Date).toISOString().slice(0, 10)).toBe('2021-01-10');
    expect(row.getCell(12).value).toBe('+7 7172 555 010');
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.getColumn(7).width).toBe(34);
  });

  it('keeps formula-like text as text', async () => {
    const res = await get('/open-data/deputies.xlsx?region=750000000');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.name).toBe('Депутаттар');
    const cells = sheet.getColumn(6).values as unknown[];
    expect(cells).toContain('=1+2');
    expect(sheet.getRow(1).getCell(1).value).toBe('ӘАОЖ (КАТО) коды');
  });
});

describe('personal data', () => {
  it('never publishes an IIN, a birth date or an internal contact detail, in any format', async () => {
    const urls = [
      '/api/v1/persons?per_page=500',
      '/api/v1/persons?q=Mukashev',
      '/api/v1/persons?region=710000000',
      '/api/v1/memberships?per_page=500',
      '/api/v1/memberships?region=710000000',
      '/api/v1/organizations?per_page=500',
      '/open-data/popolo.json',
      '/open-data/popolo.json?date=2024-01-01&lang=ru',
      '/open-data/deputies.csv',
      '/open-data/deputies.csv?region=710000000&lang=en',
    ];
    const bodies: string[] = [];
    for (const url of urls) {
      const res = await get(url);
      expect(res.statusCode, `${url}`).toBe(200);
      bodies.push(res.body);
    }
    for (const url of ['/open-data/deputies.xlsx', '/open-data/deputies.xlsx?region=710000000&lang=ru']) {
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load((await get(url)).rawPayload as unknown as ArrayBuffer);
      workbook.eachSheet((sheet) => sheet.eachRow((row) => bodies.push(JSON.stringify(row.values))));
    }
    const all = bodies.join('\n');
    expect(all).toContain('Мұқашев Төлеубек');
    expect(all).not.toContain(iin);
    expect(all).not.toContain(birthDate);
    expect(all).not.toContain(internalPhone);
    expect(all).not.toMatch(/"iin"|birth_date/);
    // The person is in the database with both, so the test proves the filter, not an empty row.
    const stored = await t.database.db.selectFrom('person').select(['iin', 'birth_date']).where('id', '=', mukashev.personId).executeTakeFirstOrThrow();
    expect(stored).toEqual({ iin, birth_date: birthDate });
    expect(await maslikhatId(t.database.db, '710000000')).toBe(mukashev.organizationId);
  });
});
