// Citizens' questions by endpoint, the public side: the form (good, refused, spam, too many), the
// private tracking page (history, a wrong token), and where applicants' contacts never appear.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mailsWrittenBy } from '../../../test/support/factories.js';
import { page } from '../../../test/support/page.js';
import { areaId } from '../../../test/support/registry-factories.js';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { translate } from '../../core/i18n/messages.js';
import { signFormTime } from './questions.service.js';

let t: TestApp;
const logLines: string[] = [];
let westArea = '';

beforeAll(async () => {
  t = await createTestApp({ logger: { level: 'trace', stream: { write: (line: string) => logLines.push(line) } } });
  westArea = await areaId(t.database.db, '270000000');
});
afterAll(() => t.close());

let visitors = 0;
/** Each test its own IP: the form's limit counts per IP. */
const nextIp = () => `10.7.${Math.floor(++visitors / 200)}.${(visitors % 200) + 1}`;
const newEmail = () => `applicant-${randomBytes(6).toString('hex')}@example.kz`;

/** The form's time token as if it had been served `agoMs` ago (the key is the one the site keeps). */
async function startedAt(agoMs = 10_000) {
  await t.app.inject({ method: 'GET', url: '/en/questions/new' });
  const { form_key } = await t.database.db.selectFrom('citizen_question_setting').select('form_key').executeTakeFirstOrThrow();
  return signFormTime(form_key!, Date.now() - agoMs);
}

/** A browser's post with its CSRF cookie, from one IP. */
async function post(url: string, form: Record<string, string>, ip = nextIp()) {
  const first = await t.app.inject({ method: 'GET', url: '/en/questions/new', remoteAddress: ip });
  const csrf = /kenes_csrf=([^;]+)/.exec(String(first.headers['set-cookie']))?.[1] ?? '';
  return t.app.inject({
    method: 'POST',
    url,
    remoteAddress: ip,
    payload: new URLSearchParams({ _csrf: csrf, ...form }).toString(),
    headers: { cookie: `kenes_csrf=${csrf}`, 'content-type': 'application/x-www-form-urlencoded' },
  });
}

async function ask(lang: string, fields: Record<string, string> = {}, ip?: string) {
  const form = { name: 'Айгүл Сәрсенова', email: newEmail(), phone: '', region: westArea, settlement: 'Ақсай', text: 'Когда отремонтируют дорогу?', consent: 'yes', website: '', startedAt: await startedAt(), ...fields };
  const { result, mails } = await mailsWrittenBy(t.database.db, () => post(`/${lang}/questions/new`, form, ip));
  const link = result.statusCode === 200 ? page(result.body).links().find((l) => l.href.includes('/questions/track/'))?.href : undefined;
  return { res: result, mails, link, form };
}

