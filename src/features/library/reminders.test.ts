// Library reminders: to the staff of each maslikhat that has not acknowledged a material N days
// after it was sent, in their language, exactly once — however many runs, and two instances at
// once (on PostgreSQL, through an in-process SMTP server).
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount, mailsWrittenBy } from '../../../test/support/factories.js';
import { createMaterial, distribute } from '../../../test/support/library-factories.js';
import { createSharedTestDatabase, createTestDatabase, usingPostgres } from '../../../test/support/test-db.js';
import { startTestSmtp } from '../../../test/support/smtp.js';
import type { DatabaseHandle, Db } from '../../core/db/connect.js';
import { createMailer, type MailJobDeps, type Mailer } from '../../core/mail/mailer.js';
import { sendLibraryReminders } from './reminders.js';

const baseUrl = 'https://kenes.example.kz';
const silent = pino({ level: 'silent' });
const westSlug = 'maslikhat-270000000';
const almatySlug = 'maslikhat-750000000';

let database: DatabaseHandle;
let mailer: Mailer;
let deps: MailJobDeps;

async function staff(db: Db) {
  await createAccount(db, { email: 'west-kk@example.kz', displayName: 'Айгүл', grants: [{ role: 'maslikhat_staff', organizationSlug: westSlug }] });
  await createAccount(db, { email: 'west-ru@example.kz', displayName: 'Ольга', language: 'ru', grants: [{ role: 'maslikhat_staff', organizationSlug: westSlug }] });
  await createAccount(db, { email: 'almaty-en@example.kz', displayName: 'Dana', language: 'en', grants: [{ role: 'maslikhat_staff', organizationSlug: almatySlug }] });
  await createAccount(db, { email: 'west-deputy@example.kz', grants: [{ role: 'deputy', organizationSlug: westSlug }] });
}

const day = 24 * 60 * 60 * 1000;

beforeAll(async () => {
  database = await createTestDatabase();
  mailer = createMailer({ db: database.db, smtpUrl: undefined, from: 'Kenes <no-reply@kenes.local>', logger: silent });
  deps = { db: database.db, mailer, baseUrl };
  await staff(database.db);
});
afterAll(async () => {
  await mailer?.close();
  await database?.close();
});

