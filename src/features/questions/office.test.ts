// Citizens' questions by endpoint, the office: who sees which questions, each action (policy,
// version, history, audit, the applicant's mail), the 3-working-day forwarding window, the
// two-month extension, a question raised at an event, the retention; the due dates on real days.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, createAccount, mailsWrittenBy, signInFully, type TestAccount } from '../../../test/support/factories.js';
import { page } from '../../../test/support/page.js';
import { createOutreachEvent } from '../../../test/support/outreach-factories.js';
import { areaId, createDeputy } from '../../../test/support/registry-factories.js';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { systemContext } from '../../core/audit/audit.js';
import { translate } from '../../core/i18n/messages.js';
import { createCalendarService } from '../calendar/calendar.service.js';
import { createRegistryService } from '../registry/registry.service.js';
import { eraseExpiredApplicantData } from './deadlines.js';
import { createQuestionsService, type QuestionsService } from './questions.service.js';

let t: TestApp;
let service: QuestionsService;
let westArea = '';
let almatyArea = '';
let westStaff: TestAccount;
let almatyStaff: TestAccount;
let admin: TestAccount;
let deputy: { account: TestAccount; personId: string };
let otherDeputyPerson = '';
const browsers = new Map<string, Browser>();

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  service = createQuestionsService(db, { calendar: createCalendarService(db), registry: createRegistryService(db), mailer: t.app.mailer });
  westArea = await areaId(db, '270000000');
  almatyArea = await areaId(db, '750000000');
  westStaff = await createAccount(db, { grants: [{ role: 'maslikhat_staff', organizationSlug: 'maslikhat-270000000' }], language: 'ru' });
  almatyStaff = await createAccount(db, { grants: [{ role: 'maslikhat_staff', organizationSlug: 'maslikhat-750000000' }] });
  admin = await createAccount(db, { grants: [{ role: 'admin', organizationSlug: 'council-senate' }] });
  const westDeputy = await createDeputy(db, { maslikhat: '270000000', person: { name: { kk: 'Серік Әлиев', ru: 'Серик Алиев', en: 'Serik Aliyev' } } });
  deputy = { personId: westDeputy.personId, account: await createAccount(db, { personId: westDeputy.personId, grants: [{ role: 'deputy', organizationSlug: 'maslikhat-270000000' }] }) };
  otherDeputyPerson = (await createDeputy(db, { maslikhat: '750000000' })).personId;
});
afterAll(() => t.close());

async function as(account: TestAccount): Promise<Browser> {
  let b = browsers.get(account.id);
  if (!b) {
    b = new Browser(t.app);
    await signInFully(b, t.database.db, account);
    browsers.set(account.id, b);
  }
  return b;
}

const newEmail = () => `applicant-${randomBytes(6).toString('hex')}@example.kz`;

/** A question through the service, as the public form would register it (registered today unless `now`). */
async function question(options: { area?: string; language?: 'kk' | 'ru' | 'en'; now?: Date; email?: string | null } = {}) {
  const email = options.email === undefined ? newEmail() : options.email;
  const done = await service.submit(
    { areaId: options.area ?? westArea, settlement: 'Ақсай', name: 'Айгүл Сәрсенова', email, phone: '+7 701 000 00 01', body: 'Жол қашан жөнделеді?', language: options.language ?? 'kk' },
    await service.issueFormTime(),
    systemContext('test'),
    'https://kenes.example',
    options.now,
  );
  return { id: done.id!, token: done.token!, reference: done.reference!, email };
}

const row = (id: string) => t.database.db.selectFrom('citizen_question').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const listRefs = async (b: Browser, query = '') => page((await b.get(`/en/office/questions${query}`)).body).links().map((l) => l.text).filter((x) => x.startsWith('Q-'));

