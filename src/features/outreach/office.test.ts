// The outreach office: the list in each visitor's scope, logging an event (defaults, refusals with
// the answers kept, a deputy's own events), changing it (a stale form is a 409 that keeps the
// answers), deleting it, photos, and who may do what.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, createAccount, signInFully, type TestAccount } from '../../../test/support/factories.js';
import { page } from '../../../test/support/page.js';
import { createDeputy } from '../../../test/support/registry-factories.js';
import { createOutreachEvent, topicIdBySlug } from '../../../test/support/outreach-factories.js';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { loadSharp } from '../../core/lazy-modules.js';

let t: TestApp;
let west: Browser;
let east: Browser;
let admin: Browser;
let deputyBrowser: Browser;
let deputy: { personId: string };
let other: { personId: string };
let outsider: { personId: string };
let addressTopic: string;

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  west = new Browser(t.app);
  await west.signIn(await createAccount(db, { grants: [{ role: 'maslikhat_staff', organizationSlug: 'maslikhat-270000000' }] }));
  east = new Browser(t.app);
  await east.signIn(await createAccount(db, { grants: [{ role: 'maslikhat_staff', organizationSlug: 'maslikhat-630000000' }] }));
  admin = new Browser(t.app);
  await signInFully(admin, db, await createAccount(db, { grants: [{ role: 'admin', organizationSlug: 'council-senate' }] }));
  deputy = await createDeputy(db, { maslikhat: '270000000', person: { name: { kk: 'Әлия Депутат', ru: 'Алия Депутат', en: 'Aliya Deputy' } }, startDate: '2020-01-10' });
  other = await createDeputy(db, { maslikhat: '270000000', person: { name: { kk: 'Бекзат Депутат', ru: 'Бекзат Депутат', en: 'Bekzat Deputy' } }, startDate: '2020-01-10' });
  outsider = await createDeputy(db, { maslikhat: '630000000', person: { name: { kk: 'Басқа Депутат', ru: 'Другой Депутат', en: 'Another Deputy' } }, startDate: '2020-01-10' });
  const deputyAccount: TestAccount = await createAccount(db, { grants: [{ role: 'deputy', organizationSlug: 'maslikhat-270000000' }], personId: deputy.personId });
  deputyBrowser = new Browser(t.app);
  await deputyBrowser.signIn(deputyAccount);
  addressTopic = await topicIdBySlug(db, 'address-2020-social-policy');
});
afterAll(() => t.close());

const newPath = '/en/office/maslikhats/maslikhat-270000000/outreach/new';

/** A filled form for an event held on 15 October 2020 in West Kazakhstan. */
const held = (overrides: Record<string, string | string[]> = {}): Record<string, string | string[]> => ({
  kind: 'meeting_with_voters',
  date: '2020-10-15',
  time: '15:00',
  endTime: '16:30',
  districtId: '',
  settlement: 'Aksai',
  address: 'House of Culture',
  tags: 'roads, water',
  audienceTotal: '120',
  audienceYouth: '30',
  audienceElderly: '',
  audienceEntrepreneurs: '10',
  audienceWomen: '',
  audienceOther: '',
  summary: 'Explained the Address of 1 September 2020; questions about the road to the village.',
  summaryLanguage: 'en',
  public: '1',
  version: '0',
  deputies: [deputy.personId],
  topics: [addressTopic],
  ...overrides,
});

const audit = (id: string) => t.database.db.selectFrom('audit_event').select(['action', 'after']).where('entity', '=', 'outreach_event').where('entity_id', '=', id).orderBy('occurred_at').execute();

describe('GET /:lang/office/maslikhats/:slug/outreach/new', () => {
  it('offers the form with today, the maslikhat and a meeting with voters by default, and the deputies to tick', async () => {
    const res = await west.get(newPath);
    expect(res.statusCode).toBe(200);
    const p = page(res.body);
    expect(p.heading).toBe('A new event');
    expect(p.value('Meeting with voters')).toBe('meeting_with_voters');
    expect(p.byLabel('Meeting with voters').hasAttribute('checked')).toBe(true);
    expect(p.value('Date')).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(p.byLabel('Aliya Deputy').type).toBe('checkbox');
  });

  it('is forbidden to another maslikhat\'s staff, and sends a visitor to sign in', async () => {
    expect((await east.get(newPath)).statusCode).toBe(403);
    const anonymous = await t.app.inject({ method: 'GET', url: newPath });
    expect(anonymous.statusCode).toBe(303);
    expect(anonymous.headers.location).toMatch(/^\/en\/sign-in/);
  });

  it('sends a staff member with one maslikhat from /office/outreach/new straight to its form', async () => {
    const res = await west.get('/en/office/outreach/new');
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(newPath);
  });
});

