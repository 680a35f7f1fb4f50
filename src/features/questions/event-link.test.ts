// A question raised at an outreach event names the event (migration 0023): the link must name a real
// event, and deleting the event keeps the question, unlinked.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOutreachEvent } from '../../../test/support/outreach-factories.js';
import { areaId, maslikhatId } from '../../../test/support/registry-factories.js';
import { createTestDatabase } from '../../../test/support/test-db.js';
import type { DatabaseHandle, Db } from '../../core/db/connect.js';
import { newId } from '../../core/ids.js';

let database: DatabaseHandle;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

async function questionAt(db: Db, eventId: string) {
  const id = newId();
  await db
    .insertInto('citizen_question')
    .values({
      id,
      reference: `Q-2020-${id.slice(-6)}`,
      organization_id: await maslikhatId(db, '270000000'),
      assignee_person_id: null,
      channel: 'event',
      outreach_event_id: eventId,
      applicant_name: 'Айгүл',
      contact_email: null,
      contact_phone: '+7 701 000 0000',
      area_id: await areaId(db, '270000000'),
      settlement: null,
      body: 'Сұрақ',
      language: 'kk',
      consent_at: new Date(),
      state: 'registered',
      registered_on: '2020-10-01',
      due_date: '2020-10-22',
      tracking_token_hash: newId().replace(/-/g, '').padEnd(64, '0'),
      created_at: new Date(),
      updated_at: new Date(),
    })
    .execute();
  return id;
}

describe('citizen_question.outreach_event_id', () => {
  it('names an event; deleting the event keeps its questions, unlinked', async () => {
    const { db } = database;
    const eventId = await createOutreachEvent(db, { maslikhat: '270000000', startsAt: new Date('2020-10-01T05:00:00Z') });
    const questionId = await questionAt(db, eventId);
    await db.deleteFrom('outreach_event').where('id', '=', eventId).execute();
    const kept = await db.selectFrom('citizen_question').select(['id', 'outreach_event_id']).where('id', '=', questionId).executeTakeFirstOrThrow();
    expect(kept).toEqual({ id: questionId, outreach_event_id: null });
  });

  it('refuses an id that names no event', async () => {
    await expect(questionAt(database.db, newId())).rejects.toThrow(/foreign key|citizen_question_outreach_event_fk/);
  });
});
