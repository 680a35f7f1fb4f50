// Outreach analytics: the public dashboard (/outreach and its CSV), the office's (internal events
// too, by scope), a maslikhat page's figures and the open data (/api/v1/outreach-stats) — filters,
// bad input answered without a 5xx, the map's units by date, CSV equal to its table, nothing personal.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, createAccount, signInFully } from '../../../test/support/factories.js';
import { page } from '../../../test/support/page.js';
import { createOutreachEvent, topicIdBySlug } from '../../../test/support/outreach-factories.js';
import { areaId, maslikhatId } from '../../../test/support/registry-factories.js';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { newId } from '../../core/ids.js';
import type { Db } from '../../core/db/connect.js';

let t: TestApp;
let secretariat: Browser;
let westStaff: Browser;
let nobody: Browser;
const applicant = { name: 'Жанар Сауалбекова', email: 'zhanar.applicant@example.kz', phone: '+77011234567' };

async function question(db: Db, kato: string, registeredOn: string, dueDate: string, answeredAt: string | null) {
  const id = newId();
  await db
    .insertInto('citizen_question')
    .values({
      id,
      reference: `Q-T-${id}`,
      organization_id: await maslikhatId(db, kato),
      channel: 'form',
      applicant_name: applicant.name,
      contact_email: applicant.email,
      contact_phone: applicant.phone,
      area_id: await areaId(db, kato),
      settlement: 'Aksai',
      body: 'Қашан жол жөнделеді?',
      language: 'kk',
      consent_at: new Date(`${registeredOn}T05:00:00Z`),
      registered_on: registeredOn,
      due_date: dueDate,
      tracking_token_hash: id,
      state: answeredAt ? 'answered' : 'registered',
      answered_at: answeredAt ? new Date(answeredAt) : null,
      answer: answeredAt ? 'Жазда.' : null,
      created_at: new Date(),
      updated_at: new Date(),
    })
    .execute();
}

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  // West Kazakhstan in 2019: two public events (100 and 60 people), one internal (500), a population of 200,000;
  // three questions: one answered on time, one late, one open past its date.
  await db.insertInto('area_population').values({ area_id: await areaId(db, '270000000'), on_date: '2019-01-01', population: 200_000, source: 'test' }).onConflict((oc) => oc.doNothing()).execute();
  const topic = await topicIdBySlug(db, 'address-2020-social-policy');
  await createOutreachEvent(db, { maslikhat: '270000000', kind: 'meeting_with_voters', startsAt: new Date('2019-03-10T06:00:00Z'), audienceTotal: 100, topics: [topic] });
  await createOutreachEvent(db, { maslikhat: '270000000', kind: 'reception', startsAt: new Date('2019-04-02T06:00:00Z'), audienceTotal: 60 });
  await createOutreachEvent(db, { maslikhat: '270000000', kind: 'visit', startsAt: new Date('2019-04-05T06:00:00Z'), audienceTotal: 500, public: false });
  await createOutreachEvent(db, { maslikhat: '630000000', kind: 'reception', startsAt: new Date('2019-04-05T06:00:00Z'), audienceTotal: 40 });
  await question(db, '270000000', '2019-03-11', '2019-04-01', '2019-03-20T10:00:00Z');
  await question(db, '270000000', '2019-04-01', '2019-04-22', '2019-05-02T10:00:00Z');
  await question(db, '270000000', '2019-04-03', '2019-04-24', null);
  secretariat = new Browser(t.app);
  await signInFully(secretariat, db, await createAccount(db, { grants: [{ role: 'secretariat', organizationSlug: 'council-senate' }] }));
  westStaff = new Browser(t.app);
  await westStaff.signIn(await createAccount(db, { grants: [{ role: 'maslikhat_staff', organizationSlug: 'maslikhat-270000000' }] }));
  nobody = new Browser(t.app);
  await nobody.signIn(await createAccount(db, { grants: [] }));
});
afterAll(() => t.close());

const get = (url: string) => t.app.inject({ method: 'GET', url });
const mapUnits = (html: string) => page(html).document.querySelectorAll('svg.chart--map path[data-kato]').length;
const plain = (cell: string) => (cell === 'No data' ? '' : cell.replace(/[,\s%]/g, ''));