describe('the due date: 15 working days on Kazakhstan’s calendar, through the service', () => {
  // Registered [day] → due; the days are those checked by hand in core/calendar's table.
  const cases: [string, string, string][] = [
    ['2024-03-20', 'just before Nauryz 2024 (21–23 March, 25 March in lieu)', '2024-04-15'],
    ['2021-03-19', 'the Friday before Nauryz 2021', '2021-04-14'],
    ['2024-12-31', 'across the New Year 2025 (bridge day, working Sunday 5 January, Christmas)', '2025-01-24'],
    ['2022-12-20', 'across the New Year 2023', '2023-01-12'],
    ['2020-01-04', 'a Saturday before the transferred working day, Sunday 5 January 2020', '2020-01-24'],
    ['2020-12-15', 'before Independence Day 2020 and the working Sunday 20 December', '2021-01-12'],
    ['2021-03-20', 'on a weekend (Saturday)', '2021-04-14'],
  ];
  it.each(cases)('registered %s (%s) is due %s', async (day, _what, due) => {
    const q = await question({ now: new Date(`${day}T06:00:00Z`) });
    const stored = await row(q.id);
    expect(stored.registered_on).toBe(day);
    expect(stored.due_date).toBe(due);
  });

  it('a year the calendar does not know: registered all the same, due date empty and flagged for the office', async () => {
    const q = await question({ now: new Date('2019-12-20T06:00:00Z') });
    expect((await row(q.id)).due_date).toBeNull();
    const p = page((await (await as(westStaff)).get(`/en/office/questions/${q.id}`)).body);
    expect(p.text('.notice')).toContain(translate('en', 'questions.dueUnknownFlag'));
    expect(p.definition(translate('en', 'questions.dueDate'))).toBe(translate('en', 'questions.dueUnknown'));
  });
});

describe('GET /:lang/office/questions', () => {
  it('shows the maslikhat’s staff their maslikhat’s questions, a deputy those assigned to them, the secretariat and admins all', async () => {
    const west = await question();
    const almaty = await question({ area: almatyArea });
    const westList = await listRefs(await as(westStaff));
    expect(westList).toContain(west.reference);
    expect(westList).not.toContain(almaty.reference);
    expect(await listRefs(await as(almatyStaff))).toContain(almaty.reference);
    expect(await listRefs(await as(deputy.account))).not.toContain(west.reference);
    const all = await listRefs(await as(admin));
    expect(all).toEqual(expect.arrayContaining([west.reference, almaty.reference]));
  });

  it('filters by state and by overdue; an unknown filter is no filter', async () => {
    const late = await question({ now: new Date('2026-10-01T06:00:00Z') });
    const fresh = await question();
    const b = await as(westStaff);
    const overdue = await listRefs(b, '?overdue=1');
    expect(overdue).toContain(late.reference);
    expect(overdue).not.toContain(fresh.reference);
    await b.post(`/en/office/questions/${fresh.id}/take`, { version: '1' });
    const inWork = await listRefs(b, '?state=in_work');
    expect(inWork).toContain(fresh.reference);
    expect(inWork).not.toContain(late.reference);
    expect((await b.get('/en/office/questions?state=nonsense&page=x')).statusCode).toBe(200);
  });

  it('is for staff only: anonymous visitors sign in, a citizen-less account is refused', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/en/office/questions' })).statusCode).toBe(303);
    const nobody = await createAccount(t.database.db);
    const b = new Browser(t.app);
    await b.signIn(nobody);
    expect((await b.get('/en/office/questions')).statusCode).toBe(403);
  });
});

describe('GET /:lang/office/questions/:id', () => {
  it('shows the applicant’s details to those who handle it, and is not found for another region’s staff', async () => {
    const q = await question();
    const p = page((await (await as(westStaff)).get(`/en/office/questions/${q.id}`)).body);
    expect(p.heading).toBe(translate('en', 'questions.questionTitle', { reference: q.reference }));
    expect(p.definition(translate('en', 'questions.contact'))).toContain(q.email!);
    expect((await (await as(almatyStaff)).get(`/en/office/questions/${q.id}`)).statusCode).toBe(404);
    expect((await (await as(westStaff)).get('/en/office/questions/not-an-id')).statusCode).toBe(404);
  });
});

