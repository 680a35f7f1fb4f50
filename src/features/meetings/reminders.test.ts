import { sql } from 'kysely';
import { pino } from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createAccount, mailsWrittenBy, type TestAccount } from '../../../test/support/factories.js';
import { createMeeting, invitePerson, type CreatedMeeting } from '../../../test/support/meeting-factories.js';
import { createCouncilMember, createOrganization } from '../../../test/support/registry-factories.js';
import { databaseUrlFor } from '../../../test/support/template.js';
import { createTestDatabase, usingPostgres } from '../../../test/support/test-db.js';
import type { DatabaseHandle } from '../../core/db/connect.js';
import type { MailMessageRow } from '../../core/mail/mail.repository.js';
import { createMailer, type Mailer } from '../../core/mail/mailer.js';
import { startJobs } from '../../core/jobs/jobs.js';
import { meetingRemindersCron, meetingRemindersJob, registerMeetingReminders, sendMeetingReminders, type ReminderDeps } from './reminders.js';

let database: DatabaseHandle;
let mailer: Mailer;
let deps: ReminderDeps;
const baseUrl = 'https://kenes.example.kz';

// Wednesday 9 December 2026, 11:00 in Astana (UTC+5).
const now = new Date('2026-12-09T06:00:00Z');
const minutes = (n: number) => n * 60_000;

const staff: Record<string, TestAccount> = {};
const meetings: Record<string, CreatedMeeting> = {};

async function staffOf(db: DatabaseHandle['db'], key: string, organizationSlug: string, language?: 'kk' | 'ru' | 'en') {
  const account = await createAccount(db, { email: `${key}@example.kz`, displayName: `Staff ${key}`, grants: [{ role: 'maslikhat_staff', organizationSlug }], ...(language ? { language } : {}) });
  staff[key] = account;
  return account;
}

/** Runs the reminders and returns the mails the run wrote to the outbox. */
async function run(at: Date): Promise<{ report: Awaited<ReturnType<typeof sendMeetingReminders>>; mails: MailMessageRow[] }> {
  const { result: report, mails } = await mailsWrittenBy(database.db, () => sendMeetingReminders(deps, at));
  return { report, mails };
}

const to = (mails: MailMessageRow[], key: string) => mails.filter((m) => m.recipient === staff[key]!.email);

