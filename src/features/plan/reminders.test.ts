// Plan reminders: due a week before, the day before and the day after a report's due day
// (Kazakhstan's date), only while the report is not filed, each once — however many runs, and two
// instances at once (on PostgreSQL, through an in-process SMTP server).
import { pino } from 'pino';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount, mailsWrittenBy } from '../../../test/support/factories.js';
import { createPlan, createPlanItem, createPlanReport, type ItemInput } from '../../../test/support/plan-factories.js';
import { databaseUrlFor } from '../../../test/support/template.js';
import { createSharedTestDatabase, createTestDatabase, usingPostgres } from '../../../test/support/test-db.js';
import { startTestSmtp } from '../../../test/support/smtp.js';
import type { DatabaseHandle, Db } from '../../core/db/connect.js';
import type { MailMessageRow } from '../../core/mail/mail.repository.js';
import { createMailer, type MailJobDeps, type Mailer } from '../../core/mail/mailer.js';
import { startJobs } from '../../core/jobs/jobs.js';
import { todayInKazakhstan } from '../../core/db/dated.js';
import { addDays } from './progress.js';
import { dueReminder, planRemindersCron, planRemindersJob, registerPlanReminders, sendPlanReminders } from './reminders.js';

const baseUrl = 'https://kenes.example.kz';
const silent = pino({ level: 'silent' });
/** An instant by Kazakhstan's clock (UTC+5). */
const kz = (date: string, time: string) => new Date(`${date}T${time}:00+05:00`);

let database: DatabaseHandle;
let mailer: Mailer;
let deps: MailJobDeps;
let planId: string;

/** Staff of West Kazakhstan (Kazakh, Russian) and Almaty (English, a partner); none for Astana; the Council's secretariat (Kazakh, Russian). */
async function staff(db: Db) {
  await createAccount(db, { email: 'west-kk@example.kz', displayName: 'Айгүл', grants: [{ role: 'maslikhat_staff', organizationSlug: 'maslikhat-270000000' }] });
  await createAccount(db, { email: 'west-ru@example.kz', displayName: 'Ольга', language: 'ru', grants: [{ role: 'maslikhat_staff', organizationSlug: 'maslikhat-270000000' }] });
  await createAccount(db, { email: 'almaty-en@example.kz', displayName: 'Dana', language: 'en', grants: [{ role: 'partner', organizationSlug: 'maslikhat-750000000' }] });
  await createAccount(db, { email: 'gone@example.kz', active: false, grants: [{ role: 'maslikhat_staff', organizationSlug: 'maslikhat-270000000' }] });
  await createAccount(db, { email: 'deputy@example.kz', grants: [{ role: 'deputy', organizationSlug: 'maslikhat-270000000' }] });
  await createAccount(db, { email: 'clerk@example.kz', displayName: 'Марат', grants: [{ role: 'secretariat', organizationSlug: 'council-senate' }] });
  await createAccount(db, { email: 'clerk-ru@example.kz', displayName: 'Ирина', language: 'ru', grants: [{ role: 'secretariat', organizationSlug: 'council-senate' }] });
  await createAccount(db, { email: 'clerk-gone@example.kz', active: false, grants: [{ role: 'secretariat', organizationSlug: 'council-senate' }] });
}

/** A one-off item of the adopted plan, due on `deadline`, begun a month before; West Kazakhstan's by default. */
const oneOff = (deadline: string, input: Partial<ItemInput> = {}) =>
  createPlanItem(database.db, { planId, deadlineKind: 'date', startsOn: `${deadline.slice(0, 5)}01-01`, deadline, ...input });

async function run(at: Date) {
  const { result, mails } = await mailsWrittenBy(database.db, () => sendPlanReminders(deps, at));
  return { sent: result.sent, mails };
}
const recipients = (mails: MailMessageRow[]) => mails.map((m) => m.recipient).toSorted();
const remindersOf = (itemId: string) =>
  database.db.selectFrom('plan_reminder').select(['organization_id', 'period_start', 'kind', 'recipients']).where('item_id', '=', itemId).orderBy('kind').execute();