describe('POST /:lang/office/questions/:id/take', () => {
  it('takes it into work: history, audit, the applicant mailed in their language; a stale form is a 409', async () => {
    const q = await question({ language: 'ru' });
    const b = await as(westStaff);
    const { result, mails } = await mailsWrittenBy(t.database.db, () => b.post(`/en/office/questions/${q.id}/take`, { version: '1' }));
    expect(result.statusCode).toBe(303);
    expect((await row(q.id)).state).toBe('in_work');
    expect(mails.map((m) => [m.recipient, m.subject])).toEqual([[q.email, translate('ru', 'questions.mail.subjectStep', { reference: q.reference })]]);
    expect(mails[0]?.body_text).toContain(translate('ru', 'questions.mail.taken', { reference: q.reference }));
    const audit = await t.database.db.selectFrom('audit_event').select(['action', 'actor_account_id']).where('entity_id', '=', q.id).where('action', '=', 'take').executeTakeFirstOrThrow();
    expect(audit.actor_account_id).toBe(westStaff.id);
    expect((await b.post(`/en/office/questions/${q.id}/take`, { version: '1' })).statusCode).toBe(409);
    expect((await (await as(almatyStaff)).post(`/en/office/questions/${q.id}/take`, { version: '2' })).statusCode).toBe(404);
  });
});

describe('POST /:lang/office/questions/:id/assign', () => {
  it('assigns to a deputy of that maslikhat, who then sees and handles it; another maslikhat’s deputy is refused', async () => {
    const q = await question();
    const b = await as(westStaff);
    const refused = await b.post(`/en/office/questions/${q.id}/assign`, { assignee: otherDeputyPerson, version: '1' });
    expect(refused.statusCode).toBe(400);
    expect(page(refused.body).errorSummary().map((e) => e.text)).toEqual([translate('en', 'questions.assigneeMissing')]);
    expect((await b.post(`/en/office/questions/${q.id}/assign`, { assignee: deputy.personId, version: '1' })).statusCode).toBe(303);
    expect((await row(q.id)).assignee_person_id).toBe(deputy.personId);
    const d = await as(deputy.account);
    expect(await listRefs(d)).toContain(q.reference);
    expect((await d.post(`/en/office/questions/${q.id}/take`, { version: '2' })).statusCode).toBe(303);
  });
});

describe('POST /:lang/office/questions/:id/forward', () => {
  it('forwards within 3 working days of registration, with notice; the applicant sees where', async () => {
    const q = await question({ language: 'en' });
    const b = await as(westStaff);
    const { result, mails } = await mailsWrittenBy(t.database.db, () => b.post(`/en/office/questions/${q.id}/forward`, { forwardedTo: 'Akimat of Aksai', version: '1' }));
    expect(result.statusCode).toBe(303);
    expect(mails[0]?.body_text).toContain('Akimat of Aksai');
    const track = page((await t.app.inject({ method: 'GET', url: `/en/questions/track/${q.token}` })).body);
    expect(track.definition(translate('en', 'questions.forwardedTo'))).toBe('Akimat of Aksai');
    expect(track.text('ol')).toContain(translate('en', 'questions.action.forwarded'));
  });

  it('refuses later than that with a clear error, and refuses an empty body', async () => {
    const q = await question({ now: new Date('2026-11-02T06:00:00Z') });
    const b = await as(westStaff);
    const late = await b.post(`/en/office/questions/${q.id}/forward`, { forwardedTo: 'Akimat', version: '1' });
    expect(late.statusCode).toBe(400);
    expect(page(late.body).errorSummary()[0]?.text).toMatch(/within 3 working days/);
    const empty = await b.post(`/en/office/questions/${q.id}/forward`, { forwardedTo: '', version: '1' });
    expect(page(empty.body).errorSummary().map((e) => e.text)).toEqual([translate('en', 'questions.forwardedToMissing')]);
    expect((await row(q.id)).state).toBe('registered');
  });
});

