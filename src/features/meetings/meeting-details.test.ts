// Changing a scheduled meeting's details: the form, the checks, and what invitees are told.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, createAccount, mailsWrittenBy, signInFully, type TestAccount } from '../../../test/support/factories.js';
import { createMeeting, type MeetingInput } from '../../../test/support/meeting-factories.js';
import { page } from '../../../test/support/page.js';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';
import type { LocalizedText } from '../../core/i18n/localized-text.js';
import { sendAgendaNotices } from './agenda-notices.js';

let t: TestApp;
let clerk: Browser;
let west: Browser;
let westRu: TestAccount;

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  const secretariat = await createAccount(db, { grants: [{ role: 'secretariat', organizationSlug: 'council-senate' }] });
  clerk = new Browser(t.app);
  await signInFully(clerk, db, secretariat);
  westRu = await createAccount(db, { email: 'west-ru@example.kz', displayName: 'Кульшар М.', grants: [{ role: 'maslikhat_staff', organizationSlug: 'maslikhat-270000000' }], language: 'ru' });
  west = new Browser(t.app);
  await west.signIn(westRu);
});
afterAll(() => t.close());

/** A meeting on 10 December 2026 at 11:00 in Astana, hybrid, West Kazakhstan invited. */
const meeting = (input: MeetingInput = {}) =>
  createMeeting(t.database.db, {
    number: 21,
    title: { kk: 'Мәслихаттардың Жолдауды іске асыруға қатысуы', ru: 'Об участии маслихатов в реализации Послания' },
    startsAt: '2026-12-10T11:00',
    place: { kk: 'Астана, Парламент үйі', ru: 'Астана, здание Парламента' },
    format: 'hybrid',
    videoUrl: 'https://meet.jit.si/kenes-council-21',
    agenda: [{ title: { kk: 'Жолдауды іске асыру', ru: 'О реализации Послания' } }],
    invitations: [{ kato: '270000000' }],
    ...input,
  });

/** The form as the edit page fills it for the meeting above; overrides change it. */
const form = (overrides: Record<string, string> = {}) => ({
  version: '1',
  kind: 'regular',
  number: '21',
  date: '2026-12-10',
  time: '11:00',
  titleKk: 'Мәслихаттардың Жолдауды іске асыруға қатысуы',
  titleRu: 'Об участии маслихатов в реализации Послания',
  titleEn: '',
  placeKk: 'Астана, Парламент үйі',
  placeRu: 'Астана, здание Парламента',
  format: 'hybrid',
  videoUrl: 'https://meet.jit.si/kenes-council-21',
  ...overrides,
});

const row = (id: string) => t.database.db.selectFrom('meeting').select(['starts_at', 'video_url', 'place', 'format', 'title', 'number', 'status', 'version']).where('id', '=', id).executeTakeFirstOrThrow();
const changes = async (id: string) =>
  (await t.database.db.selectFrom('agenda_change').select('summary').where('meeting_id', '=', id).orderBy('changed_at').orderBy('id').execute()).map((c) => c.summary as LocalizedText);
const sequence = async (id: string) => /SEQUENCE:(\d+)/.exec((await t.app.inject({ method: 'GET', url: `/en/meetings/${id}.ics` })).body)?.[1];

/** The version the form was read at, as it will send it back. */
const versionRead = (html: string) => [...page(html).document.querySelectorAll('form input[name="version"]')].map((input) => input.getAttribute('value'));

describe('GET /:lang/office/meetings/:id/edit', () => {
  it('shows the scheduling form filled in with the details, the time on the meeting’s own clock, and the version read', async () => {
    const m = await meeting();
    const res = await clerk.get(`/ru/office/meetings/${m.id}/edit`);
    expect(res.statusCode).toBe(200);
    const edit = page(res.body);
    expect(edit.title).toMatch(/^Изменение сведений о заседании/);
    const forms = edit.allByRole('form').filter((f) => f.getAttribute('method') === 'post' && f.getAttribute('action') === `/ru/office/meetings/${m.id}/edit`);
    expect(forms).toHaveLength(1);
    expect(versionRead(res.body)).toContain('1');
    expect(edit.value('Дата')).toBe('2026-12-10');
    expect(edit.value('Время начала')).toBe('11:00');
    expect(edit.value('Место на русском')).toBe('Астана, здание Парламента');
    expect(edit.value('Ссылка на видеоконференцию')).toBe('https://meet.jit.si/kenes-council-21');
    expect(edit.text('main')).toContain('приглашённым будет сообщено');
    expect(forms[0]!.contains(edit.byRole('button', { name: 'Сохранить изменения' }))).toBe(true);
  });

  it('is linked from the meeting’s office page; a postponed meeting’s page says to change the date before announcing again', async () => {
    const m = await meeting({ status: 'postponed', statusReason: { ru: 'Совпадает с сессией' } });
    const office = page((await clerk.get(`/en/office/meetings/${m.id}`)).body);
    expect(office.href('Change the details')).toBe(`/en/office/meetings/${m.id}/edit`);
    expect(office.text('main')).toContain('Change the date and time in its details first, then announce it again.');
  });

  it('refuses a held meeting (400), saying why, and offers no link to it', async () => {
    const m = await meeting({ status: 'held', startsAt: '2026-11-12T11:00' });
    const res = await clerk.get(`/kk/office/meetings/${m.id}/edit`);
    expect(res.statusCode).toBe(400);
    expect(page(res.body).text('main')).toContain('Отырыстың мәліметтерін ол басталғанға дейін ғана өзгертуге болады');
    const office = page((await clerk.get(`/en/office/meetings/${m.id}`)).body);
    expect(office.links('Change the details')).toEqual([]);
    expect(office.text()).not.toContain('Change the details');
  });
});

