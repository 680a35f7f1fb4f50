import { sql } from 'kysely';
import { pino } from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createAccount, mailsWrittenBy, type TestAccount } from '../../../test/support/factories.js';
import { createMeeting, invitePerson, type CreatedMeeting } from '../../../test/support/meeting-factories.js';
import { createCouncilMember } from '../../../test/support/registry-factories.js';
import { databaseUrlFor } from '../../../test/support/template.js';
import { createTestDatabase, usingPostgres } from '../../../test/support/test-db.js';
import type { DatabaseHandle } from '../../core/db/connect.js';
import type { LocalizedText } from '../../core/i18n/localized-text.js';
import { newId } from '../../core/ids.js';
import { startJobs } from '../../core/jobs/jobs.js';
import type { MailMessageRow } from '../../core/mail/mail.repository.js';
import { createMailer, type Mailer } from '../../core/mail/mailer.js';
import { agendaNoticesCron, agendaNoticesJob, registerAgendaNotices, sendAgendaNotices, type AgendaNoticeDeps } from './agenda-notices.js';

let database: DatabaseHandle;
let mailer: Mailer;
let deps: AgendaNoticeDeps;
const baseUrl = 'https://kenes.example.kz';

// Wednesday 9 December 2026, 11:00 in Astana (UTC+5).
const now = new Date('2026-12-09T06:00:00Z');
const minutes = (n: number) => new Date(now.getTime() + n * 60_000);

const staff: Record<string, TestAccount> = {};
const meetings: Record<string, CreatedMeeting> = {};

async function staffOf(db: DatabaseHandle['db'], key: string, organizationSlug: string, language?: 'kk' | 'ru' | 'en') {
  const account = await createAccount(db, { email: `${key}@example.kz`, displayName: `Staff ${key}`, grants: [{ role: 'maslikhat_staff', organizationSlug }], ...(language ? { language } : {}) });
  staff[key] = account;
  return account;
}

/** Records a change to a meeting's agenda, as the meetings service does once the meeting is announced. */
async function change(meeting: CreatedMeeting, summary: LocalizedText, changedAt: Date): Promise<string> {
  const id = newId();
  await database.db.insertInto('agenda_change').values({ id, meeting_id: meeting.id, changed_at: changedAt, changed_by: null, summary: JSON.stringify(summary) }).execute();
  return id;
}

/** Runs the notices and returns the mails the run wrote to the outbox. */
async function run(at: Date): Promise<{ report: Awaited<ReturnType<typeof sendAgendaNotices>>; mails: MailMessageRow[] }> {
  const { result: report, mails } = await mailsWrittenBy(database.db, () => sendAgendaNotices(deps, at));
  return { report, mails };
}

const to = (mails: MailMessageRow[], key: string) => mails.filter((m) => m.recipient === staff[key]!.email);
const invited = ['almaty-en@example.kz', 'west-kk@example.kz', 'west-ru@example.kz'];

const budget = { kk: '+ Облыстық бюджеттің атқарылуы туралы', ru: '+ Об исполнении областного бюджета', en: '+ On the execution of the regional budget' };
const removed = { ru: '− О плане работы на 2027 год' }; // recorded in Russian only