describe('POST /:lang/office/questions/:id/answer and /close', () => {
  it('answers (the applicant reads the answer by the link, and is mailed it), then closes', async () => {
    const q = await question({ language: 'kk' });
    const b = await as(westStaff);
    const { mails } = await mailsWrittenBy(t.database.db, () => b.post(`/en/office/questions/${q.id}/answer`, { answer: 'Жол 2027 жылы жөнделеді.', version: '1' }));
    expect(mails[0]?.body_text).toContain('Жол 2027 жылы жөнделеді.');
    const track = page((await t.app.inject({ method: 'GET', url: `/kk/questions/track/${q.token}` })).body);
    expect(track.text('main')).toContain('Жол 2027 жылы жөнделеді.');
    expect(track.definition(translate('kk', 'questions.stateLabel'))).toBe(translate('kk', 'questions.state.answered'));
    expect((await b.post(`/en/office/questions/${q.id}/close`, { version: '2' })).statusCode).toBe(303);
    expect((await row(q.id)).state).toBe('closed');
    const again = await b.post(`/en/office/questions/${q.id}/answer`, { answer: 'x', version: '3' });
    expect(page(again.body).errorSummary()).toEqual([{ text: translate('en', 'questions.actionNotNow'), href: '#field-action' }]);
    expect(page(again.body).document.getElementById('field-action')?.textContent).toBe(translate('en', 'questions.state.closed'));
  });
});

describe('POST /:lang/office/questions/:id/extend', () => {
  it('extends up to two months past the original due date with a reason and a notice; further or without a reason is refused', async () => {
    const q = await question({ now: new Date('2024-03-20T06:00:00Z') });
    const b = await as(westStaff);
    const tooFar = await b.post(`/en/office/questions/${q.id}/extend`, { date: '2024-06-16', reason: 'Awaiting the akimat', version: '1' });
    expect(page(tooFar.body).errorSummary()[0]?.text).toBe(translate('en', 'questions.extendTooFar', { date: '15 June 2024' }));
    const noReason = await b.post(`/en/office/questions/${q.id}/extend`, { date: '2024-06-15', reason: '', version: '1' });
    expect(page(noReason.body).errorSummary().map((e) => e.text)).toEqual([translate('en', 'questions.extendReasonMissing')]);
    const { result, mails } = await mailsWrittenBy(t.database.db, () => b.post(`/en/office/questions/${q.id}/extend`, { date: '2024-06-15', reason: 'Awaiting the akimat', version: '1' }));
    expect(result.statusCode).toBe(303);
    expect(mails[0]?.body_text).toContain('Awaiting the akimat');
    expect(await row(q.id)).toMatchObject({ due_date: '2024-04-15', extended_due_date: '2024-06-15', extension_reason: 'Awaiting the akimat' });
    const track = page((await t.app.inject({ method: 'GET', url: `/en/questions/track/${q.token}` })).body);
    expect(track.definition(translate('en', 'questions.extensionReason'))).toBe('Awaiting the akimat');
  });
});