describe('POST /:lang/office/meetings/:id/edit', () => {
  it('changes a draft’s details without telling anyone; the change is audited', async () => {
    const m = await meeting({ status: 'draft' });
    const res = await clerk.post(`/en/office/meetings/${m.id}/edit`, form({ number: '22', time: '15:00', titleEn: 'Maslikhats in implementing the Address' }));
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/en/office/meetings/${m.id}`);
    const after = await row(m.id);
    expect(after).toMatchObject({ number: 22, version: 2, status: 'draft', title: { kk: 'Мәслихаттардың Жолдауды іске асыруға қатысуы', ru: 'Об участии маслихатов в реализации Послания', en: 'Maslikhats in implementing the Address' } });
    expect(after.starts_at.toISOString()).toBe('2026-12-10T10:00:00.000Z');
    expect(await changes(m.id)).toEqual([]);
    const events = await sql<{ action: string }>`select action from audit_event where entity = 'meeting' and entity_id = ${m.id}`.execute(t.database.db);
    expect(events.rows.map((e) => e.action)).toEqual(['details_changed']);
  });

  it('moves an announced meeting and changes its link: two tracked changes in kk, ru and en, mailed to invitees; the version and the .ics SEQUENCE move on; audited', async () => {
    // Whatever other tests' meetings have left untold is told first, so the run below mails this meeting's changes alone.
    const notices = { db: t.database.db, mailer: t.app.mailer, baseUrl: 'https://kenes.example.kz' };
    await sendAgendaNotices(notices, new Date('2026-12-01T06:00:00Z'));
    const m = await meeting();
    expect(await sequence(m.id)).toBe('0');
    const res = await clerk.post(`/en/office/meetings/${m.id}/edit`, form({ date: '2026-12-12', time: '15:00', videoUrl: 'https://meet.jit.si/kenes-council-21-b' }));
    expect(res.statusCode).toBe(303);

    const after = await row(m.id);
    expect(after.starts_at.toISOString()).toBe('2026-12-12T10:00:00.000Z');
    expect(after.video_url).toBe('https://meet.jit.si/kenes-council-21-b');
    expect(after.version).toBe(2);
    expect(await sequence(m.id)).toBe('1');
    expect(await changes(m.id)).toEqual([
      {
        kk: 'Күні мен уақыты өзгертілді: 2026 жылғы 10 желтоқсан, 11:00 → 2026 жылғы 12 желтоқсан, 15:00',
        ru: 'Дата и время изменены: 10 декабря 2026 г. в 11:00 → 12 декабря 2026 г. в 15:00',
        en: 'Date and time changed: 10 December 2026 at 11:00 → 12 December 2026 at 15:00',
      },
      {
        kk: 'Бейнеконференцияның жаңа сілтемесі: https://meet.jit.si/kenes-council-21-b',
        ru: 'Новая ссылка на видеоконференцию: https://meet.jit.si/kenes-council-21-b',
        en: 'New video-conference link: https://meet.jit.si/kenes-council-21-b',
      },
    ]);

    const audit = await sql<{ action: string; before: Record<string, unknown>; after: Record<string, unknown> }>`
      select action, before, after from audit_event where entity = 'meeting' and entity_id = ${m.id}`.execute(t.database.db);
    expect(audit.rows).toHaveLength(1);
    expect(audit.rows[0]).toMatchObject({
      action: 'details_changed',
      before: { starts_at: '2026-12-10T06:00:00.000Z', video_url: 'https://meet.jit.si/kenes-council-21' },
      after: { starts_at: '2026-12-12T10:00:00.000Z', video_url: 'https://meet.jit.si/kenes-council-21-b' },
    });

    // The invitees see the changes with the invitation, and the agenda-notices job mails them.
    const invitations = page((await west.get('/ru/office/invitations')).body);
    expect(invitations.allByRole('listitem').map((li) => li.textContent ?? '').filter((entry) => entry.endsWith('Дата и время изменены: 10 декабря 2026 г. в 11:00 → 12 декабря 2026 г. в 15:00'))).toHaveLength(1);
    const { result: report, mails } = await mailsWrittenBy(t.database.db, () => sendAgendaNotices(notices, new Date('2026-12-01T06:05:00Z')));
    expect(report.sent).toEqual([{ meetingId: m.id, changes: 2, recipients: 1 }]);
    expect(mails.map((mail) => mail.recipient)).toEqual([westRu.email]);
    const mail = mails[0]!;
    expect(mail.body_text).toContain('Дата и время: 12 декабря 2026 г. в 15:00 (UTC+05:00)');
    expect(mail.body_text).toMatch(/– .+: Дата и время изменены: 10 декабря 2026 г\. в 11:00 → 12 декабря 2026 г\. в 15:00\n– .+: Новая ссылка на видеоконференцию: https:\/\/meet\.jit\.si\/kenes-council-21-b\n/);
  });

  it('tells invitees of a new place and format, and that the link is gone', async () => {
    const m = await meeting();
    expect((await clerk.post(`/en/office/meetings/${m.id}/edit`, form({ placeKk: 'Астана, Сенат', placeRu: 'Астана, Сенат', format: 'in_person' }))).statusCode).toBe(303);
    expect((await row(m.id)).video_url).toBeNull();
    expect((await changes(m.id)).map((c) => c.ru)).toEqual([
      'Место проведения изменено: Астана, здание Парламента → Астана, Сенат',
      'Формат изменён: «Смешанный: в зале и по видеосвязи» → «Очно»',
      'Ссылка на видеоконференцию удалена',
    ]);
  });

  it('changes nothing when the form comes back unchanged', async () => {
    const m = await meeting();
    expect((await clerk.post(`/en/office/meetings/${m.id}/edit`, form())).statusCode).toBe(303);
    expect((await row(m.id)).version).toBe(1);
    expect(await changes(m.id)).toEqual([]);
  });

  it('moves a postponed meeting to a new date, which is then announced again', async () => {
    const m = await meeting({ status: 'postponed', statusReason: { ru: 'Совпадает с сессией' } });
    expect((await clerk.post(`/en/office/meetings/${m.id}/edit`, form({ date: '2027-01-14' }))).statusCode).toBe(303);
    expect((await clerk.post(`/en/office/meetings/${m.id}/status`, { action: 'reschedule', version: '2' })).statusCode).toBe(303);
    const after = await row(m.id);
    expect(after.status).toBe('announced');
    expect(after.starts_at.toISOString()).toBe('2027-01-14T06:00:00.000Z');
    expect((await changes(m.id)).map((c) => c.en)).toEqual(['Date and time changed: 10 December 2026 at 11:00 → 14 January 2027 at 11:00']);
  });

  it('explains a bad form in the page’s language and keeps every answer and the version read (400)', async () => {
    const m = await meeting();
    const res = await clerk.post(`/ru/office/meetings/${m.id}/edit`, form({ date: '12.12.2026', time: '25:00', titleKk: '', titleRu: '', videoUrl: 'zoom' }));
    expect(res.statusCode).toBe(400);
    const bad = page(res.body);
    expect(bad.title).toMatch(/^Ошибка: Изменение сведений о заседании/);
    expect(bad.errorSummary().map((e) => e.text)).toEqual([
      'Введите дату в формате ГГГГ-ММ-ДД, например 2027-01-31.',
      'Введите время в формате ЧЧ:ММ, например 11:00.',
      'Введите тему на казахском или русском.',
      'Для онлайн или смешанного заседания введите ссылку, начинающуюся с https://.',
    ]);
    expect(bad.fieldError('Время начала')).toBe('Введите время в формате ЧЧ:ММ, например 11:00.');
    expect(bad.fieldError('Ссылка на видеоконференцию')).toBe('Для онлайн или смешанного заседания введите ссылку, начинающуюся с https://.');
    expect(bad.value('Дата')).toBe('12.12.2026');
    expect(bad.value('Время начала')).toBe('25:00');
    expect(bad.value('Ссылка на видеоконференцию')).toBe('zoom');
    expect(versionRead(res.body)).toContain('1');
    expect((await row(m.id)).version).toBe(1);
  });

  it('refuses a stale form (409): someone changed the meeting after it was opened', async () => {
    const m = await meeting();
    expect((await clerk.post(`/en/office/meetings/${m.id}/edit`, form({ time: '12:00' }))).statusCode).toBe(303);
    const stale = await clerk.post(`/en/office/meetings/${m.id}/edit`, form({ videoUrl: 'https://meet.jit.si/other' }));
    expect(stale.statusCode).toBe(409);
    expect((await row(m.id)).video_url).toBe('https://meet.jit.si/kenes-council-21');
  });

  it('refuses a held meeting (400), saying why', async () => {
    const m = await meeting({ status: 'held', startsAt: '2026-11-12T11:00' });
    const res = await clerk.post(`/en/office/meetings/${m.id}/edit`, form({ date: '2026-11-13' }));
    expect(res.statusCode).toBe(400);
    expect(page(res.body).text('main')).toContain('A meeting’s details can be changed only before it starts');
    expect((await row(m.id)).starts_at.toISOString()).toBe('2026-11-12T06:00:00.000Z');
  });

  it('is the secretariat’s: maslikhat staff are refused (403)', async () => {
    const m = await meeting();
    expect((await west.get(`/en/office/meetings/${m.id}/edit`)).statusCode).toBe(403);
    expect((await west.post(`/en/office/meetings/${m.id}/edit`, form({ time: '12:00' }))).statusCode).toBe(403);
    expect((await row(m.id)).version).toBe(1);
  });
});