describe(`sendLibraryReminders (${usingPostgres ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('after N days, one mail to each staff member of a maslikhat that has not acknowledged, in their language, with the link; never again', async () => {
    const sentAt = new Date('2030-03-01T06:00:00Z');
    const id = await createMaterial(database.db, { state: 'published', title: { kk: 'Бюджет туралы дәріс', ru: 'Лекция о бюджете', en: 'A lecture on the budget' } });
    const distributionId = await distribute(database.db, id, [westSlug, almatySlug], { sentAt, remindAfterDays: 3, acknowledged: [almatySlug] });
    const early = await mailsWrittenBy(database.db, () => sendLibraryReminders(deps, new Date(sentAt.getTime() + 3 * day - 60_000)));
    expect(early.mails.filter((m) => m.body_text.includes(id))).toEqual([]);
    const { result, mails } = await mailsWrittenBy(database.db, () => sendLibraryReminders(deps, new Date(sentAt.getTime() + 3 * day)));
    const ours = mails.filter((m) => m.body_text.includes(id));
    expect(ours.map((m) => m.recipient).toSorted()).toEqual(['west-kk@example.kz', 'west-ru@example.kz']);
    expect(result.sent.filter((s) => s.distributionId === distributionId)).toEqual([{ distributionId, organizationId: expect.any(String), recipients: 2 }]);
    const ru = ours.find((m) => m.recipient === 'west-ru@example.kz')!;
    expect(ru.subject).toBe('Напоминание: подтвердите получение материала «Лекция о бюджете»');
    expect(ru.body_text).toContain('Здравствуйте, Ольга!');
    expect(ru.body_text).toContain(`${baseUrl}/ru/office/maslikhats/${westSlug}/library/${id}`);
    expect(ours.find((m) => m.recipient === 'west-kk@example.kz')!.body_text).toContain('Құрметті Айгүл!');
    const again = await mailsWrittenBy(database.db, () => sendLibraryReminders(deps, new Date(sentAt.getTime() + 10 * day)));
    expect(again.mails.filter((m) => m.body_text.includes(id))).toEqual([]);
  });

  it('nothing once acknowledged, nor for a withdrawn material; a maslikhat with no staff stays unclaimed', async () => {
    const sentAt = new Date('2030-05-01T06:00:00Z');
    const acknowledged = await createMaterial(database.db, { state: 'published' });
    await distribute(database.db, acknowledged, [westSlug], { sentAt, acknowledged: [westSlug] });
    const withdrawn = await createMaterial(database.db, { state: 'withdrawn' });
    await distribute(database.db, withdrawn, [westSlug], { sentAt });
    const nobody = await createMaterial(database.db, { state: 'published' });
    await distribute(database.db, nobody, ['maslikhat-710000000'], { sentAt });
    const { mails } = await mailsWrittenBy(database.db, () => sendLibraryReminders(deps, new Date(sentAt.getTime() + 8 * day)));
    expect(mails.filter((m) => [acknowledged, withdrawn, nobody].some((id) => m.body_text.includes(id)))).toEqual([]);
    const unclaimed = await database.db.selectFrom('library_delivery as v').innerJoin('library_distribution as d', 'd.id', 'v.distribution_id').select('v.reminded_at').where('d.material_id', '=', nobody).execute();
    expect(unclaimed).toEqual([{ reminded_at: null }]);
  });

  it('two runs at once in one process send one mail per recipient', async () => {
    const sentAt = new Date('2030-07-01T06:00:00Z');
    const id = await createMaterial(database.db, { state: 'published' });
    await distribute(database.db, id, [almatySlug], { sentAt });
    const at = new Date(sentAt.getTime() + 7 * day);
    const { mails } = await mailsWrittenBy(database.db, () => Promise.all([sendLibraryReminders(deps, at), sendLibraryReminders(deps, at)]));
    expect(mails.filter((m) => m.body_text.includes(id)).map((m) => m.recipient)).toEqual(['almaty-en@example.kz']);
  });
});


describe.runIf(usingPostgres)('two app instances on one PostgreSQL database', () => {
  it('running the reminder job at once, they send exactly one mail per unacknowledged maslikhat and recipient', async () => {
    const shared = await createSharedTestDatabase();
    const smtp = await startTestSmtp();
    const [one, two] = shared ?? [];
    if (!one || !two) throw new Error('PostgreSQL only');
    const mailers = [one, two].map((h) => createMailer({ db: h.db, smtpUrl: smtp.url, from: 'Kenes <no-reply@kenes.local>', logger: silent }));
    try {
      await staff(one.db);
      const sentAt = new Date('2030-09-01T06:00:00Z');
      for (let i = 0; i < 3; i++) {
        const id = await createMaterial(one.db, { state: 'published' });
        await distribute(one.db, id, [westSlug, almatySlug], { sentAt });
      }
      const at = new Date(sentAt.getTime() + 7 * day);
      const [a, b] = await Promise.all([sendLibraryReminders({ db: one.db, mailer: mailers[0]!, baseUrl }, at), sendLibraryReminders({ db: two.db, mailer: mailers[1]!, baseUrl }, at)]);
      // Three materials, each to West (2 staff) and Almaty (1).
      expect([...a.sent, ...b.sent]).toHaveLength(6);
      expect(smtp.received.flatMap((m) => m.to).toSorted()).toEqual([
        ...Array(3).fill('almaty-en@example.kz'),
        ...Array(3).fill('west-kk@example.kz'),
        ...Array(3).fill('west-ru@example.kz'),
      ]);
      await Promise.all([sendLibraryReminders({ db: one.db, mailer: mailers[0]!, baseUrl }, at), sendLibraryReminders({ db: two.db, mailer: mailers[1]!, baseUrl }, at)]);
      expect(smtp.received).toHaveLength(9);
    } finally {
      for (const m of mailers) await m.close();
      await smtp.close();
      await one.close();
      await two.close();
    }
  });
});