describe('POST /:lang/office/questions/new', () => {
  it('registers a question raised at an event, the consent recorded by staff; refuses one without consent or for another region', async () => {
    const b = await as(westStaff);
    const form = { name: 'Болат Нұрланов', email: newEmail(), phone: '', region: westArea, settlement: '', text: 'Мектеп қашан салынады?', consent: 'yes' };
    const noConsent = await b.post('/en/office/questions/new', { ...form, consent: '' });
    expect(page(noConsent.body).errorSummary().map((e) => e.text)).toEqual([translate('en', 'questions.consentMissing')]);
    const elsewhere = await b.post('/en/office/questions/new', { ...form, region: almatyArea });
    expect(page(elsewhere.body).errorSummary().map((e) => e.text)).toEqual([translate('en', 'questions.regionMissing')]);
    const res = await b.post('/en/office/questions/new', form);
    expect(res.statusCode).toBe(303);
    const stored = await t.database.db.selectFrom('citizen_question').selectAll().where('contact_email', '=', form.email).executeTakeFirstOrThrow();
    expect(stored).toMatchObject({ channel: 'event', consent_recorded_by: westStaff.id });
  });

  it('registers one question when the same form is sent twice — one after the other or at once — and one mail; a new form registers anew', async () => {
    const b = await as(westStaff);
    const tokenOf = async () => page((await b.get('/en/office/questions/new')).body).document.querySelector('input[name=formToken]')?.getAttribute('value') ?? '';
    const email = newEmail();
    const form = { name: 'Асель Жұмабекова', email, phone: '', region: westArea, settlement: '', text: 'Аялдама қашан салынады?', consent: 'yes', formToken: await tokenOf() };
    const count = async () => (await t.database.db.selectFrom('citizen_question').select('id').where('contact_email', '=', email).execute()).length;
    const { result, mails } = await mailsWrittenBy(t.database.db, async () => {
      const first = await b.post('/en/office/questions/new', form);
      const again = await b.post('/en/office/questions/new', form);
      const together = await Promise.all([b.post('/en/office/questions/new', form), b.post('/en/office/questions/new', form)]);
      return [first, again, ...together];
    });
    expect(result.map((r) => r.statusCode)).toEqual([303, 303, 303, 303]);
    expect(new Set(result.map((r) => r.headers.location)).size).toBe(1);
    expect(await count()).toBe(1);
    expect(mails.filter((m) => m.recipient === email)).toHaveLength(1);
    expect((await b.post('/en/office/questions/new', { ...form, formToken: await tokenOf() })).statusCode).toBe(303);
    expect(await count()).toBe(2);
  });
});