describe('GET /:lang/outreach', () => {
  it('shows a region\'s figures of the period: public events only, reach per 1,000, questions and the share on time', async () => {
    const res = await get('/en/outreach?region=270000000&from=2019-01&to=2019-12');
    expect(res.statusCode).toBe(200);
    const p = page(res.body);
    expect(p.heading).toContain('West Kazakhstan');
    expect(p.definition('Events')).toBe('2');
    expect(p.definition('People reached')).toBe('160');
    expect(p.definition('Reach per 1,000 residents')).toBe('0.8');
    expect(p.definition('Questions raised')).toBe('3');
    expect(p.definition('Answered on time, % of questions raised')).toBe('33 %');
    expect(p.definition('Open questions past their due date')).toBe('1');
    expect(p.value('From month')).toBe('2019-01');
  });

  it('draws 17 units for a period ending before 8 June 2022 and 20 after, with the table beside', async () => {
    const before = await get('/en/outreach?from=2019-01&to=2019-12');
    const after = await get('/en/outreach?from=2023-01&to=2023-12&measure=audience');
    expect(mapUnits(before.body)).toBe(17);
    expect(mapUnits(after.body)).toBe(20);
    const rows = page(before.body).document.querySelectorAll('table tr[data-kato]');
    expect(rows.length).toBeGreaterThanOrEqual(34);
  });

  it('counts the whole country without a region, and other regions on the map', async () => {
    const p = page((await get('/en/outreach?from=2019-01&to=2019-12')).body);
    expect(p.definition('Events')).toBe('3');
    expect(p.definition('People reached')).toBe('200');
    const east = p.document.querySelector('svg.chart--map path[data-kato="630000000"]');
    expect(east?.getAttribute('data-value')).toBe('1');
  });

  it('answers bad filters with a 400 naming them, the input kept and the last 12 months shown; an unknown measure is ignored', async () => {
    for (const url of ['/en/outreach?from=2019-13&to=nope', '/en/outreach?from=2020-05&to=2019-01', '/en/outreach?region=999999999', '/en/outreach?region=%3Cscript%3E', '/en/outreach?from=1990-01&to=2019-01']) {
      const res = await get(url);
      expect(res.statusCode).toBe(400);
      expect(page(res.body).errorSummary().length).toBeGreaterThan(0);
    }
    const kept = page((await get('/en/outreach?from=2019-13&to=nope')).body);
    expect(kept.value('From month')).toBe('2019-13');
    expect(kept.value('To month')).toBe('nope');
    const odd = await get('/en/outreach?measure=%27%3B+drop&from[]=x&region=27');
    expect(odd.statusCode).toBeLessThan(500);
    expect((await get('/en/outreach?measure=zzz')).statusCode).toBe(200);
  });

  it('works in every language', async () => {
    for (const lang of ['kk', 'kk-latn', 'ru', 'en']) expect((await get(`/${lang}/outreach?from=2019-01&to=2019-12`)).statusCode).toBe(200);
  });

  it('shows nothing personal of the applicants', async () => {
    const bodies = [
      (await get('/en/outreach?region=270000000&from=2019-01&to=2019-12')).body,
      (await get('/ru/outreach.csv?region=270000000&from=2019-01&to=2019-12&table=regions')).body,
      (await get('/api/v1/outreach-stats?region=270000000&from=2019-01&to=2019-12')).body,
    ];
    for (const body of bodies) {
      expect(body).not.toContain(applicant.email);
      expect(body).not.toContain(applicant.phone);
      expect(body).not.toContain('Сауалбекова');
      expect(body).not.toContain('Қашан жол');
    }
  });
});