beforeAll(async () => {
  database = await createTestDatabase();
  const db = database.db;
  mailer = createMailer({ db, smtpUrl: undefined, from: 'Kenes <no-reply@kenes.local>', logger: pino({ level: 'silent' }) });
  deps = { db, mailer, baseUrl };

  await staffOf(db, 'west-kk', 'maslikhat-270000000');
  await staffOf(db, 'west-ru', 'maslikhat-270000000', 'ru');
  await staffOf(db, 'almaty-en', 'maslikhat-750000000', 'en');
  await staffOf(db, 'astana', 'maslikhat-710000000'); // declines
  await staffOf(db, 'uninvited', 'maslikhat-390000000');
  staff.secretariat = await createAccount(db, { email: 'secretariat@example.kz', grants: [{ role: 'secretariat', organizationSlug: 'council-senate' }] });

  const regions = [{ kato: '270000000' }, { kato: '750000000', status: 'confirmed' as const, attendanceMode: 'video' as const }, { kato: '710000000', status: 'declined' as const }];
  meetings.announced = await createMeeting(db, {
    number: 21,
    title: { kk: 'Мәслихаттардың Жолдауды іске асыруға қатысуы', ru: 'Об участии маслихатов в реализации Послания', en: 'Maslikhats in implementing the Address' },
    startsAt: '2026-12-16T10:00', // 05:00 UTC
    invitations: regions,
  });
  meetings.draft = await createMeeting(db, { status: 'draft', startsAt: '2026-12-17T10:00', invitations: regions });
  meetings.held = await createMeeting(db, { status: 'held', startsAt: '2026-12-01T10:00', invitations: regions });
  meetings.cancelled = await createMeeting(db, { status: 'cancelled', statusReason: { ru: 'Отменено' }, startsAt: '2026-12-18T10:00', invitations: regions });
});
// Each test starts with nothing left to tell: the changes earlier tests left untold (of drafts, say)
// are marked told long ago, and what a test wants told it records itself.
const toldBeforeThisTest = new Date('2000-01-01T00:00:00Z');
beforeEach(async () => {
  await database.db.updateTable('agenda_change').set({ notified_at: toldBeforeThisTest }).where('notified_at', 'is', null).execute();
});

/** Two changes to the announced meeting (and one to each of the draft, held and cancelled ones), told by a run at `now`. */
async function twoChangesTold() {
  const changes = [await change(meetings.announced!, budget, new Date('2026-12-09T05:40:00Z')), await change(meetings.announced!, removed, new Date('2026-12-09T05:45:00Z'))];
  const untold: string[] = [];
  for (const key of ['draft', 'held', 'cancelled']) untold.push(await change(meetings[key]!, budget, new Date('2026-12-09T05:50:00Z')));
  const first = await run(now);
  return { first, changes, untold };
}

afterAll(async () => {
  await mailer?.close();
  await database?.close();
});

