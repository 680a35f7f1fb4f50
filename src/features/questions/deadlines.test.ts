// The questions' overdue alerts: to whom, once per question and kind (again when an extended
// deadline passes), none for answered or not yet due questions; exactly once with two instances.
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount, mailsWrittenBy } from '../../../test/support/factories.js';
import { areaId, createDeputy, maslikhatId } from '../../../test/support/registry-factories.js';
import { createSharedTestDatabase, createTestDatabase, usingPostgres } from '../../../test/support/test-db.js';
import { startTestSmtp } from '../../../test/support/smtp.js';
import type { DatabaseHandle, Db } from '../../core/db/connect.js';
import type { QuestionState } from '../../core/db/database.js';
import { newId } from '../../core/ids.js';
import { translate } from '../../core/i18n/messages.js';
import { createMailer, type MailJobDeps } from '../../core/mail/mailer.js';
import { sendQuestionAlerts } from './deadlines.js';

const baseUrl = 'https://kenes.example.kz';
const silent = pino({ level: 'silent' });
const kz = (date: string, time = '09:00') => new Date(`${date}T${time}:00+05:00`);

let database: DatabaseHandle;
let deps: MailJobDeps;
let deputyPerson = '';
let counter = 0;

/** A question to West Kazakhstan's maslikhat, due on `due`. */
async function question(db: Db, input: { due: string; state?: QuestionState; extended?: string; assignee?: string | null; maslikhat?: string }) {
  const id = newId();
  const org = await maslikhatId(db, input.maslikhat ?? '270000000');
  await db
    .insertInto('citizen_question')
    .values({
      id,
      reference: `Q-2026-${String(++counter + 500_000).padStart(6, '0')}-${id.slice(-4)}`,
      organization_id: org,
      assignee_person_id: input.assignee ?? null,
      channel: 'form',
      applicant_name: 'Айгүл',
      contact_email: 'applicant@example.kz',
      contact_phone: null,
      area_id: await areaId(db, input.maslikhat ?? '270000000'),
      settlement: null,
      body: 'Сұрақ',
      language: 'kk',
      consent_at: new Date(),
      state: input.state ?? 'registered',
      registered_on: '2026-10-01',
      due_date: input.due,
      extended_due_date: input.extended ?? null,
      tracking_token_hash: randomHash(),
      created_at: new Date(),
      updated_at: new Date(),
    })
    .execute();
  return id;
}
const randomHash = () => newId().replace(/-/g, '').padEnd(64, '0');

async function people(db: Db) {
  await createAccount(db, { email: 'west-staff@example.kz', displayName: 'Ольга', language: 'ru', grants: [{ role: 'maslikhat_staff', organizationSlug: 'maslikhat-270000000' }] });
  await createAccount(db, { email: 'almaty-staff@example.kz', grants: [{ role: 'maslikhat_staff', organizationSlug: 'maslikhat-750000000' }] });
  await createAccount(db, { email: 'west-gone@example.kz', active: false, grants: [{ role: 'maslikhat_staff', organizationSlug: 'maslikhat-270000000' }] });
  const deputy = await createDeputy(db, { maslikhat: '270000000' });
  await createAccount(db, { email: 'deputy@example.kz', displayName: 'Серік', language: 'en', personId: deputy.personId, grants: [{ role: 'deputy', organizationSlug: 'maslikhat-270000000' }] });
  // Almaty's chairman has an account linked to the registry; West's chairman has none.
  const chairman = await createDeputy(db, { maslikhat: '750000000', role: 'head' });
  await createAccount(db, { email: 'almaty-chairman@example.kz', personId: chairman.personId });
  return deputy.personId;
}

beforeAll(async () => {
  database = await createTestDatabase();
  deps = { db: database.db, mailer: createMailer({ db: database.db, smtpUrl: undefined, from: 'Kenes <no-reply@kenes.local>', logger: silent }), baseUrl };
  deputyPerson = await people(database.db);
});
afterAll(() => database.close());

const run = async (at: Date) => mailsWrittenBy(database.db, () => sendQuestionAlerts(deps, at));