beforeAll(async () => {
  database = await createTestDatabase();
  const db = database.db;
  mailer = createMailer({ db, smtpUrl: undefined, from: 'Kenes <no-reply@kenes.local>', logger: pino({ level: 'silent' }) });
  deps = { db, mailer, baseUrl };

  await createOrganization(db, { name: { kk: 'Бөрлі аудандық мәслихаты', ru: 'Бурлинский районный маслихат' }, slug: 'test-burli-maslikhat', classification: 'maslikhat', parent: 'maslikhat-270000000' });
  await staffOf(db, 'west-kk', 'maslikhat-270000000');
  await staffOf(db, 'west-ru', 'maslikhat-270000000', 'ru');
  await staffOf(db, 'almaty-en', 'maslikhat-750000000', 'en');
  await staffOf(db, 'astana', 'maslikhat-710000000'); // declines
  await staffOf(db, 'uninvited', 'maslikhat-390000000');
  await staffOf(db, 'district', 'test-burli-maslikhat');
  const gone = await staffOf(db, 'deactivated', 'maslikhat-750000000');
  await db.updateTable('account').set({ is_active: false }).where('id', '=', gone.id).execute();
  staff.secretariat = await createAccount(db, { email: 'secretariat@example.kz', grants: [{ role: 'secretariat', organizationSlug: 'council-senate' }] });

  const regions = [
    { kato: '270000000' },
    { kato: '750000000', status: 'confirmed' as const, attendanceMode: 'video' as const },
    { kato: '710000000', status: 'declined' as const },
  ];
  meetings.tomorrow = await createMeeting(db, {
    number: 21,
    title: { kk: 'Мәслихаттардың Жолдауды іске асыруға қатысуы', ru: 'Об участии маслихатов в реализации Послания', en: 'Maslikhats in implementing the Address' },
    startsAt: '2026-12-10T10:00', // 05:00 UTC
    place: { kk: 'Астана, Парламент үйі', ru: 'Астана, здание Парламента' },
    format: 'hybrid',
    videoUrl: 'https://meet.example.kz/council-21',
    invitations: regions,
  });
  meetings.draft = await createMeeting(db, { status: 'draft', startsAt: '2026-12-10T09:00', invitations: regions });
  meetings.cancelled = await createMeeting(db, { status: 'cancelled', statusReason: { ru: 'Отменено' }, startsAt: '2026-12-10T09:00', invitations: regions });
  meetings.soon = await createMeeting(db, {
    kind: 'field',
    number: null,
    title: null,
    timeZone: 'Europe/Moscow',
    startsAt: '2026-12-09T09:30', // 06:30 UTC: half an hour after `now`
    format: 'in_person',
    videoUrl: null,
    invitations: [{ kato: '750000000' }],
  });
  meetings.later = await createMeeting(db, { startsAt: '2026-12-12T10:00', invitations: regions });
  meetings.district = await createMeeting(db, { number: 22, startsAt: '2026-12-10T15:00', invitations: [{ kato: 'test-burli-maslikhat' }] }); // 10:00 UTC
});
// Each test starts with no reminder sent yet and the meetings where they were made: what a test needs
// sent before it runs, it sends itself.
const tomorrowStartsAt = new Date('2026-12-10T05:00:00Z');
beforeEach(async () => {
  await database.db.deleteFrom('meeting_reminder').execute();
  await database.db.updateTable('meeting').set({ starts_at: tomorrowStartsAt }).where('id', '=', meetings.tomorrow!.id).execute();
});

afterAll(async () => {
  await mailer?.close();
  await database?.close();
});

