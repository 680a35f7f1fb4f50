// readPublicMeetingPage reads the public meeting page in one query compiled once, its eight lists as
// JSON: it must give exactly what findPublicMeeting and the eight list functions give one by one (the
// same rows, order, values and types, a Date where the row has one) — on PGlite and on PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';
import type { Executor } from '../../core/db/query.js';
import { publishDemoPressRelease } from '../news/demo-press-release.js';
import { seedDemoPlan } from '../plan/demo-plan.js';
import { seedDemoData } from '../registry/demo-seed.js';
import { approveDemoMinutes, seedDemoMeeting } from './demo-meeting.js';
import { listKeptMinutes } from './minutes.repository.js';
import * as repo from './public.repository.js';

let t: TestApp;
let meetingId = '';
let homeId = '';
beforeAll(async () => {
  t = await createTestApp();
  await seedDemoData(t.database.db);
  meetingId = (await seedDemoMeeting(t.database.db)).meetingId ?? '';
  homeId = (await t.database.db.selectFrom('meeting').select('organization_id').where('id', '=', meetingId).executeTakeFirstOrThrow()).organization_id;
  if (!(await approveDemoMinutes(t.database, t.config, meetingId))) throw new Error('the demo minutes could not be approved');
  // What other features know of it: its press release (news) and the plan it adopted (plan).
  if (!(await publishDemoPressRelease(t.database.db, meetingId))) throw new Error('the demo press release could not be published');
  await seedDemoPlan(t.database.db);
  // A paper on the meeting and one on its second item, so both orders of the papers' list show.
  const items = await repo.listAgendaItems(t.database.db, meetingId);
  const paper = (id: string, agendaItemId: string | null, title: string) => ({
    id,
    meeting_id: meetingId,
    agenda_item_id: agendaItemId,
    title: { en: title },
    file_name: `${title}.pdf`,
    file_hash: 'a'.repeat(64),
    content_type: 'application/pdf' as const,
    byte_size: 1234,
  });
  // One decision applied (its only timestamp), to the millisecond.
  const decision = await t.database.db.selectFrom('decision').select('id').where('meeting_id', '=', meetingId).orderBy('id').executeTakeFirstOrThrow();
  await t.database.db.updateTable('decision').set({ applied_at: new Date('2020-10-21T10:15:30.123Z') }).where('id', '=', decision.id).execute();
  // A rapporteur and a co-speaker on the first item (the demo records what was said, not who was to speak).
  const person = await t.database.db.selectFrom('person').select('id').orderBy('id').executeTakeFirstOrThrow();
  await t.database.db
    .insertInto('agenda_speaker')
    .values([
      { id: '01a23acf-0000-7000-8000-000000000011', agenda_item_id: items[0]?.id ?? '', person_id: person.id, role: 'co_speaker', label: null },
      { id: '01a23acf-0000-7000-8000-000000000012', agenda_item_id: items[0]?.id ?? '', person_id: person.id, role: 'rapporteur', label: { en: 'Chair of the committee' } },
    ])
    .execute();
  await t.database.db
    .insertInto('meeting_paper')
    .values([paper('01a23acf-0000-7000-8000-000000000002', items[1]?.id ?? null, 'Item paper'), paper('01a23acf-0000-7000-8000-000000000001', null, 'Meeting paper')])
    .execute();
});
afterAll(() => t.close());

describe('readPublicMeetingPage', () => {
  it('gives what findPublicMeeting and the eight list functions give, in one query', async () => {
    const db = t.database.db;
    const page = await repo.readPublicMeetingPage(db, homeId, meetingId);
    expect(page?.meeting).toEqual(await repo.findPublicMeeting(db, homeId, meetingId));
    expect(page?.meeting.startsAt).toBeInstanceOf(Date);
    const one = page?.lists;
    const each = {
      items: await repo.listAgendaItems(db, meetingId),
      speakers: await repo.listAgendaSpeakers(db, meetingId),
      statements: await repo.listStatements(db, meetingId),
      regions: await repo.listInvitedOrganizations(db, meetingId),
      decisions: await repo.listMeetingDecisions(db, meetingId),
      minutes: await listKeptMinutes(db, meetingId),
      papers: await repo.listPapers(db, meetingId),
      admitted: await repo.listAdmittedByMeeting(db, meetingId),
    };
    // The demo meeting fills every list, so the comparison compares something.
    expect(Object.entries(each).flatMap(([name, rows]) => (rows.length ? [] : [name]))).toEqual([]);
    expect(each.decisions.some((d) => d.appliedAt instanceof Date)).toBe(true);
    expect(one).toEqual(each);
    expect(one?.decisions.map((d) => d.appliedAt?.getTime() ?? null)).toEqual(each.decisions.map((d) => d.appliedAt?.getTime() ?? null));
  });

  it('leaves the papers out until the meeting is held, and gives a draft or another organisation\'s meeting to no one', async () => {
    const db = t.database.db;
    const setStatus = (status: 'announced' | 'draft' | 'minutes_approved') => db.updateTable('meeting').set({ status }).where('id', '=', meetingId).execute();
    try {
      await setStatus('announced');
      const announced = await repo.readPublicMeetingPage(db, homeId, meetingId);
      expect(announced?.meeting.status).toBe('announced');
      expect(announced?.lists.papers).toEqual([]);
      expect(announced?.lists.items.length).toBeGreaterThan(0);
      await setStatus('draft');
      expect(await repo.readPublicMeetingPage(db, homeId, meetingId)).toBeUndefined();
    } finally {
      await setStatus('minutes_approved');
    }
    expect((await repo.readPublicMeetingPage(db, homeId, meetingId))?.lists.papers).toHaveLength(2);
    const other = await db.selectFrom('organization').select('id').where('id', '!=', homeId).orderBy('id').executeTakeFirstOrThrow();
    expect(await repo.readPublicMeetingPage(db, other.id, meetingId)).toBeUndefined();
  });

  it('carries what other features know of the meeting in the same query: the links linksFor gives', async () => {
    const related = (db: Executor, id: string) => t.app.related.columnFor('meeting', db, id);
    const page = await repo.readPublicMeetingPage(t.database.db, homeId, meetingId, related);
    const links = await t.app.related.linksWith('meeting', meetingId, 'en', page?.related ?? {});
    expect(links.map((l) => l.messageKey).toSorted()).toEqual(['planPublic.relatedMeeting', 'pressRelease.publicLink']);
    expect(links).toEqual(await t.app.related.linksFor('meeting', meetingId, 'en'));
    // Without the related column the page reads none, and asking for links from it is a mistake.
    const alone = await repo.readPublicMeetingPage(t.database.db, homeId, meetingId);
    expect(alone?.related).toEqual({});
    await expect(t.app.related.linksWith('meeting', meetingId, 'en', alone?.related ?? {})).rejects.toThrow(/not selected/);
  });
});