beforeAll(async () => {
  database = await createTestDatabase();
  mailer = createMailer({ db: database.db, smtpUrl: undefined, from: 'Kenes <no-reply@kenes.local>', logger: silent });
  deps = { db: database.db, mailer, baseUrl };
  await staff(database.db);
  planId = (await createPlan(database.db, { status: 'adopted' })).id;
});
afterAll(async () => {
  await mailer?.close();
  await database?.close();
});

describe('dueReminder', () => {
  it('is the week’s from 7 to 2 days before, the day’s on the day before and the due day, the overdue one for 30 days after', () => {
    const due = '2027-03-10';
    expect(['2027-03-02', '2027-03-03', '2027-03-08', '2027-03-09', '2027-03-10', '2027-03-11', '2027-04-09', '2027-04-10'].map((d) => dueReminder(due, d))).toEqual([
      undefined,
      'week_before',
      'week_before',
      'day_before',
      'day_before',
      'overdue',
      'overdue',
      undefined,
    ]);
  });
});

describe(`sendPlanReminders (${usingPostgres ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('a week before the due day by Kazakhstan’s date: one mail to each staff member of the body, in their language, with the link to file', async () => {
    const item = await oneOff('2027-02-10', { action: { kk: 'Жолдауды түсіндіру', ru: 'Разъяснение Послания', en: 'Explaining the Address' } });
    expect((await run(kz('2027-02-02', '23:30'))).mails).toEqual([]); // eight days before
    // 00:30 on the 3rd in Kazakhstan is still the 2nd in UTC.
    const { sent, mails } = await run(kz('2027-02-03', '00:30'));
    expect(sent).toEqual([{ itemId: item.id, organizationId: expect.any(String), periodStart: '2027-01-01', kind: 'week_before', recipients: 2 }]);
    expect(recipients(mails)).toEqual(['west-kk@example.kz', 'west-ru@example.kz']);
    const [kk, ru] = mails;
    expect(kk!.subject).toBe('Еске салу: жоспар бойынша есепті тапсыру мерзімі — 2027 жылғы 10 ақпан');
    expect(kk!.body_text).toContain('Құрметті Айгүл!');
    expect(kk!.body_text).toContain('Кеңестің жұмыс жоспары бойынша есепті тапсыру мерзіміне бір апта қалды.');
    expect(kk!.body_text).toMatch(/Іс-шара № \d+: Жолдауды түсіндіру/);
    expect(kk!.body_text).toContain('Тапсыру мерзімі: 2027 жылғы 10 ақпан');
    expect(kk!.body_text).toContain(`${baseUrl}/kk/office/maslikhats/maslikhat-270000000/plan/items/${item.id}/periods/2027-01-01`);
    expect(ru!.subject).toBe('Напоминание: срок сдачи отчёта по плану — 10 февраля 2027 г.');
    expect(ru!.body_text).toContain('Здравствуйте, Ольга!');
    expect(ru!.body_text).toContain('Отчётный период: 1 января 2027 г. – 10 февраля 2027 г.');
    expect(ru!.body_text).toContain(`${baseUrl}/ru/office/maslikhats/maslikhat-270000000/plan/items/${item.id}/periods/2027-01-01`);
    // Sent again never.
    expect((await run(kz('2027-02-03', '01:30'))).mails).toEqual([]);
    expect((await run(kz('2027-02-05', '12:00'))).mails).toEqual([]);
    expect(await remindersOf(item.id)).toEqual([{ organization_id: expect.any(String), period_start: '2027-01-01', kind: 'week_before', recipients: 2 }]);
  });

  it('the day’s reminder on the day before the due day, and nothing more on the due day', async () => {
    const item = await oneOff('2027-04-10');
    expect((await run(kz('2027-04-08', '12:00'))).sent.map((s) => s.kind)).toEqual(['week_before']);
    expect((await run(kz('2027-04-08', '23:59'))).mails).toEqual([]);
    const { sent, mails } = await run(kz('2027-04-09', '00:01'));
    expect(sent.map((s) => [s.itemId, s.kind])).toEqual([[item.id, 'day_before']]);
    expect(mails.map((m) => m.subject)).toEqual(['Ертең — жоспар бойынша есепті тапсырудың соңғы күні (2027 жылғы 10 сәуір)', 'Завтра последний день сдачи отчёта по плану (10 апреля 2027 г.)']);
    expect((await run(kz('2027-04-10', '09:00'))).mails).toEqual([]);
    expect((await run(kz('2027-04-10', '23:59'))).mails).toEqual([]);
  });

  it('the overdue reminder from the day after the due day (not on the due day), once', async () => {
    const item = await oneOff('2027-06-10', { responsible: ['750000000'] });
    // First seen on the due day: the day's reminder, worded for today.
    const dueDay = await run(kz('2027-06-10', '23:59'));
    expect(dueDay.mails.map((m) => [m.recipient, m.subject])).toEqual([['almaty-en@example.kz', 'Plan report due today (10 June 2027)']]);
    expect(dueDay.mails[0]!.body_text).toContain('A report under the Council’s work plan is due today.');
    const late = await run(kz('2027-06-11', '00:00'));
    expect(late.sent.map((s) => [s.itemId, s.kind])).toEqual([[item.id, 'overdue']]);
    expect(late.mails[0]!.subject).toBe('Plan report overdue (due 10 June 2027)');
    expect(late.mails[0]!.body_text).toContain('It is now marked as late.');
    expect((await run(kz('2027-06-12', '10:00'))).mails).toEqual([]);
  });

  it('a report first seen late gets the overdue reminder alone, for up to 30 days', async () => {
    const item = await oneOff('2027-08-10');
    const { sent, mails } = await run(kz('2027-08-13', '10:00'));
    expect(sent.map((s) => [s.itemId, s.kind])).toEqual([[item.id, 'overdue']]);
    expect(recipients(mails)).toEqual(['west-kk@example.kz', 'west-ru@example.kz']);
    const stale = await oneOff('2027-10-10');
    expect((await run(kz('2027-11-10', '10:00'))).mails).toEqual([]);
    expect(await remindersOf(stale.id)).toEqual([]);
  });

  it('nothing for a report awaiting review or accepted; a draft or a returned report is reminded of, saying so', async () => {
    const period = { periodStart: '2027-12-01', periodEnd: '2027-12-10', dueOn: '2027-12-10' };
    const first = await oneOff('2027-12-10', { startsOn: '2027-12-01', responsible: ['270000000', '750000000'] });
    const second = await oneOff('2027-12-10', { startsOn: '2027-12-01', responsible: ['270000000', '750000000'] });
    await createPlanReport(database.db, { ...period, itemId: first.id, body: '270000000', state: 'submitted' });
    await createPlanReport(database.db, { ...period, itemId: first.id, body: '750000000', state: 'returned' });
    await createPlanReport(database.db, { ...period, itemId: second.id, body: '270000000', state: 'accepted' });
    await createPlanReport(database.db, { ...period, itemId: second.id, body: '750000000', state: 'draft' });
    const { mails } = await run(kz('2027-12-09', '10:00'));
    expect(recipients(mails)).toEqual(['almaty-en@example.kz', 'almaty-en@example.kz']);
    const texts = mails.map((m) => m.body_text);
    expect(texts.filter((t) => t.includes('The secretariat returned the report for revision'))).toHaveLength(1);
    expect(texts.filter((t) => t.includes('A draft of the report is saved but has not been filed.'))).toHaveLength(1);
  });

  it('the region maslikhats as a group: each region with staff once; a body with nobody to tell stays unclaimed until it has someone', async () => {
    const item = await oneOff('2028-02-10', { responsible: ['region_maslikhats', '270000000'] });
    const cancelled = await oneOff('2028-02-10', { responsible: ['region_maslikhats'], cancelled: true });
    const draftPlan = await createPlan(database.db, { status: 'draft' });
    const unadopted = await createPlanItem(database.db, { planId: draftPlan.id, deadlineKind: 'date', startsOn: '2028-01-01', deadline: '2028-02-10', responsible: ['region_maslikhats'] });
    const coExecuted = await oneOff('2028-02-10', { responsible: ['council-senate'], coExecutors: ['270000000'] });

    const first = await run(kz('2028-02-09', '10:00'));
    // The Council's own item goes to its secretariat; its co-executor is not reminded.
    expect(recipients(first.mails)).toEqual(['almaty-en@example.kz', 'clerk-ru@example.kz', 'clerk@example.kz', 'west-kk@example.kz', 'west-ru@example.kz']);
    expect(first.sent.map((s) => [s.itemId, s.kind, s.recipients]).toSorted()).toEqual(
      [
        [item.id, 'day_before', 1],
        [item.id, 'day_before', 2],
        [coExecuted.id, 'day_before', 2],
      ].toSorted(),
    );
    for (const other of [cancelled, unadopted]) expect(await remindersOf(other.id)).toEqual([]);

    await createAccount(database.db, { email: 'astana@example.kz', language: 'en', grants: [{ role: 'maslikhat_staff', organizationSlug: 'maslikhat-710000000' }] });
    const later = await run(kz('2028-02-09', '11:15'));
    expect(later.mails.map((m) => m.recipient)).toEqual(['astana@example.kz']);
    expect(later.mails[0]!.body_text).toContain(`${baseUrl}/en/office/maslikhats/maslikhat-710000000/plan/items/${item.id}/periods/2028-01-01`);
    expect(await remindersOf(item.id)).toHaveLength(3);
  });

  it('the Council’s own items: one mail to each account of its secretariat, in their language, once — not to the bodies’ staff', async () => {
    const item = await oneOff('2028-06-10', { responsible: ['council-senate'], action: { kk: 'Кеңес отырысы', ru: 'Заседание Совета', en: 'The Council’s meeting' } });
    const { sent, mails } = await run(kz('2028-06-09', '10:00'));
    expect(sent).toEqual([{ itemId: item.id, organizationId: expect.any(String), periodStart: '2028-01-01', kind: 'day_before', recipients: 2 }]);
    expect(recipients(mails)).toEqual(['clerk-ru@example.kz', 'clerk@example.kz']);
    const ru = mails.find((m) => m.recipient === 'clerk-ru@example.kz')!;
    expect(ru.body_text).toContain('Здравствуйте, Ирина!');
    expect(ru.body_text).toContain('Заседание Совета');
    expect(ru.body_text).toContain(`${baseUrl}/ru/office/maslikhats/council-senate/plan/items/${item.id}/periods/2028-01-01`);
    expect(mails.find((m) => m.recipient === 'clerk@example.kz')!.body_text).toContain('Құрметті Марат!');
    expect((await run(kz('2028-06-09', '11:15'))).mails).toEqual([]);
    expect(await remindersOf(item.id)).toEqual([{ organization_id: expect.any(String), period_start: '2028-01-01', kind: 'day_before', recipients: 2 }]);
  });

  it('two runs at once in one process send one mail per recipient', async () => {
    const item = await oneOff('2028-04-10');
    const at = kz('2028-04-09', '10:00');
    const { result, mails } = await mailsWrittenBy(database.db, () => Promise.all([sendPlanReminders(deps, at), sendPlanReminders(deps, at)]));
    expect(result.flatMap((r) => r.sent).map((s) => [s.itemId, s.kind])).toEqual([[item.id, 'day_before']]);
    expect(recipients(mails)).toEqual(['west-kk@example.kz', 'west-ru@example.kz']);
  });
});

describe('the plan reminders job, registered on the queue as `serve` does', () => {
  it('keeps its hourly schedule and, when a job arrives, sends the reminders due now', async () => {
    const today = todayInKazakhstan();
    const item = await oneOff(addDays(today, 1), { startsOn: today });
    // On PostgreSQL pg-boss connects by URL: this test file's own database, on the test server.
    const databaseUrl = usingPostgres ? databaseUrlFor(process.env.TEST_DATABASE_URL ?? '', database.location.split('/').at(-1) ?? '') : undefined;
    const jobs = await startJobs({ database, config: { databaseUrl }, logger: silent, pollingIntervalSeconds: 0.5 });
    try {
      await registerPlanReminders(jobs, deps);
      const { rows } = await sql<{ cron: string; timezone: string }>`select cron, timezone from pgboss.schedule where name = ${planRemindersJob}`.execute(database.db);
      expect(rows).toEqual([{ cron: planRemindersCron, timezone: 'Asia/Almaty' }]);
      expect(planRemindersCron).toBe('15 * * * *');

      await jobs.send(planRemindersJob);
      const deadline = Date.now() + 15_000;
      let claimed = await remindersOf(item.id);
      while (!claimed.some((c) => c.recipients > 0) && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 100));
        claimed = await remindersOf(item.id);
      }
      expect(claimed).toEqual([{ organization_id: expect.any(String), period_start: today, kind: 'day_before', recipients: 2 }]);
    } finally {
      await jobs.stop();
    }
  });
});


describe.runIf(usingPostgres)('two app instances on one PostgreSQL database', () => {
  it('running the reminder job at once, they send exactly one mail per due report and recipient', async () => {
    const shared = await createSharedTestDatabase();
    const smtp = await startTestSmtp();
    const [one, two] = shared ?? [];
    if (!one || !two) throw new Error('PostgreSQL only');
    const mailers = [one, two].map((h) => createMailer({ db: h.db, smtpUrl: smtp.url, from: 'Kenes <no-reply@kenes.local>', logger: silent }));
    try {
      await staff(one.db);
      const plan = await createPlan(one.db, { status: 'adopted' });
      for (const responsible of [['270000000'], ['region_maslikhats'], ['750000000']]) {
        await createPlanItem(one.db, { planId: plan.id, deadlineKind: 'date', startsOn: '2027-01-01', deadline: '2027-03-10', responsible });
      }
      const at = kz('2027-03-11', '09:00');
      const [a, b] = await Promise.all([
        sendPlanReminders({ db: one.db, mailer: mailers[0]!, baseUrl }, at),
        sendPlanReminders({ db: two.db, mailer: mailers[1]!, baseUrl }, at),
      ]);
      // Three items: West's (2 staff), the regions' (West's 2 and Almaty's 1), Almaty's (1).
      expect([...a.sent, ...b.sent]).toHaveLength(4);
      expect(smtp.received.flatMap((m) => m.to).toSorted()).toEqual([
        'almaty-en@example.kz',
        'almaty-en@example.kz',
        'west-kk@example.kz',
        'west-kk@example.kz',
        'west-ru@example.kz',
        'west-ru@example.kz',
      ]);
      const claims = await one.db.selectFrom('plan_reminder').select(['item_id', 'kind', 'recipients']).execute();
      expect(claims.map((c) => c.kind)).toEqual(['overdue', 'overdue', 'overdue', 'overdue']);
      expect(claims.reduce((n, c) => n + c.recipients, 0)).toBe(6);
      // And again, at once, later that day: nothing.
      await Promise.all([sendPlanReminders({ db: one.db, mailer: mailers[0]!, baseUrl }, kz('2027-03-11', '10:15')), sendPlanReminders({ db: two.db, mailer: mailers[1]!, baseUrl }, kz('2027-03-11', '10:15'))]);
      expect(smtp.received).toHaveLength(6);
    } finally {
      for (const m of mailers) await m.close();
      await smtp.close();
      await one.close();
      await two.close();
    }
  });
});