describe(`meeting reminders (${usingPostgres ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('a meeting announced for tomorrow: one day_before mail to each staff member of the invited maslikhats that have not declined', async () => {
    const first = await run(now);
    expect(first.report.sent).toEqual([
      { meetingId: meetings.soon!.id, kind: 'hour_before', recipients: 1 },
      { meetingId: meetings.tomorrow!.id, kind: 'day_before', recipients: 3 },
    ]);
    const tomorrow = first.mails.filter((m) => m.subject.includes('21'));
    expect(tomorrow.map((m) => m.recipient).toSorted()).toEqual(['almaty-en@example.kz', 'west-kk@example.kz', 'west-ru@example.kz']);
    for (const key of ['astana', 'uninvited', 'district', 'deactivated', 'secretariat']) expect(to(first.mails, key)).toEqual([]);
    expect(first.mails).toHaveLength(4);
  });

  it('writes each mail in the recipient’s language (Kazakh unless they chose another)', async () => {
    const first = await run(now);
    const [kk] = to(first.mails, 'west-kk');
    const [ru] = to(first.mails, 'west-ru');
    const en = to(first.mails, 'almaty-en').find((m) => m.subject.includes('21'))!;
    expect(kk!.subject).toBe('Еске салу: Кезекті отырыс № 21, 2026 жылғы 10 желтоқсан, 10:00');
    expect(kk!.body_text).toContain('Құрметті Staff west-kk!');
    expect(kk!.body_text).toContain('Отырыс: Кезекті отырыс № 21 — «Мәслихаттардың Жолдауды іске асыруға қатысуы»');
    expect(kk!.body_text).toContain('Өтетін орны: Астана, Парламент үйі');
    expect(ru!.subject).toMatch(/^Напоминание: Очередное заседание № 21, 10 декабря 2026 г\./);
    expect(ru!.body_text).toContain('Заседание: Очередное заседание № 21 — «Об участии маслихатов в реализации Послания»');
    expect(ru!.body_text).toContain('Формат: Смешанный: в зале и по видеосвязи');
    expect(en.subject).toMatch(/^Reminder: Regular meeting No\. 21, 10 December 2026/);
    expect(en.body_text).toContain('Place: Астана, здание Парламента'); // no English place: the Russian one
  });

  it('carries the video link, the time in the meeting’s zone and the address of the office’s invitations', async () => {
    const first = await run(now);
    const [kk] = to(first.mails, 'west-kk');
    expect(kk!.body_text).toContain('Бейнебайланыс сілтемесі: https://meet.example.kz/council-21');
    // 10:00 in Astana is 05:00 UTC, which must not show.
    expect(kk!.body_text).toContain('Күні мен уақыты: 2026 жылғы 10 желтоқсан, 10:00 (UTC+05:00)');
    expect(kk!.body_text).toContain(`${baseUrl}/kk/office/invitations`);
    expect(to(first.mails, 'west-ru')[0]!.body_text).toContain(`${baseUrl}/ru/office/invitations`);

    // The field meeting in another zone, in person, without a link: within the hour.
    const soon = to(first.mails, 'almaty-en').find((m) => !m.subject.includes('21'))!;
    expect(soon.subject).toBe('Starting within the hour: Field meeting, at 09:30');
    expect(soon.body_text).toContain('A meeting your maslikhat is invited to begins within the hour.');
    expect(soon.body_text).toMatch(/Date and time: 9 December 2026 at 09:30 \(UTC\+03:00\)/);
    expect(soon.body_text).toContain('Format: In person');
    expect(soon.body_text).not.toContain('Video link');
    expect(soon.body_text).toContain(`${baseUrl}/en/office/invitations`);
  });

  it('sends nothing more when run again, and records what it sent', async () => {
    expect((await run(now)).mails).toHaveLength(4);
    expect((await run(now)).mails).toEqual([]);
    expect((await run(new Date(now.getTime() + minutes(10)))).mails).toEqual([]);
    const rows = await database.db.selectFrom('meeting_reminder').selectAll().orderBy('recipients').execute();
    expect(rows).toEqual([
      { meeting_id: meetings.soon!.id, kind: 'hour_before', sent_at: now, recipients: 1 },
      { meeting_id: meetings.tomorrow!.id, kind: 'day_before', sent_at: now, recipients: 3 },
    ]);
  });

  it('reminds nobody of drafts, cancelled meetings or meetings further than a day ahead', async () => {
    const { report } = await run(now);
    expect(report.sent.map((s) => s.meetingId).toSorted()).toEqual([meetings.soon!.id, meetings.tomorrow!.id].toSorted());
    const ids = (await database.db.selectFrom('meeting_reminder').select('meeting_id').execute()).map((r) => r.meeting_id);
    for (const key of ['draft', 'cancelled', 'later']) expect(ids).not.toContain(meetings[key]!.id);
  });

  it('covers a district maslikhat’s invitation for the region’s staff too, and two runs at once send it once', async () => {
    await run(now); // tomorrow's meeting and the one within the hour are reminded of already
    const at = new Date('2026-12-09T11:00:00Z'); // 23 hours before the district meeting
    const { result: [a, b], mails } = await mailsWrittenBy(database.db, () => Promise.all([sendMeetingReminders(deps, at), sendMeetingReminders(deps, at)]));
    expect([...a.sent, ...b.sent]).toEqual([{ meetingId: meetings.district!.id, kind: 'day_before', recipients: 3 }]);
    expect(mails.every((m) => m.subject.includes('22'))).toBe(true);
    expect(mails.map((m) => m.recipient).toSorted()).toEqual(['district@example.kz', 'west-kk@example.kz', 'west-ru@example.kz']);
  });

  it('sends the hour’s reminder in the last hour', async () => {
    // The day's reminders of tomorrow's meeting and of the district one went the day before.
    await run(now);
    await run(new Date('2026-12-09T11:00:00Z'));
    const { report, mails } = await run(new Date('2026-12-10T04:10:00Z')); // 50 minutes before tomorrow's meeting
    expect(report.sent).toEqual([{ meetingId: meetings.tomorrow!.id, kind: 'hour_before', recipients: 3 }]);
    expect(mails).toHaveLength(3);
    expect(to(mails, 'west-kk')[0]!.subject).toBe('Бір сағат ішінде басталады: Кезекті отырыс № 21, сағат 10:00');
    expect(to(mails, 'west-ru')[0]!.subject).toBe('Начало в течение часа: Очередное заседание № 21, в 10:00');
  });

  it('reminds again when a meeting moves to a later date', async () => {
    expect((await run(now)).report.sent).toContainEqual({ meetingId: meetings.tomorrow!.id, kind: 'day_before', recipients: 3 });
    const moved = new Date('2026-12-17T05:00:00Z');
    await database.db.updateTable('meeting').set({ starts_at: moved }).where('id', '=', meetings.tomorrow!.id).execute();
    const { report, mails } = await run(new Date('2026-12-16T07:00:00Z'));
    expect(report.sent).toEqual([{ meetingId: meetings.tomorrow!.id, kind: 'day_before', recipients: 3 }]);
    expect(to(mails, 'west-ru')[0]!.subject).toMatch(/^Напоминание: Очередное заседание № 21, 17 декабря 2026 г\./);
    expect((await run(new Date('2026-12-16T07:10:00Z'))).mails).toEqual([]);
  });
});

describe(`reminders to the accounts of persons invited in their own right (${usingPostgres ? 'PostgreSQL' : 'PGlite'})`, () => {
  // Tuesday 19 January 2027, 11:00 in Astana: the day before the meeting.
  const at = new Date('2027-01-19T06:00:00Z');
  let meeting: CreatedMeeting;
  const email = (key: string) => `${key}@example.kz`;

  /** A Council member whose account is linked to them; invited to the meeting with the given answer, or not at all. */
  async function member(key: string, options: { invitation?: 'invited' | 'confirmed' | 'declined'; language?: 'ru' | 'en'; staffOf?: string; active?: boolean }) {
    const db = database.db;
    const person = { id: await createCouncilMember(db, { kk: `Кеңес мүшесі ${key}`, ru: `Член Совета ${key}`, en: `Council member ${key}` }) };
    const grants = [{ role: 'council_member' as const, organizationSlug: 'council-senate' }, ...(options.staffOf ? [{ role: 'maslikhat_staff' as const, organizationSlug: options.staffOf }] : [])];
    await createAccount(db, { email: email(key), displayName: `Member ${key}`, grants, personId: person.id, ...(options.language ? { language: options.language } : {}), ...(options.active === false ? { active: false } : {}) });
    if (options.invitation) await invitePerson(db, meeting.id, person.id, options.invitation);
  }

  beforeAll(async () => {
    // A maslikhat no other test's staff belong to, so what this meeting's staff receive is this test's alone.
    meeting = await createMeeting(database.db, { number: 31, startsAt: '2027-01-20T10:00', videoUrl: 'https://meet.example.kz/council-31', invitations: [{ kato: '590000000' }] });
    await createAccount(database.db, { email: email('north-staff'), grants: [{ role: 'maslikhat_staff', organizationSlug: 'maslikhat-590000000' }] });
    await member('member-kk', { invitation: 'invited' });
    await member('member-ru', { invitation: 'confirmed', language: 'ru' });
    await member('member-declined', { invitation: 'declined', language: 'ru' });
    await member('member-uninvited', {});
    await member('member-deactivated', { invitation: 'invited', active: false });
    // Staff of the invited maslikhat and a Council member invited in person: one mail.
    await member('member-staff', { invitation: 'invited', staffOf: 'maslikhat-590000000', language: 'en' });
  });

  it('reminds each linked, active account of a person invited who has not declined, once, in their language', async () => {
    const { report, mails } = await run(at);
    expect(report.sent).toEqual([{ meetingId: meeting.id, kind: 'day_before', recipients: 4 }]);
    expect(mails.map((m) => m.recipient).toSorted()).toEqual(['member-kk@example.kz', 'member-ru@example.kz', 'member-staff@example.kz', 'north-staff@example.kz']);

    const ru = mails.find((m) => m.recipient === email('member-ru'))!;
    expect(ru.subject).toMatch(/^Напоминание: Очередное заседание № 31, 20 января 2027 г\./);
    expect(ru.body_text).toContain('Здравствуйте, Member member-ru!');
    expect(ru.body_text).toContain('Заседание, на которое вы приглашены, состоится в ближайшие 24 часа.');
    expect(ru.body_text).toContain('Ссылка на видеосвязь: https://meet.example.kz/council-31');
    expect(ru.body_text).toContain(`Повестка дня заседания: ${baseUrl}/ru/meetings/${meeting.id}`);
    expect(ru.body_text).toContain('потому что вы приглашены на заседание');
    expect(ru.body_text).not.toContain('маслихат');
    expect(ru.body_text).not.toContain('/office/invitations');

    const kk = mails.find((m) => m.recipient === email('member-kk'))!;
    expect(kk.subject).toBe('Еске салу: Кезекті отырыс № 31, 2027 жылғы 20 қаңтар, 10:00');
    expect(kk.body_text).toContain('Сіз шақырылған отырыс алдағы 24 сағат ішінде өтеді.');
    expect(kk.body_text).toContain(`Отырыстың күн тәртібі: ${baseUrl}/kk/meetings/${meeting.id}`);

    // Both staff of an invited maslikhat and invited in person: told once, with the maslikhat's page to answer on.
    const both = mails.filter((m) => m.recipient === email('member-staff'));
    expect(both).toHaveLength(1);
    expect(both[0]!.body_text).toContain('A meeting your maslikhat is invited to takes place within the next 24 hours.');
    expect(both[0]!.body_text).toContain(`${baseUrl}/en/office/invitations`);
  });
});

describe('the reminders job, registered on the queue as `serve` does', () => {
  it('keeps its ten-minute schedule and, when a job arrives, sends the reminders due now', async () => {
    const startsAt = new Date(Date.now() + 3 * 3_600_000);
    const meeting = await createMeeting(database.db, { number: 23, startsAt, invitations: [{ kato: '750000000' }] });
    // On PostgreSQL pg-boss connects by URL: this test file's own database, on the test server.
    const databaseUrl = usingPostgres ? databaseUrlFor(process.env.TEST_DATABASE_URL!, database.location.split('/').at(-1)!) : undefined;
    const jobs = await startJobs({ database, config: { databaseUrl }, logger: pino({ level: 'silent' }), pollingIntervalSeconds: 0.5 });
    try {
      await registerMeetingReminders(jobs, deps);
      const { rows } = await sql<{ cron: string; timezone: string }>`select cron, timezone from pgboss.schedule where name = ${meetingRemindersJob}`.execute(database.db);
      expect(rows).toEqual([{ cron: meetingRemindersCron, timezone: 'Asia/Almaty' }]);

      await jobs.send(meetingRemindersJob);
      const deadline = Date.now() + 15_000;
      let sent: { kind: string; recipients: number } | undefined;
      while (!sent && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 100));
        sent = await database.db.selectFrom('meeting_reminder').select(['kind', 'recipients']).where('meeting_id', '=', meeting.id).executeTakeFirst();
      }
      expect(sent).toEqual({ kind: 'day_before', recipients: 1 });
    } finally {
      await jobs.stop();
    }
  });
});