describe(`agenda notices (${usingPostgres ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('two changes to an announced meeting: one mail to each staff member of the invited maslikhats that have not declined', async () => {
    const { first } = await twoChangesTold();
    expect(first.report.sent).toEqual([{ meetingId: meetings.announced!.id, changes: 2, recipients: 3 }]);
    expect(first.mails.map((m) => m.recipient)).toEqual(invited);
    for (const key of ['astana', 'uninvited', 'secretariat']) expect(to(first.mails, key)).toEqual([]);
  });

  it('writes each mail in the recipient’s language, both changes oldest first, a summary in another language marked', async () => {
    const { first } = await twoChangesTold();
    const [kk] = to(first.mails, 'west-kk');
    expect(kk!.subject).toBe('Отырыс өзгертілді: Кезекті отырыс № 21');
    expect(kk!.body_text).toContain('Құрметті Staff west-kk!');
    expect(kk!.body_text).toContain('Отырыс: Кезекті отырыс № 21 — «Мәслихаттардың Жолдауды іске асыруға қатысуы»');
    expect(kk!.body_text).toContain('Өзгерістер (2):\n– 2026 жылғы 9 желтоқсан, 10:40: + Облыстық бюджеттің атқарылуы туралы\n– 2026 жылғы 9 желтоқсан, 10:45: − О плане работы на 2027 год [RU]\n');

    const [ru] = to(first.mails, 'west-ru');
    expect(ru!.subject).toBe('Изменения по заседанию: Очередное заседание № 21');
    expect(ru!.body_text).toContain('Заседание: Очередное заседание № 21 — «Об участии маслихатов в реализации Послания»');
    expect(ru!.body_text).toMatch(/Изменения \(2\):\n– 9 декабря 2026 г\.,? (в )?10:40: \+ Об исполнении областного бюджета\n– 9 декабря 2026 г\.,? (в )?10:45: − О плане работы на 2027 год\n/);

    const [en] = to(first.mails, 'almaty-en');
    expect(en!.subject).toBe('Meeting changed: Regular meeting No. 21');
    expect(en!.body_text).toContain('+ On the execution of the regional budget\n');
    expect(en!.body_text).toContain('− О плане работы на 2027 год [RU]\n');
  });

  it('carries the meeting’s date and time in its zone and the address of the office’s invitations', async () => {
    const { first } = await twoChangesTold();
    const [kk] = to(first.mails, 'west-kk');
    // 10:00 in Astana is 05:00 UTC, which must not show.
    expect(kk!.body_text).toContain('Күні мен уақыты: 2026 жылғы 16 желтоқсан, 10:00 (UTC+05:00)');
    expect(kk!.body_text).toContain(`${baseUrl}/kk/office/invitations`);
    expect(to(first.mails, 'west-ru')[0]!.body_text).toContain(`${baseUrl}/ru/office/invitations`);
    expect(to(first.mails, 'almaty-en')[0]!.body_text).toMatch(/Date and time: 16 December 2026 at 10:00 \(UTC\+05:00\)/);
  });

  it('sends nothing when run again, and marks the changes as told', async () => {
    const { first, changes } = await twoChangesTold();
    expect(first.mails).toHaveLength(3);
    expect(await run(minutes(5))).toEqual({ report: { sent: [] }, mails: [] });
    const rows = await database.db.selectFrom('agenda_change').select('notified_at').where('id', 'in', changes).execute();
    expect(rows).toEqual([{ notified_at: now }, { notified_at: now }]);
  });

  it('mails a later change on its own', async () => {
    await twoChangesTold();
    await change(meetings.announced!, { kk: 'Бюджет туралы мәселе бір орын жоғары жылжытылды', ru: 'Вопрос о бюджете перемещён на одну позицию выше' }, minutes(7));
    const { report, mails } = await run(minutes(10));
    expect(report.sent).toEqual([{ meetingId: meetings.announced!.id, changes: 1, recipients: 3 }]);
    expect(mails.map((m) => m.recipient)).toEqual(invited);
    const [kk] = to(mails, 'west-kk');
    expect(kk!.body_text).toContain('Өзгеріс:\n– 2026 жылғы 9 желтоқсан, 11:07: Бюджет туралы мәселе бір орын жоғары жылжытылды\n');
    expect(kk!.body_text).not.toContain('Облыстық бюджеттің');
    expect(to(mails, 'west-ru')[0]!.body_text).toContain('Изменение:\n');
    expect(to(mails, 'almaty-en')[0]!.body_text).toContain('Вопрос о бюджете перемещён на одну позицию выше [RU]');
  });

  it('never mails the changes of drafts, held or cancelled meetings, and leaves them untold', async () => {
    const { first, untold } = await twoChangesTold();
    expect(first.report.sent.map((s) => s.meetingId)).toEqual([meetings.announced!.id]);
    const rows = await database.db.selectFrom('agenda_change').select(['meeting_id', 'notified_at']).where('id', 'in', untold).execute();
    expect(rows.map((r) => r.meeting_id).toSorted()).toEqual([meetings.draft!.id, meetings.held!.id, meetings.cancelled!.id].toSorted());
    expect(rows.map((r) => r.notified_at)).toEqual([null, null, null]);
    expect(first.mails.map((m) => m.subject).toSorted()).toEqual(['Meeting changed: Regular meeting No. 21', 'Изменения по заседанию: Очередное заседание № 21', 'Отырыс өзгертілді: Кезекті отырыс № 21']);
  });

  it('sends a change once when two runs claim it at the same time', async () => {
    await change(meetings.announced!, { kk: '+ Әкімнің есебі', ru: '+ Отчёт акима', en: '+ The akim’s report' }, minutes(20));
    const { result: [a, b], mails } = await mailsWrittenBy(database.db, () => Promise.all([sendAgendaNotices(deps, minutes(25)), sendAgendaNotices(deps, minutes(25))]));
    expect([...a.sent, ...b.sent]).toEqual([{ meetingId: meetings.announced!.id, changes: 1, recipients: 3 }]);
    expect(mails.map((m) => m.recipient)).toEqual(invited);
    expect(to(mails, 'almaty-en')[0]!.body_text).toContain('+ The akim’s report');
    expect(to(mails, 'west-kk')[0]!.body_text).toContain('+ Әкімнің есебі');
    expect(to(mails, 'west-ru')[0]!.body_text).toContain('+ Отчёт акима');
  });

  it('tells a postponed meeting’s invitees too, with the date as it was', async () => {
    const postponed = await createMeeting(database.db, { number: 24, startsAt: '2026-12-16T10:00', invitations: [{ kato: '270000000' }, { kato: '750000000', status: 'confirmed', attendanceMode: 'video' }, { kato: '710000000', status: 'declined' }] });
    await database.db.updateTable('meeting').set({ status: 'postponed' }).where('id', '=', postponed.id).execute();
    await change(postponed, budget, minutes(30));
    const { report, mails } = await run(minutes(35));
    expect(report.sent).toEqual([{ meetingId: postponed.id, changes: 1, recipients: 3 }]);
    expect(mails.map((m) => m.recipient)).toEqual(invited);
    const [ru] = to(mails, 'west-ru');
    expect(ru!.body_text).toContain('Заседание перенесено; о нём сообщат, когда оно будет объявлено снова.');
    expect(ru!.body_text).toMatch(/Дата и время до повторного объявления: 16 декабря 2026 г\..* 10:00 \(UTC\+05:00\)/);
    expect(ru!.body_text).not.toContain('\nДата и время:');
  });
});

describe(`agenda notices to the accounts of persons invited in their own right (${usingPostgres ? 'PostgreSQL' : 'PGlite'})`, () => {
  let meeting: CreatedMeeting;
  const email = (key: string) => `${key}@example.kz`;

  /** A Council member whose account is linked to them; invited to the meeting with the given answer, or not at all. */
  async function member(key: string, options: { invitation?: 'invited' | 'confirmed' | 'declined'; language?: 'ru' | 'en'; staffOf?: string }) {
    const db = database.db;
    const person = { id: await createCouncilMember(db, { kk: `Кеңес мүшесі ${key}`, ru: `Член Совета ${key}`, en: `Council member ${key}` }) };
    const grants = [{ role: 'council_member' as const, organizationSlug: 'council-senate' }, ...(options.staffOf ? [{ role: 'maslikhat_staff' as const, organizationSlug: options.staffOf }] : [])];
    await createAccount(db, { email: email(key), displayName: `Member ${key}`, grants, personId: person.id, ...(options.language ? { language: options.language } : {}) });
    if (options.invitation) await invitePerson(db, meeting.id, person.id, options.invitation);
  }

  beforeAll(async () => {
    // A maslikhat no other test's staff belong to, so what this meeting's staff receive is this test's alone.
    meeting = await createMeeting(database.db, { number: 32, startsAt: '2027-01-27T10:00', invitations: [{ kato: '590000000', status: 'confirmed', attendanceMode: 'video' }] });
    await createAccount(database.db, { email: email('north-staff'), grants: [{ role: 'maslikhat_staff', organizationSlug: 'maslikhat-590000000' }] });
    await member('member-kk', { invitation: 'invited' });
    await member('member-ru', { invitation: 'confirmed', language: 'ru' });
    await member('member-declined', { invitation: 'declined', language: 'ru' });
    await member('member-uninvited', {});
    // Staff of the invited maslikhat and a Council member invited in person: one mail.
    await member('member-staff', { invitation: 'invited', staffOf: 'maslikhat-590000000', language: 'en' });
  });

  it('tells each linked account of a person invited who has not declined, once, in their language', async () => {
    await change(meeting, budget, new Date('2027-01-10T05:40:00Z'));
    const { report, mails } = await run(new Date('2027-01-10T06:00:00Z'));
    expect(report.sent).toEqual([{ meetingId: meeting.id, changes: 1, recipients: 4 }]);
    expect(mails.map((m) => m.recipient)).toEqual(['member-kk@example.kz', 'member-ru@example.kz', 'member-staff@example.kz', 'north-staff@example.kz']);

    const ru = mails.find((m) => m.recipient === email('member-ru'))!;
    expect(ru.subject).toBe('Изменения по заседанию: Очередное заседание № 32');
    expect(ru.body_text).toContain('Здравствуйте, Member member-ru!');
    expect(ru.body_text).toContain('В повестку дня или в сведения о заседании, на которое вы приглашены, внесены изменения.');
    expect(ru.body_text).toContain('Изменение:\n– 10 января 2027');
    expect(ru.body_text).toContain('+ Об исполнении областного бюджета');
    expect(ru.body_text).toContain(`Действующая повестка дня: ${baseUrl}/ru/meetings/${meeting.id}`);
    expect(ru.body_text).toContain('потому что вы приглашены на заседание');
    expect(ru.body_text).not.toContain('маслихат');

    const kk = mails.find((m) => m.recipient === email('member-kk'))!;
    expect(kk.subject).toBe('Отырыс өзгертілді: Кезекті отырыс № 32');
    expect(kk.body_text).toContain('Сіз шақырылған отырыстың күн тәртібіне немесе мән-жайына өзгерістер енгізілді.');
    expect(kk.body_text).toContain(`Күн тәртібінің қазіргі нұсқасы: ${baseUrl}/kk/meetings/${meeting.id}`);

    // Both staff of an invited maslikhat and invited in person: told once, with the maslikhat's page to answer on.
    const both = mails.filter((m) => m.recipient === email('member-staff'));
    expect(both).toHaveLength(1);
    expect(both[0]!.body_text).toContain('The agenda or the details of a meeting your maslikhat is invited to have changed.');
    expect(both[0]!.body_text).toContain(`${baseUrl}/en/office/invitations`);
  });
});

describe('the agenda notices job, registered on the queue as `serve` does', () => {
  it('keeps its five-minute schedule and, when a job arrives, sends the notices due', async () => {
    const meeting = await createMeeting(database.db, { number: 23, invitations: [{ kato: '750000000' }] });
    const changeId = await change(meeting, budget, new Date());
    // On PostgreSQL pg-boss connects by URL: this test file's own database, on the test server.
    const databaseUrl = usingPostgres ? databaseUrlFor(process.env.TEST_DATABASE_URL!, database.location.split('/').at(-1)!) : undefined;
    const jobs = await startJobs({ database, config: { databaseUrl }, logger: pino({ level: 'silent' }), pollingIntervalSeconds: 0.5 });
    try {
      await registerAgendaNotices(jobs, deps);
      const { rows } = await sql<{ cron: string; timezone: string }>`select cron, timezone from pgboss.schedule where name = ${agendaNoticesJob}`.execute(database.db);
      expect(rows).toEqual([{ cron: agendaNoticesCron, timezone: 'Asia/Almaty' }]);
      expect(agendaNoticesCron).toBe('*/5 * * * *');

      await jobs.send(agendaNoticesJob);
      const deadline = Date.now() + 15_000;
      let notifiedAt: Date | null = null;
      while (!notifiedAt && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 100));
        notifiedAt = (await database.db.selectFrom('agenda_change').select('notified_at').where('id', '=', changeId).executeTakeFirstOrThrow()).notified_at;
      }
      expect(notifiedAt).toBeInstanceOf(Date);
      const mails = await database.db.selectFrom('mail_message').select('recipient').where('subject', '=', 'Meeting changed: Regular meeting No. 23').execute();
      expect(mails).toEqual([{ recipient: 'almaty-en@example.kz' }]);
    } finally {
      await jobs.stop();
    }
  });
});