const questionCount = async () => Number((await t.database.db.selectFrom('citizen_question').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

describe('GET /:lang/questions/new', () => {
  it('offers the regions, the consent with the law’s name, a hidden trap field and a time token; not cached, not indexed', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/ru/questions/new' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['x-robots-tag']).toMatch(/noindex/);
    const p = page(res.body);
    expect(p.heading).toBe(translate('ru', 'questions.newTitle'));
    expect(p.options(translate('ru', 'questions.region')).map((o) => o.text)).toContain('Западно-Казахстанская область');
    expect(p.text()).toContain('«О персональных данных и их защите»');
    expect(p.document.querySelector('input[name=website]')?.getAttribute('tabindex')).toBe('-1');
    expect(p.document.querySelector('input[name=startedAt]')?.getAttribute('value')).toMatch(/^\d+\.[\w-]{22}\.[\w-]{43}$/);
  });

  it('is linked from a region’s maslikhat page, with the region chosen', async () => {
    const maslikhat = page((await t.app.inject({ method: 'GET', url: '/en/maslikhats/maslikhat-270000000' })).body);
    const link = maslikhat.href(translate('en', 'questions.relatedMaslikhat'));
    expect(link).toBe(`/en/questions/new?region=${westArea}`);
    const form = page((await t.app.inject({ method: 'GET', url: link })).body);
    expect(form.value(translate('en', 'questions.region'))).toBe(westArea);
  });
});

describe('POST /:lang/questions/new', () => {
  it('registers the question to the region’s maslikhat, shows the private link once and mails it in the applicant’s language', async () => {
    logLines.length = 0;
    const { res, mails, link, form } = await ask('kk');
    expect(res.statusCode).toBe(200);
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    const p = page(res.body);
    expect(p.heading).toBe(translate('kk', 'questions.sentTitle'));
    expect(link).toMatch(/^http:\/\/[^/]+\/kk\/questions\/track\/[\w-]{43}$/);
    const token = link!.split('/').at(-1)!;
    const stored = await t.database.db.selectFrom('citizen_question as q').innerJoin('organization as o', 'o.id', 'q.organization_id').select(['q.reference', 'q.state', 'q.channel', 'q.tracking_token_hash', 'q.due_date', 'q.registered_on', 'o.slug', 'q.language']).where('q.contact_email', '=', form.email).executeTakeFirstOrThrow();
    expect(stored).toMatchObject({ state: 'registered', channel: 'form', slug: 'maslikhat-270000000', language: 'kk' });
    expect(stored.reference).toMatch(/^Q-\d{4}-\d{6}$/);
    expect(stored.tracking_token_hash).not.toContain(token);
    expect(stored.due_date).not.toBeNull();
    expect(mails.map((m) => m.recipient)).toEqual([form.email]);
    expect(mails[0]?.subject).toBe(translate('kk', 'questions.mail.subjectRegistered', { reference: stored.reference }));
    expect(mails[0]?.body_text).toContain(`/kk/questions/track/${token}`);
    // Neither the contact nor the token in the logs or the audit values.
    expect(logLines.join('\n')).not.toContain(form.email.split('@')[0]);
    expect(logLines.join('\n')).not.toContain(token);
    const audit = await t.database.db.selectFrom('audit_event').select(['after']).where('entity', '=', 'citizen_question').execute();
    expect(audit.length).toBeGreaterThan(0);
    expect(JSON.stringify(audit)).not.toContain(form.email);
    expect(JSON.stringify(audit)).not.toContain('Сәрсенова');
  });

  it('refuses a question without consent, without a contact, too long, in a region not offered — localised, input kept, nothing stored', async () => {
    const before = await questionCount();
    const { res, mails } = await ask('ru', { consent: '', email: '', phone: '', text: 'я'.repeat(5001), region: 'nowhere', settlement: 'Уральск' });
    expect(res.statusCode).toBe(400);
    const p = page(res.body);
    const summary = p.errorSummary().map((e) => e.text);
    expect(summary).toHaveLength(4);
    expect([summary[0], summary[1], summary[3]]).toEqual([translate('ru', 'questions.contactMissing'), translate('ru', 'questions.regionMissing'), translate('ru', 'questions.consentMissing')]);
    expect(summary[2]).toMatch(/^Введите не более 5\s000 символов\.$/u);
    expect(p.value(translate('ru', 'questions.settlement'))).toBe('Уральск');
    expect(p.value(translate('ru', 'questions.name'))).toBe('Айгүл Сәрсенова');
    expect(mails).toEqual([]);
    expect(await questionCount()).toBe(before);
  });

  it('takes the same form sent twice — one after the other, or at once — as one question: the same link, one mail; changed and sent again, it is a second question', async () => {
    const before = await questionCount();
    const ip = nextIp();
    const form = { name: 'Айгүл Сәрсенова', email: newEmail(), phone: '', region: westArea, settlement: 'Ақсай', text: 'Когда починят мост?', consent: 'yes', website: '', startedAt: await startedAt() };
    const linkOf = (body: string) => page(body).links().find((l) => l.href.includes('/questions/track/'))?.href;
    const { result: first, mails } = await mailsWrittenBy(t.database.db, async () => {
      const once = await post('/en/questions/new', form, ip);
      const [again, atOnce] = await Promise.all([post('/en/questions/new', form, ip), post('/en/questions/new', form, ip)]);
      return [once, again, atOnce];
    });
    expect(first.map((r) => r.statusCode)).toEqual([200, 200, 200]);
    const links = first.map((r) => linkOf(r.body));
    expect(links[0]).toMatch(/\/en\/questions\/track\/[\w-]{43}$/);
    expect(links).toEqual([links[0], links[0], links[0]]);
    expect(await questionCount()).toBe(before + 1);
    expect(mails.map((m) => m.recipient)).toEqual([form.email]);
    const changed = await post('/en/questions/new', { ...form, text: 'Когда починят мост через Чаган?' }, ip);
    expect(changed.statusCode).toBe(200);
    expect(linkOf(changed.body)).not.toBe(links[0]);
    expect(await questionCount()).toBe(before + 2);
  });

  it('refuses a bad phone and accepts a phone alone as the contact', async () => {
    const bad = await ask('en', { email: '', phone: 'call me' });
    expect(page(bad.res.body).errorSummary().map((e) => e.text)).toEqual([translate('en', 'questions.phoneInvalid')]);
    const good = await ask('en', { email: '', phone: '+7 701 123 45 67' });
    expect(good.res.statusCode).toBe(200);
    expect(good.mails).toEqual([]);
    expect(page(good.res.body).text()).toContain(translate('en', 'questions.sentKeepLink'));
  });

  it('refuses a filled trap field, a post sooner than 3 s after the form, a forged or day-old token: nothing stored', async () => {
    const before = await questionCount();
    const trap = await ask('en', { website: 'http://spam.example' });
    const fast = await ask('en', { startedAt: await startedAt(500) });
    const forged = await ask('en', { startedAt: `${Date.now() - 10_000}.${'B'.repeat(22)}.${'A'.repeat(43)}` });
    const old = await ask('en', { startedAt: await startedAt(2 * 86_400_000) });
    for (const r of [trap, fast, forged]) expect(page(r.res.body).errorSummary().map((e) => e.text)).toEqual([translate('en', 'questions.spamRefused')]);
    expect(page(old.res.body).errorSummary().map((e) => e.text)).toEqual([translate('en', 'questions.formExpired')]);
    expect(page(old.res.body).value(translate('en', 'questions.text'))).toBe('Когда отремонтируют дорогу?');
    expect(await questionCount()).toBe(before);
  });

  it('limits the posts from one IP (429 past the limit)', async () => {
    const ip = nextIp();
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await ask('en', { consent: '' }, ip)).res.statusCode);
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(400));
    expect(statuses[10]).toBe(429);
  });
});