describe('sendQuestionAlerts (the question-alerts job)', () => {
  it('tells the assignee and the maslikhat’s staff once the deadline has passed, each in their language, once', async () => {
    const id = await question(database.db, { due: '2030-03-05', assignee: deputyPerson });
    expect((await run(kz('2030-03-05'))).result.sent.filter((s) => s.questionId === id)).toEqual([]);
    const { result, mails } = await run(kz('2030-03-06'));
    expect(result.sent.filter((s) => s.questionId === id)).toEqual([{ questionId: id, kind: 'overdue', recipients: 2 }]);
    const reference = (await database.db.selectFrom('citizen_question').select('reference').where('id', '=', id).executeTakeFirstOrThrow()).reference;
    const mine = mails.filter((m) => m.body_text.includes(id));
    expect(mine.map((m) => m.recipient).toSorted()).toEqual(['deputy@example.kz', 'west-staff@example.kz']);
    expect(mine.find((m) => m.recipient === 'west-staff@example.kz')?.subject).toBe(translate('ru', 'questions.alert.subject', { reference }));
    expect(mine.find((m) => m.recipient === 'deputy@example.kz')?.body_text).toContain(`${baseUrl}/en/office/questions/${id}`);
    expect((await run(kz('2030-03-07'))).mails.filter((m) => m.body_text.includes(id))).toEqual([]);
  });

  it('tells the chairman of the maslikhat too, when their account is linked to the registry', async () => {
    const id = await question(database.db, { due: '2030-06-01', maslikhat: '750000000' });
    const { mails } = await run(kz('2030-06-02'));
    expect(mails.filter((m) => m.body_text.includes(id)).map((m) => m.recipient).toSorted()).toEqual(['almaty-chairman@example.kz', 'almaty-staff@example.kz']);
  });

  it('alerts again once an extended deadline passes, and never for an answered question', async () => {
    const extended = await question(database.db, { due: '2030-04-01' });
    const answered = await question(database.db, { due: '2030-04-01', state: 'answered' });
    await run(kz('2030-04-02'));
    await database.db.updateTable('citizen_question').set({ extended_due_date: '2030-05-01' }).where('id', '=', extended).execute();
    expect((await run(kz('2030-04-20'))).result.sent.filter((s) => s.questionId === extended)).toEqual([]);
    const later = await run(kz('2030-05-02'));
    expect(later.result.sent.filter((s) => s.questionId === extended)).toEqual([{ questionId: extended, kind: 'overdue_extended', recipients: 1 }]);
    const kinds = await database.db.selectFrom('citizen_question_alert').select(['question_id', 'kind']).where('question_id', 'in', [extended, answered]).orderBy('kind').execute();
    expect(kinds).toEqual([
      { question_id: extended, kind: 'overdue' },
      { question_id: extended, kind: 'overdue_extended' },
    ]);
  });
});


describe.runIf(usingPostgres)('two app instances on one PostgreSQL database', () => {
  it('running the alert job at once, they send exactly one mail per overdue question and recipient', async () => {
    const shared = await createSharedTestDatabase();
    const smtp = await startTestSmtp();
    const [one, two] = shared ?? [];
    if (!one || !two) throw new Error('PostgreSQL only');
    const mailers = [one, two].map((h) => createMailer({ db: h.db, smtpUrl: smtp.url, from: 'Kenes <no-reply@kenes.local>', logger: silent }));
    try {
      const person = await people(one.db);
      await question(one.db, { due: '2031-01-10', assignee: person });
      await question(one.db, { due: '2031-01-10' });
      await question(one.db, { due: '2031-01-10', maslikhat: '750000000' });
      const at = kz('2031-01-12');
      const [a, b] = await Promise.all([sendQuestionAlerts({ db: one.db, mailer: mailers[0]!, baseUrl }, at), sendQuestionAlerts({ db: two.db, mailer: mailers[1]!, baseUrl }, at)]);
      expect([...a.sent, ...b.sent]).toHaveLength(3);
      expect(smtp.received.flatMap((m) => m.to).toSorted()).toEqual(['almaty-chairman@example.kz', 'almaty-staff@example.kz', 'deputy@example.kz', 'west-staff@example.kz', 'west-staff@example.kz']);
      await Promise.all([sendQuestionAlerts({ db: one.db, mailer: mailers[0]!, baseUrl }, kz('2031-01-12', '10:20')), sendQuestionAlerts({ db: two.db, mailer: mailers[1]!, baseUrl }, kz('2031-01-12', '10:20'))]);
      expect(smtp.received).toHaveLength(5);
    } finally {
      for (const m of mailers) await m.close();
      await smtp.close();
      await one.close();
      await two.close();
    }
  });
});
