// The demo's citizens' questions: every region has one in each state, with due dates and history; seeded once; never alerted about.
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/test-db.js';
import type { DatabaseHandle } from '../../core/db/connect.js';
import { createMailer } from '../../core/mail/mailer.js';
import { createCalendarService } from '../calendar/calendar.service.js';
import { sendQuestionAlerts } from './deadlines.js';
import { seedDemoQuestions } from './demo-questions.js';

let database: DatabaseHandle;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

describe('seedDemoQuestions (kenes seed --demo)', () => {
  it('adds autumn 2020 questions in every state in every region, once, and the alert job leaves them alone', async () => {
    const db = database.db;
    const calendar = await createCalendarService(db).calendar();
    const first = await seedDemoQuestions(db, calendar);
    expect(first.outcome).toBe('added');
    const rows = await db.selectFrom('citizen_question').select(['organization_id', 'state', 'due_date', 'is_demo', 'contact_email', 'registered_on']).execute();
    expect(rows.length).toBe(first.questions);
    expect(rows.length).toBeGreaterThanOrEqual(17 * 5);
    const byRegion = Map.groupBy(rows, (r) => r.organization_id);
    for (const states of [...byRegion.values()].map((list) => list.map((r) => r.state).toSorted())) expect(states).toEqual(['answered', 'closed', 'forwarded', 'in_work', 'registered']);
    expect(rows.every((r) => r.is_demo && r.contact_email === null && r.due_date !== null && r.registered_on.startsWith('2020-'))).toBe(true);
    const history = await db.selectFrom('citizen_question_event').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    expect(Number(history.n)).toBeGreaterThan(rows.length * 2);
    expect(await seedDemoQuestions(db, calendar)).toEqual({ outcome: 'present', questions: 0 });
    const mailer = createMailer({ db, smtpUrl: undefined, from: 'Kenes <no-reply@kenes.local>', logger: pino({ level: 'silent' }) });
    expect((await sendQuestionAlerts({ db, mailer, baseUrl: 'https://kenes.example' })).sent).toEqual([]);
  });
});