describe('POST /:lang/office/maslikhats/:slug/outreach/new', () => {
  it('logs a held event with its deputies, topics and audience, audited', async () => {
    const res = await west.post(newPath, held());
    expect(res.statusCode).toBe(303);
    const id = /\/office\/outreach\/([0-9a-f-]{36})/.exec(res.headers.location ?? '')?.[1] ?? '';
    const p = page((await west.get(`/en/office/outreach/${id}`)).body);
    expect(p.heading).toMatch(/^Meeting with voters: 15 October 2020/);
    expect(p.definition('Deputies present')).toBe('Aliya Deputy');
    expect(p.definition('People reached')).toContain('120');
    expect(p.definition('Topics')).toContain('Address 2020: a fair social policy');
    const stored = await t.database.db.selectFrom('outreach_event').select(['starts_at', 'time_zone', 'tags', 'audience_youth']).where('id', '=', id).executeTakeFirstOrThrow();
    // 15:00 in West Kazakhstan (UTC+5) is 10:00 UTC.
    expect(stored.starts_at.toISOString()).toBe('2020-10-15T10:00:00.000Z');
    expect(stored).toMatchObject({ tags: ['roads', 'water'], audience_youth: 30 });
    expect((await audit(id)).map((e) => e.action)).toEqual(['created']);
  });

  it('takes a reception planned ahead without audience or summary', async () => {
    const res = await west.post(newPath, held({ kind: 'reception', date: '2099-03-02', audienceTotal: '', audienceYouth: '', audienceEntrepreneurs: '', summary: '' }));
    expect(res.statusCode).toBe(303);
  });

  it('refuses bad input with localised errors, keeping the answers, and stores nothing', async () => {
    const before = await t.database.db.selectFrom('outreach_event').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const negative = page((await west.post(newPath, held({ audienceTotal: '-5' }))).body);
    expect(negative.fieldError('People who took part')).toBe('Enter a whole number, 0 or more');
    expect(negative.value('People who took part')).toBe('-5');
    expect(negative.value('Settlement')).toBe('Aksai');

    const over = page((await west.post(newPath, held({ audienceTotal: '20', audienceYouth: '15', audienceEntrepreneurs: '10' }))).body);
    expect(over.errorSummary()).toEqual([{ text: 'The groups add up to 25, more than the 20 people who took part', href: '#field-audienceYouth' }]);

    const place = page((await west.post(newPath, held({ settlement: '' }))).body);
    expect(place.errorSummary().map((e) => e.href)).toEqual(['#field-settlement']);

    const future = page((await west.post(newPath, held({ kind: 'visit', date: '2099-01-01' }))).body);
    expect(future.fieldError('Date')).toContain('only receptions and meetings with voters may be planned ahead');

    const long = await west.post(newPath, held({ summary: 'x'.repeat(5001) }));
    expect(long.statusCode).toBe(400);
    expect(page(long.body).fieldError('Summary')).toBe('Enter 5000 characters or fewer.');

    const unsaid = page((await west.post(newPath, held({ summary: '', audienceTotal: '', audienceYouth: '', audienceEntrepreneurs: '' }))).body);
    expect(unsaid.errorSummary().map((e) => e.href)).toEqual(['#field-audienceTotal', '#field-summary']);

    const ancient = page((await west.post(newPath, held({ date: '0001-01-01' }))).body);
    expect(ancient.fieldError('Date')).toBe('The date must be between 16 December 1991 and the end of 2100');
    const impossible = await west.post(newPath, held({ date: '2021-02-30' }));
    expect(impossible.statusCode).toBe(400);

    const time = page((await west.post(newPath, held({ time: '25:00' }))).body);
    expect(time.fieldError('Starts at')).toBe('Enter the time as HH:MM, for example 15:00');

    const after = await t.database.db.selectFrom('outreach_event').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('refuses a deputy of another maslikhat, and one who was not yet a deputy on the day', async () => {
    const foreign = await west.post(newPath, held({ deputies: [outsider.personId] }));
    expect(foreign.statusCode).toBe(400);
    expect(page(foreign.body).errorSummary().map((e) => e.href)).toEqual(['#field-deputies']);
    const early = await west.post(newPath, held({ date: '2019-12-01' }));
    expect(early.statusCode).toBe(400);
    expect(page(early.body).errorSummary()).toEqual([{ text: 'One of the deputies ticked was not a deputy of this maslikhat on 2019-12-01', href: '#field-deputies' }]);
  });

  it('lets a deputy log only an event they were at', async () => {
    const without = await deputyBrowser.post(newPath, held({ deputies: [other.personId] }));
    expect(without.statusCode).toBe(400);
    expect(page(without.body).errorSummary().map((e) => e.text)).toEqual(['You may log only events you were at: tick yourself among the deputies']);
    expect((await deputyBrowser.post(newPath, held({ deputies: [deputy.personId, other.personId] }))).statusCode).toBe(303);
  });

  it('is forbidden to another maslikhat\'s staff; an anonymous post stores nothing', async () => {
    expect((await east.post(newPath, held())).statusCode).toBe(403);
    const anonymous = new Browser(t.app);
    const res = await anonymous.post(newPath, held());
    expect([303, 403]).toContain(res.statusCode);
    expect(res.headers.location ?? '/en/sign-in').toMatch(/^\/en\/sign-in/);
  });
});

describe('GET /:lang/office/outreach', () => {
  it('lists the events of the staff member\'s maslikhat only; the admin sees all, by region', async () => {
    await createOutreachEvent(t.database.db, { maslikhat: '270000000', startsAt: new Date('2020-11-02T05:00:00Z'), settlement: 'Chapaev', audienceTotal: 40, summary: 'x' });
    await createOutreachEvent(t.database.db, { maslikhat: '630000000', startsAt: new Date('2020-11-03T05:00:00Z'), settlement: 'Ridder', audienceTotal: 40, summary: 'x' });
    const mine = page((await west.get('/en/office/outreach')).body).tableRows('Events');
    expect(mine.some((r) => r[3] === 'Chapaev')).toBe(true);
    expect(mine.some((r) => r[3] === 'Ridder')).toBe(false);
    const theirs = page((await admin.get('/en/office/outreach?region=630000000')).body).tableRows('Events');
    expect(theirs.map((r) => r[3])).toContain('Ridder');
    expect(theirs.map((r) => r[3])).not.toContain('Chapaev');
  });

  it('filters by kind and period, and answers a bad filter with the whole list, never an error', async () => {
    const res = await west.get('/en/office/outreach?kind=nonsense&from=2020-13-45&page=-1');
    expect(res.statusCode).toBe(200);
    const visits = page((await west.get('/en/office/outreach?kind=visit')).body);
    expect(visits.text('main')).toContain('0 events');
  });

  it('is forbidden to an account with no role in a maslikhat', async () => {
    const nobody = new Browser(t.app);
    await nobody.signIn(await createAccount(t.database.db));
    expect((await nobody.get('/en/office/outreach')).statusCode).toBe(403);
  });
});

describe('GET and POST /:lang/office/outreach/:id/edit', () => {
  it('changes an event, audited, and answers a stale form with 409 keeping the answers over the latest version', async () => {
    const id = await createOutreachEvent(t.database.db, { maslikhat: '270000000', kind: 'meeting_with_voters', startsAt: new Date('2020-10-20T05:00:00Z'), audienceTotal: 50, summary: 'Held.', deputies: [deputy.personId] });
    const form = page((await west.get(`/en/office/outreach/${id}/edit`)).body);
    expect(form.value('Date')).toBe('2020-10-20');
    expect(form.value('Starts at')).toBe('10:00');
    const saved = await west.post(`/en/office/outreach/${id}/edit`, held({ date: '2020-10-20', settlement: 'Zhanibek', version: '1' }));
    expect(saved.statusCode).toBe(303);
    const stale = await west.post(`/en/office/outreach/${id}/edit`, held({ date: '2020-10-20', settlement: 'Akzhaik', version: '1' }));
    expect(stale.statusCode).toBe(409);
    const p = page(stale.body);
    expect(p.value('Settlement')).toBe('Akzhaik');
    expect(p.text('main')).toContain('Someone else saved this event while you were changing it');
    expect((await west.post(`/en/office/outreach/${id}/edit`, held({ date: '2020-10-20', settlement: 'Akzhaik', version: '2' }))).statusCode).toBe(303);
    expect((await audit(id)).map((e) => e.action)).toEqual(['updated', 'updated']);
  });

  it('keeps another maslikhat\'s event from its staff (403) and answers a bad id with 404', async () => {
    const id = await createOutreachEvent(t.database.db, { maslikhat: '270000000', startsAt: new Date('2020-10-21T05:00:00Z') });
    expect((await east.get(`/en/office/outreach/${id}`)).statusCode).toBe(403);
    expect((await east.get(`/en/office/outreach/${id}/edit`)).statusCode).toBe(403);
    expect((await east.post(`/en/office/outreach/${id}/edit`, held())).statusCode).toBe(403);
    expect((await west.get('/en/office/outreach/not-an-id')).statusCode).toBe(404);
    expect((await west.get('/en/office/outreach/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
  });
});

describe('POST /:lang/office/outreach/:id/delete', () => {
  it('deletes an event at its version, audited; a stale one is a 409', async () => {
    const id = await createOutreachEvent(t.database.db, { maslikhat: '270000000', startsAt: new Date('2020-10-22T05:00:00Z') });
    expect((await east.post(`/en/office/outreach/${id}/delete`, { version: '1' })).statusCode).toBe(403);
    expect((await west.post(`/en/office/outreach/${id}/delete`, { version: '7' })).statusCode).toBe(409);
    expect((await west.post(`/en/office/outreach/${id}/delete`, { version: '1' })).statusCode).toBe(303);
    expect((await west.get(`/en/office/outreach/${id}`)).statusCode).toBe(404);
    expect((await audit(id)).map((e) => e.action)).toEqual(['deleted']);
  });
});

describe('POST /:lang/office/outreach/:id/photos', () => {
  async function upload(browser: Browser, id: string, bytes: Buffer, altText: string, version: string) {
    await browser.get('/en/office/outreach');
    const boundary = 'outreachboundary';
    const part = (name: string, value: string) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
    const body = Buffer.concat([
      Buffer.from(part('_csrf', browser.cookie('kenes_csrf') ?? '') + part('version', version) + part('altText', altText)),
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="photo"; filename="p.png"\r\nContent-Type: image/png\r\n\r\n`),
      bytes,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    return t.app.inject({ method: 'POST', url: `/en/office/outreach/${id}/photos`, payload: body, headers: { cookie: browser.cookieHeader, 'content-type': `multipart/form-data; boundary=${boundary}` } });
  }

  it('stores a re-encoded photo with its alt text, served while the event is public; refuses one without alt text or not an image', async () => {
    const id = await createOutreachEvent(t.database.db, { maslikhat: '270000000', startsAt: new Date('2020-10-23T05:00:00Z') });
    const sharp = await loadSharp();
    const png = await sharp({ create: { width: 200, height: 150, channels: 3, background: { r: 200, g: 30, b: 30 } } }).png().toBuffer();
    const noAlt = await upload(west, id, png, '', '1');
    expect(noAlt.statusCode).toBe(400);
    expect(page(noAlt.body).fieldError('What the photo shows')).toBe('Describe what the photo shows');
    const notImage = await upload(west, id, Buffer.from('not an image at all'), 'A hall', '1');
    expect(page(notImage.body).fieldError('Photo')).toBe('The file is not a JPEG, PNG or WebP image');
    const ok = await upload(west, id, png, 'Deputies with voters in the hall', '1');
    expect(ok.statusCode).toBe(303);
    const shown = await west.get(`/en/office/outreach/${id}`);
    const p = page(shown.body);
    const images = [...p.document.querySelectorAll('main img')].map((img) => ({ alt: img.getAttribute('alt'), src: img.getAttribute('src') ?? '' }));
    expect(images.map((i) => i.alt)).toEqual(['Deputies with voters in the hall']);
    const src = images[0]?.src ?? '';
    expect(src).toMatch(/^\/files\/outreach\/[0-9a-f]{64}\.webp$/);
    const served = await t.app.inject({ method: 'GET', url: src });
    expect(served.statusCode).toBe(200);
    expect(served.headers['content-type']).toBe('image/webp');
    expect((await upload(east, id, png, 'Theirs', '2')).statusCode).toBe(403);
  });
});