describe('GET/POST /:lang/office/questions/new?event= (a question raised at an outreach event)', () => {
  it('is offered on the event’s page, names the event with its region chosen, links both ways, and lists the question with its state on the event', async () => {
    const db = t.database.db;
    const eventId = await createOutreachEvent(db, { maslikhat: '270000000', kind: 'meeting_with_voters', startsAt: new Date('2020-10-12T06:00:00Z') });
    const b = await as(westStaff);
    const eventPage = async () => page((await b.get(`/en/office/outreach/${eventId}`)).body);
    const before = await eventPage();
    expect(before.byRole('region', { name: translate('en', 'questions.atEventTitle') }).textContent).toContain(translate('en', 'questions.atEventNone'));
    const offer = before.href(translate('en', 'questions.registerAtEvent'));
    expect(offer).toBe(`/en/office/questions/new?event=${eventId}`);

    const form = page((await b.get(offer)).body);
    expect(form.href('Meeting with voters: 12 October 2020 at 11:00')).toBe(`/en/office/outreach/${eventId}`);
    expect(form.value(translate('en', 'questions.region'))).toBe(westArea);
    // About the applicant, not the staff member: the browser does not fill in their own name.
    expect(form.byLabel(translate('en', 'questions.applicantName')).getAttribute('autocomplete')).toBe('off');
    expect(form.byLabel(translate('en', 'questions.applicantText')).tagName).toBe('TEXTAREA');
    const answers = { name: 'Болат Нұрланов', email: newEmail(), phone: '', region: westArea, settlement: '', text: 'Аурухана қашан ашылады?', consent: 'yes', event: eventId };
    // Sent back with a problem, the form still names the event.
    const refused = page((await b.post('/en/office/questions/new', { ...answers, consent: '' })).body);
    expect(refused.document.querySelector('input[name=event]')?.getAttribute('value')).toBe(eventId);
    const res = await b.post('/en/office/questions/new', answers);
    expect(res.statusCode).toBe(303);
    const stored = await db.selectFrom('citizen_question').select(['id', 'reference', 'outreach_event_id']).where('contact_email', '=', answers.email).executeTakeFirstOrThrow();
    expect(stored.outreach_event_id).toBe(eventId);
    expect(res.headers.location).toBe(`/en/office/questions/${stored.id}`);
    expect(page((await b.get(`/en/office/questions/${stored.id}`)).body).href('Meeting with voters: 12 October 2020 at 11:00')).toBe(`/en/office/outreach/${eventId}`);

    const after = (await eventPage()).byRole('region', { name: translate('en', 'questions.atEventTitle') });
    expect(after.textContent).toContain(`${stored.reference} — ${translate('en', 'questions.state.registered')}`);
  });

  it('assigns a question a deputy registers to that deputy, who then follows it up', async () => {
    const db = t.database.db;
    const eventId = await createOutreachEvent(db, { maslikhat: '270000000', startsAt: new Date('2020-10-13T06:00:00Z') });
    const b = await as(deputy.account);
    const answers = { name: 'Гүлмира Ахметова', email: '', phone: '+7 701 000 00 02', region: westArea, settlement: 'Ақсай', text: 'Су құбыры қашан тартылады?', consent: 'yes', event: eventId };
    const res = await b.post('/en/office/questions/new', answers);
    expect(res.statusCode).toBe(303);
    const stored = await db.selectFrom('citizen_question').select(['id', 'assignee_person_id']).where('contact_phone', '=', answers.phone).where('outreach_event_id', '=', eventId).executeTakeFirstOrThrow();
    expect(stored.assignee_person_id).toBe(deputy.personId);
    expect(res.headers.location).toBe(`/en/office/questions/${stored.id}`);
    expect((await b.get(`/en/office/questions/${stored.id}`)).statusCode).toBe(200);
  });

  it('shows a question whose event the reader may not open without the event’s link', async () => {
    const db = t.database.db;
    const almatyEvent = await createOutreachEvent(db, { maslikhat: '750000000', startsAt: new Date('2020-10-15T06:00:00Z') });
    const q = await question();
    await db.updateTable('citizen_question').set({ outreach_event_id: almatyEvent }).where('id', '=', q.id).execute();
    const shown = await (await as(westStaff)).get(`/en/office/questions/${q.id}`);
    expect(shown.statusCode).toBe(200);
    expect(page(shown.body).links().map((l) => l.href)).not.toContain(`/en/office/outreach/${almatyEvent}`);
    const admins = page((await (await as(admin)).get(`/en/office/questions/${q.id}`)).body);
    expect(admins.links().map((l) => l.href)).toContain(`/en/office/outreach/${almatyEvent}`);
  });

  it('is not found for an unknown event or another maslikhat’s, and a malformed one is a problem at the form', async () => {
    const db = t.database.db;
    const almatyEvent = await createOutreachEvent(db, { maslikhat: '750000000', startsAt: new Date('2020-10-14T06:00:00Z') });
    const b = await as(westStaff);
    expect((await b.get('/en/office/questions/new?event=01890000-0000-7000-8000-000000000000')).statusCode).toBe(404);
    expect((await b.get(`/en/office/questions/new?event=${almatyEvent}`)).statusCode).toBe(403);
    const answers = { name: 'Болат Нұрланов', email: newEmail(), phone: '', region: westArea, settlement: '', text: 'Мектеп?', consent: 'yes' };
    expect((await b.post('/en/office/questions/new', { ...answers, event: almatyEvent })).statusCode).toBe(403);
    const malformed = await b.post('/en/office/questions/new', { ...answers, event: 'not-an-event' });
    expect(malformed.statusCode).toBe(400);
    expect(page(malformed.body).errorSummary().map((e) => e.text)).toEqual([translate('en', 'questions.eventUnknown')]);
  });
});

describe('GET/POST /:lang/office/questions/retention', () => {
  it('lets administrators set the retention (version-checked); others are refused', async () => {
    expect((await (await as(westStaff)).get('/en/office/questions/retention')).statusCode).toBe(403);
    const b = await as(admin);
    const p = page((await b.get('/en/office/questions/retention')).body);
    const version = p.document.querySelector('input[name=version]')?.getAttribute('value') ?? '';
    const bad = await b.post('/en/office/questions/retention', { months: '0', version });
    expect(page(bad.body).errorSummary().map((e) => e.text)).toEqual([translate('en', 'questions.retentionInvalid')]);
    expect((await b.post('/en/office/questions/retention', { months: '24', version })).statusCode).toBe(303);
    expect((await b.post('/en/office/questions/retention', { months: '12', version })).statusCode).toBe(409);
    expect((await service.retention()).months).toBe(24);
  });
});