describe('GET /:lang/outreach.csv', () => {
  it('answers each table as CSV, the same rows and numbers as the page\'s table', async () => {
    const query = 'from=2019-01&to=2019-12&measure=audience';
    const p = page((await get(`/en/outreach?${query}`)).body);
    const table = p.tableRows('Every figure by region, Jan 2019 – Dec 2019');
    const res = await get(`/en/outreach.csv?${query}&table=regions`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    const lines = res.body.replace(/^\uFEFF/, '').trim().split(/\r\n/).slice(1).map((l) => l.split(','));
    expect(lines.map((l) => [l[1], ...l.slice(2)])).toEqual(table.map((row) => [row[0], ...row.slice(1).map(plain)]));
    const trend = await get(`/en/outreach.csv?${query}&table=trend`);
    expect(trend.body).toContain('Mar 2019,100');
    const map = await get(`/en/outreach.csv?${query}&table=map`);
    expect(map.body.trim().split(/\r\n/).length).toBe(18);
    expect((await get(`/en/outreach.csv?${query}&table=topics`)).body).toContain(',1');
  });

  it('refuses a bad period with a 400', async () => {
    expect((await get('/en/outreach.csv?from=2019-13')).statusCode).toBe(400);
  });
});

describe('GET /:lang/office/outreach/analytics', () => {
  it('shows the secretariat every region with internal events', async () => {
    const res = await secretariat.get('/en/office/outreach/analytics?region=270000000&from=2019-01&to=2019-12');
    expect(res.statusCode).toBe(200);
    const p = page(res.body);
    expect(p.definition('Events')).toBe('3');
    expect(p.definition('People reached')).toBe('660');
    expect(p.options('Region').length).toBeGreaterThan(10);
  });

  it('shows a maslikhat\'s staff their own region only', async () => {
    const res = await westStaff.get('/en/office/outreach/analytics?from=2019-01&to=2019-12');
    expect(res.statusCode).toBe(200);
    const p = page(res.body);
    expect(p.heading).toContain('West Kazakhstan');
    expect(p.definition('Events')).toBe('3');
    expect(p.document.querySelectorAll('table tr[data-kato]').length).toBe(18);
    const other = await westStaff.get('/en/office/outreach/analytics?region=630000000&from=2019-01&to=2019-12');
    expect(other.statusCode).toBe(400);
    expect(page(other.body).definition('Events')).toBe('3');
    const csv = await westStaff.get('/en/office/outreach/analytics.csv?from=2019-01&to=2019-12&table=regions');
    expect(csv.body.trim().split(/\r\n/).length).toBe(2);
  });

  it('is forbidden to an account without a maslikhat', async () => {
    expect((await nobody.get('/en/office/outreach/analytics')).statusCode).toBe(403);
  });
});

describe('a maslikhat\'s page', () => {
  it('links to its region\'s figures', async () => {
    const p = page((await get('/en/maslikhats/maslikhat-270000000')).body);
    expect(p.links().map((l) => l.href)).toContain('/en/outreach?region=270000000');
  });
});

describe('GET /api/v1/outreach-stats', () => {
  it('answers a region\'s aggregates by month and topic', async () => {
    const res = await get('/api/v1/outreach-stats?region=270000000&from=2019-01&to=2019-12');
    expect(res.statusCode).toBe(200);
    const body = res.json<{ totals: Record<string, number | null>; months: { month: string; events: number }[]; regions: unknown[]; topics: { slug: string; events: number }[] }>();
    expect(body.totals).toMatchObject({ events: 2, audience: 160, population: 200_000, reach_per_1000: 0.8, questions_raised: 3, questions_answered: 2, questions_answered_on_time: 1, questions_overdue_open: 1 });
    expect(body.months).toHaveLength(12);
    expect(body.months.find((m) => m.month === '2019-04')?.events).toBe(1);
    expect(body.regions).toHaveLength(17);
    expect(body.topics).toEqual([expect.objectContaining({ slug: 'address-2020-social-policy', events: 1 })]);
  });

  it('refuses bad values with a 400', async () => {
    for (const url of ['/api/v1/outreach-stats?from=2019-13', '/api/v1/outreach-stats?region=abc', '/api/v1/outreach-stats?region=999999999', '/api/v1/outreach-stats?from=2020-01&to=2019-01', '/api/v1/outreach-stats?from=1990-01&to=2020-01']) {
      expect((await get(url)).statusCode).toBe(400);
    }
  });
});
