import { Validator } from '@seriousme/openapi-schema-validator';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { seedReferenceData } from './registry.seed.js';
import { createRegistryService } from './registry.service.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

interface AreaJson {
  id: string;
  kato: string;
  iso_3166_2: string | null;
  name: Record<string, string | null>;
  population: { value: number; date: string } | null;
  time_zone: string;
}

describe('GET /api/v1/areas', () => {
  it('lists the 20 units of today', async () => {
    const res = await t.app.inject('/api/v1/areas');
    expect(res.statusCode).toBe(200);
    const body = res.json() as { count: number; data: AreaJson[] };
    expect(body.count).toBe(20);
    const astana = body.data.find((a) => a.kato === '710000000')!;
    expect(astana.name).toEqual({ kk: 'Астана қаласы', 'kk-latn': 'Astana qalasy', ru: 'город Астана', en: 'City of Astana' });
    expect(astana.iso_3166_2).toBe('KZ-71');
    expect(astana.population).toMatchObject({ value: 1638233, date: '2026-01-01' });
  });

  it('gives the 17 units of 21 October 2020, named and coded as on that day', async () => {
    const body = (await t.app.inject('/api/v1/areas?date=2020-10-21')).json() as { date: string; count: number; data: AreaJson[] };
    expect(body.date).toBe('2020-10-21');
    expect(body.count).toBe(17);
    const katos = body.data.map((a) => a.kato);
    expect(katos).not.toContain('100000000'); // Abai
    expect(katos).not.toContain('330000000'); // Jetisu
    expect(katos).not.toContain('620000000'); // Ulytau
    const capital = body.data.find((a) => a.kato === '710000000')!;
    expect(capital.name.en).toBe('City of Nur-Sultan');
    expect(capital.iso_3166_2).toBe('KZ-AST');
    expect(body.data.find((a) => a.kato === '430000000')!.time_zone).toBe('Asia/Qyzylorda');
  });

  it('names Turkistan region South Kazakhstan before 19 June 2018', async () => {
    const body = (await t.app.inject('/api/v1/areas?date=2018-01-01')).json() as { count: number; data: AreaJson[] };
    expect(body.count).toBe(16);
    expect(body.data.find((a) => a.kato === '610000000')!.name.en).toBe('South Kazakhstan Region');
  });

  it('refuses a malformed date with a localised JSON error', async () => {
    const res = await t.app.inject({ url: '/api/v1/areas?date=2020-02-30', headers: { 'accept-language': 'ru' } });
    expect(res.statusCode).toBe(400);
    const body = res.json() as { error: { code: string; message: string; problems: { field: string; message: string }[] } };
    expect(body.error.code).toBe('validation_failed');
    expect(body.error.message).toContain('заполнено неверно');
    expect(body.error.problems[0]!.field).toBe('querystring.date');
    expect(body.error.problems[0]!.message).toContain('ГГГГ-ММ-ДД');
  });
});

describe('GET /api/v1/areas/:id', () => {
  it('returns one unit, and 404 or 400 for an unknown or malformed id', async () => {
    const list = (await t.app.inject('/api/v1/areas')).json() as { data: AreaJson[] };
    const abai = list.data.find((a) => a.kato === '100000000')!;
    const res = await t.app.inject(`/api/v1/areas/${abai.id}`);
    expect(res.statusCode).toBe(200);
    expect((res.json() as AreaJson).name.kk).toBe('Абай облысы');

    const missing = await t.app.inject('/api/v1/areas/01900000-0000-7000-8000-000000000000');
    expect(missing.statusCode).toBe(404);
    expect((missing.json() as { error: { code: string } }).error.code).toBe('not_found');

    const bad = await t.app.inject('/api/v1/areas/not-a-uuid');
    expect(bad.statusCode).toBe(400);
  });
});

describe('GET /api/v1/openapi.json', () => {
  it('is a valid OpenAPI 3.1 document describing the API routes only', async () => {
    const res = await t.app.inject('/api/v1/openapi.json');
    expect(res.statusCode).toBe(200);
    const doc = res.json() as { openapi: string; paths: Record<string, unknown>; components: { securitySchemes: Record<string, { scheme: string }> } };
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.components.securitySchemes.apiToken!.scheme).toBe('bearer');
    const paths = Object.keys(doc.paths);
    expect(paths.filter((path) => !path.startsWith('/api/v1/'))).toEqual([]);
    expect(paths).toEqual(expect.arrayContaining(['/api/v1/areas', '/api/v1/areas/{id}', '/api/v1/memberships', '/api/v1/organizations', '/api/v1/persons']));
    const validator = new Validator();
    const result = await validator.validate(doc);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });
});

describe('reference data seed', () => {
  it('is idempotent and keeps a staff correction', async () => {
    await sql`update area_name set name = jsonb_set(name, '{en}', '"Abay Region (corrected)"')
      where area_id = (select id from area where kato = '100000000')`.execute(t.database.db);
    const report = await seedReferenceData(t.database.db);
    expect(report).toMatchObject({ areasAdded: 0, organizationsAdded: 0 });
    const counts = await sql<{ areas: number; orgs: number }>`select (select count(*) from area)::int as areas, (select count(*) from organization)::int as orgs`.execute(t.database.db);
    expect(counts.rows[0]).toEqual({ areas: 20, orgs: 30 });
    const body = (await t.app.inject('/api/v1/areas')).json() as { data: AreaJson[] };
    expect(body.data.find((a) => a.kato === '100000000')!.name.en).toBe('Abay Region (corrected)');
  });
});

describe('role titles and party names by date (reference data)', () => {
  it('calls the head of a maslikhat secretary before 10 April 2023 and chairman after', async () => {
    const { findRoleTitle } = await import('./membership.repository.js');
    expect((await findRoleTitle(t.database.db, 'head', 'maslikhat', '2020-10-21'))?.ru).toBe('секретарь маслихата');
    expect((await findRoleTitle(t.database.db, 'head', 'maslikhat', '2023-04-09'))?.kk).toBe('мәслихат хатшысы');
    expect((await findRoleTitle(t.database.db, 'head', 'maslikhat', '2023-04-10'))?.en).toBe('chairman of the maslikhat');
  });

  it('names a party by the name of the day', async () => {
    const { findOrganizationBySlug } = await import('./registry.repository.js');
    expect((await findOrganizationBySlug(t.database.db, 'party-amanat', '2020-10-21'))?.name.en).toBe('Nur Otan Party');
    expect((await findOrganizationBySlug(t.database.db, 'party-amanat', '2024-01-01'))?.name.en).toBe('AMANAT Party');
  });
});


describe('the region-level maslikhats of a date (registry service)', () => {
  it('gives 17 on 21 October 2020 and 20 today, each in its area, in the order of the areas’ KATO codes', async () => {
    const registry = createRegistryService(t.database.db);
    const then = await registry.listRegionMaslikhats('2020-10-21');
    expect(then).toHaveLength(17);
    expect(then.map((m) => m.area.kato)).toEqual(then.map((m) => m.area.kato).toSorted());
    for (const m of then) expect(m.areaId).toBe(m.area.id);
    expect(await registry.listRegionMaslikhats()).toHaveLength(20);
  });
});