describe('the retention job', () => {
  it('erases the applicant’s name, contact and settlement of questions closed longer ago; the tracking page says so', async () => {
    const old = await question();
    const recent = await question();
    const db = t.database.db;
    const { months } = await service.retention();
    const longAgo = new Date(Date.now() - (months + 1) * 31 * 86_400_000);
    await db.updateTable('citizen_question').set({ state: 'closed', closed_at: longAgo }).where('id', '=', old.id).execute();
    await db.updateTable('citizen_question').set({ state: 'closed', closed_at: new Date() }).where('id', '=', recent.id).execute();
    expect(await eraseExpiredApplicantData(db)).toBeGreaterThanOrEqual(1);
    expect(await row(old.id)).toMatchObject({ applicant_name: null, contact_email: null, contact_phone: null, settlement: null, body: 'Жол қашан жөнделеді?' });
    expect((await row(old.id)).personal_data_erased_at).not.toBeNull();
    expect((await row(recent.id)).contact_email).toBe(recent.email);
    const track = page((await t.app.inject({ method: 'GET', url: `/en/questions/track/${old.token}` })).body);
    expect(track.text('.notice')).toBe(translate('en', 'questions.trackErased'));
  });
});

describe('the questions’ figures (for outreach statistics and open data)', () => {
  it('counts per maslikhat raised, answered, answered on time, forwarded and overdue, with nothing about applicants', async () => {
    const db = t.database.db;
    const westId = (await db.selectFrom('organization').select('id').where('slug', '=', 'maslikhat-270000000').executeTakeFirstOrThrow()).id;
    const day = '2025-02-03';
    const onTime = await question({ now: new Date(`${day}T06:00:00Z`) });
    const late = await question({ now: new Date(`${day}T06:00:00Z`) });
    await question({ now: new Date(`${day}T06:00:00Z`) }); // still open, past its deadline
    const due = (await row(onTime.id)).due_date!;
    await db.updateTable('citizen_question').set({ state: 'answered', answered_at: new Date(`${due}T10:00:00+05:00`) }).where('id', '=', onTime.id).execute();
    await db.updateTable('citizen_question').set({ state: 'answered', answered_at: new Date(`${due}T10:00:00+05:00`), due_date: '2025-02-04' }).where('id', '=', late.id).execute();
    const figures = await service.figures({ from: day, to: day, organizationIds: [westId] });
    expect(figures).toEqual([{ organizationId: westId, raised: 3, answered: 2, answeredOnTime: 1, forwarded: 0, overdue: 1 }]);
  });
});

describe('GET /:lang/office/questions.csv', () => {
  it('downloads the list in scope with its filters, in the page’s language, without applicants’ names or contacts', async () => {
    const west = await question({ language: 'ru' });
    const almaty = await question({ area: almatyArea });
    const b = await as(westStaff);
    const link = page((await b.get('/ru/office/questions?state=registered')).body).href(translate('ru', 'questions.csvLink'));
    expect(link).toBe('/ru/office/questions.csv?state=registered');
    const res = await b.get(link);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toMatch(/attachment; filename="kenes-questions-\d{4}-\d{2}-\d{2}\.csv"/);
    const lines = res.body.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe([translate('ru', 'questions.reference'), translate('ru', 'questions.maslikhat'), translate('ru', 'questions.stateLabel'), translate('ru', 'questions.registeredOn'), translate('ru', 'questions.dueDate'), translate('ru', 'questions.overdue'), translate('ru', 'questions.assignee'), translate('ru', 'questions.channelLabel')].join(','));
    const mine = lines.find((l) => l.startsWith(`${west.reference},`));
    expect(mine).toContain(translate('ru', 'questions.state.registered'));
    expect(lines.some((l) => l.startsWith(`${almaty.reference},`))).toBe(false);
    for (const secret of [west.email!, 'Сәрсенова', '701 000 00 01']) expect(res.body).not.toContain(secret);
  });
});