describe('GET /:lang/questions/track/:token', () => {
  it('shows the state, the due date and the history without signing in; personal, not indexed, no referrer', async () => {
    const { link, form } = await ask('ru');
    const res = await t.app.inject({ method: 'GET', url: new URL(link!).pathname });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['x-robots-tag']).toMatch(/noindex/);
    const p = page(res.body);
    expect(p.definition(translate('ru', 'questions.stateLabel'))).toBe(translate('ru', 'questions.state.registered'));
    expect(p.definition(translate('ru', 'questions.dueDate'))).not.toBe(translate('ru', 'questions.dueUnknown'));
    expect(p.text('ol')).toContain(translate('ru', 'questions.action.registered'));
    expect(p.text()).not.toContain(form.email);
  });

  it('answers a wrong or malformed token with a plain 404', async () => {
    for (const token of [randomBytes(32).toString('base64url'), 'short', 'x'.repeat(44)]) {
      const res = await t.app.inject({ method: 'GET', url: `/en/questions/track/${token}` });
      expect(res.statusCode).toBe(404);
    }
  });

  it('never shows another applicant’s contact on one’s own page', async () => {
    const mine = await ask('en');
    const theirs = await ask('en', { name: 'Ерлан Жақсылықов', phone: '+7 777 000 11 22' });
    const res = await t.app.inject({ method: 'GET', url: new URL(mine.link!).pathname });
    const text = page(res.body).text();
    for (const secret of [theirs.form.email, 'Жақсылықов', '777 000 11 22', mine.form.email, 'Сәрсенова']) expect(text).not.toContain(secret);
  });
});
