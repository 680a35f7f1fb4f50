// The public side of outreach: receptions ahead by region (local time, place, deputies), their
// iCalendar, one public event, a maslikhat's hub section, and the open data — public events only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { page } from '../../../test/support/page.js';
import { createDeputy } from '../../../test/support/registry-factories.js';
import { createOutreachEvent, topicIdBySlug } from '../../../test/support/outreach-factories.js';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';

let t: TestApp;
let ahead: string;
let internal: string;
let held: string;
let astana: string;
let topic: string;
const soon = new Date(Date.now() + 10 * 24 * 3600 * 1000);
soon.setUTCHours(5, 0, 0, 0);

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  const deputy = await createDeputy(db, { maslikhat: '270000000', person: { name: { kk: 'Әлия Депутат', ru: 'Алия Депутат', en: 'Aliya Deputy' } }, startDate: '2020-01-01' });
  topic = await topicIdBySlug(db, 'rukhani-zhangyru');
  ahead = await createOutreachEvent(db, { maslikhat: '270000000', kind: 'reception', startsAt: soon, settlement: 'Aksai', deputies: [deputy.personId] });
  internal = await createOutreachEvent(db, { maslikhat: '270000000', kind: 'reception', startsAt: soon, settlement: 'Secret village', public: false });
  held = await createOutreachEvent(db, { maslikhat: '270000000', kind: 'meeting_with_voters', startsAt: new Date('2020-10-15T10:00:00Z'), settlement: 'Chapaev', audienceTotal: 80, summary: 'Спрашивали о дорогах.', topics: [topic], deputies: [deputy.personId] });
  astana = await createOutreachEvent(db, { maslikhat: '710000000', kind: 'meeting_with_voters', startsAt: soon, settlement: 'Astana' });
});
afterAll(() => t.close());

describe('GET /:lang/receptions', () => {
  it('lists public receptions and meetings ahead with their local time, place and deputies; never internal or past ones', async () => {
    const p = page((await t.app.inject({ method: 'GET', url: '/en/receptions' })).body);
    expect(p.heading).toBe("Deputies' receptions ahead");
    const rows = p.tableRows('Receptions and meetings ahead');
    const places = rows.map((r) => r[2]);
    expect(places.some((x) => x?.startsWith('Aksai'))).toBe(true);
    expect(places.some((x) => x?.startsWith('Astana'))).toBe(true);
    expect(p.text('main')).not.toContain('Secret village');
    expect(p.text('main')).not.toContain('Chapaev');
    const aksai = rows.find((r) => r[2]?.startsWith('Aksai'));
    expect(aksai?.[0]).toContain('10:00'); // 05:00 UTC is 10:00 in West Kazakhstan
    expect(aksai?.[3]).toBe('Aliya Deputy');
  });

  it('shows one region by its KATO code, and all for an unknown one', async () => {
    const p = page((await t.app.inject({ method: 'GET', url: '/en/receptions?region=710000000' })).body);
    expect(p.tableRows().map((r) => r[2]?.split(',')[0])).toEqual(['Astana']);
    expect(p.href('Subscribe in a calendar (iCalendar)')).toBe('/en/receptions.ics?region=710000000');
    expect((await t.app.inject({ method: 'GET', url: '/en/receptions?region=<script>' })).statusCode).toBe(200);
  });

  it('is in Kazakh by default', async () => {
    expect(page((await t.app.inject({ method: 'GET', url: '/kk/receptions' })).body).heading).toBe('Депутаттардың алдағы қабылдаулары');
  });
});

describe('GET /:lang/receptions.ics', () => {
  it('is a valid calendar of the region\'s public receptions ahead', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/en/receptions.ics?region=270000000' });
    expect(res.headers['content-type']).toBe('text/calendar; charset=utf-8');
    expect(res.body.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n')).toBe(true);
    expect(res.body.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(res.body).toContain(`UID:outreach-${ahead}@kenes`);
    expect(res.body).not.toContain(internal);
    expect(res.body).not.toContain(astana);
    expect(res.body).toContain(`DTSTART:${soon.toISOString().replaceAll(/[-:]/g, '').replace(/\.\d{3}/, '')}`);
  });
});

describe('GET /:lang/receptions/:id', () => {
  it('shows a held public event with its audience and summary; an internal one is not found', async () => {
    const p = page((await t.app.inject({ method: 'GET', url: `/en/receptions/${held}` })).body);
    expect(p.definition('People who took part')).toBe('80');
    expect(p.definition('Topics')).toBe('Rukhani Zhangyru programme');
    expect((await t.app.inject({ method: 'GET', url: `/en/receptions/${internal}` })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: '/en/receptions/nope' })).statusCode).toBe(404);
  });

  it('is listed on the maslikhat\'s page once held', async () => {
    const p = page((await t.app.inject({ method: 'GET', url: '/en/maslikhats/maslikhat-270000000' })).body);
    expect(p.links().map((l) => l.href)).toContain(`/en/receptions/${held}`);
  });
});

describe('GET /api/v1/outreach-events', () => {
  it('answers public events only, by region, period and topic, with the deputies\' names and nothing personal', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/outreach-events?region=270000000&from=2020-10-01&to=2020-10-31&topic=rukhani-zhangyru' });
    expect(res.statusCode).toBe(200);
    const body = res.json<{ total: number; data: { id: string; local_date: string; deputies: { name: { en: string } }[]; audience_total: number }[] }>();
    expect(body.total).toBe(1);
    expect(body.data[0]).toMatchObject({ id: held, local_date: '2020-10-15', audience_total: 80, deputies: [{ name: { en: 'Aliya Deputy' } }] });
    expect(res.body).not.toContain('created_by');
    const all = await t.app.inject({ method: 'GET', url: '/api/v1/outreach-events?per_page=500' });
    expect(all.json<{ data: { id: string }[] }>().data.map((e) => e.id)).not.toContain(internal);
  });

  it('refuses a bad filter with a 400 naming it', async () => {
    const bad = await t.app.inject({ method: 'GET', url: '/api/v1/outreach-events?region=abc' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('region');
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/outreach-events?region=999999999' })).statusCode).toBe(400);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/outreach-events?topic=no-such-topic' })).statusCode).toBe(400);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/outreach-events?from=2020-12-01&to=2020-01-01' })).statusCode).toBe(400);
  });

  it('is described in the OpenAPI document', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json<{ paths: Record<string, unknown> }>();
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/outreach-events', '/api/v1/outreach-topics']));
  });
});
