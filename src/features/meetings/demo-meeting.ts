// `kenes seed --demo`: the Council's meeting of 21 October 2020 as the seed document records it
// (reference-data/demo/meeting-2020-10-21.json): held, hybrid, 17 regions by video, the agenda,
// speakers and their words, and the decisions tied to it. Idempotent: skipped when a meeting of
// the Council exists on that day. Runs after the registry's demo seed (the people and decisions).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { systemContext } from '../../core/audit/audit.js';
import type { Config } from '../../core/config.js';
import type { DatabaseHandle, Db } from '../../core/db/connect.js';
import { openFileStore } from '../../core/files.js';
import { createLiveHub } from '../../core/live.js';
import { createRegistryService } from '../registry/registry.service.js';
import { createMinutesService, MinutesError } from './minutes.service.js';
import type { DecisionKind } from '../../core/db/database.js';
import { newId } from '../../core/ids.js';
import type { LocalizedText } from '../../core/i18n/localized-text.js';
import { referenceDataDir } from '../../core/paths.js';
import type { Progress } from '../../core/progress.js';
import { findDecisionOn, recordDecision } from '../registry/decisions.js';
import { zonedInstant } from '../../core/i18n/format.js';
import { insertStatement } from './live.repository.js';
import * as repo from './meetings.repository.js';

interface MeetingFile {
  source: string;
  organization: string;
  date: string;
  assumedTime: string;
  timeZone: string;
  format: 'hybrid';
  place: LocalizedText;
  chair: string;
  /** The seed document itself: the Senate's Kazakh text, and our Russian and English translations (published by news/demo-press-release.ts). */
  pressRelease: { title: LocalizedText; lead: LocalizedText; body: LocalizedText };
  agenda: {
    key: string;
    main: boolean;
    title: LocalizedText;
    speakers: { person: string; role: 'rapporteur' | 'co_speaker' }[];
    /** What was said: the quotation in the language it was said in, and a summary in the others (Kenes's rendering). */
    statements: { person: string; language: 'kk' | 'ru' | 'en'; quotation: string; summary?: LocalizedText }[];
    decision?: DecisionKind;
    newDecision?: { kind: DecisionKind; title: LocalizedText; body: LocalizedText };
  }[];
}

/** The demo meeting as the seed document records it (the news feature takes its press release from here). */
export const readMeetingFile = () => JSON.parse(readFileSync(path.join(referenceDataDir, 'demo', 'meeting-2020-10-21.json'), 'utf8')) as MeetingFile;

/** The demo meeting's id (whether added now or before), and whether it was added now. */
export async function seedDemoMeeting(db: Db, progress?: Progress): Promise<{ added: boolean; regions: number; meetingId: string | undefined }> {
  const data = readMeetingFile();
  progress?.step('demo: the meeting of 21 October 2020');
  const registry = createRegistryService(db);
  const councilId = await registry.organizationIdBySlug(data.organization);
  if (!councilId) throw new Error(`The organisation ${data.organization} is not in the registry; run "kenes seed" first.`);
  const startsAt = zonedInstant(data.date, data.assumedTime, data.timeZone);
  const dayStart = zonedInstant(data.date, '00:00', data.timeZone);
  const existing = await repo.findMeetingOnDay(db, councilId, dayStart, new Date(dayStart.getTime() + 86_400_000));
  if (existing) return { added: false, regions: 0, meetingId: existing.id };
  const regions = await registry.listRegionMaslikhats(data.date);

  return db.transaction().execute(async (trx) => {
    const person = async (name: string) => {
      const id = await repo.findPersonIdByEnglishName(trx, name);
      if (!id) throw new Error(`${name} is not in the registry; the registry's demo seed runs first.`);
      return id;
    };
    const meetingId = newId();
    await repo.insertHeldMeeting(trx, {
      id: meetingId,
      organization_id: councilId,
      kind: 'regular',
      number: null,
      title: data.agenda.find((a) => a.main)?.title ?? null,
      starts_at: startsAt,
      time_zone: data.timeZone,
      place: data.place,
      format: data.format,
      video_url: null,
      chair_person_id: await person(data.chair),
    });
    for (const [index, item] of data.agenda.entries()) {
      const itemId = newId();
      await repo.insertAgendaItemAt(trx, { id: itemId, meeting_id: meetingId, position: index + 1, title: item.title, is_main: item.main });
      await repo.insertSpeakers(trx, await Promise.all(item.speakers.map(async (s, i) => ({ id: newId(), agenda_item_id: itemId, person_id: await person(s.person), role: s.role, position: i + 1 }))));
      // One at a time: each statement takes the next position under its item.
      for (const s of item.statements) {
        await insertStatement(trx, { id: newId(), agenda_item_id: itemId, person_id: await person(s.person), speaker_label: null, summary: s.summary ?? null, quotation: s.quotation, language: s.language });
      }
      if (item.decision) {
        const decisionId = await findDecisionOn(trx, councilId, data.date, item.decision);
        if (decisionId) await repo.linkDecisionToMeeting(trx, decisionId, meetingId, itemId);
      }
      if (item.newDecision) {
        const { kind, title, body } = item.newDecision;
        const decisionId = await recordDecision(trx, { organizationId: councilId, number: null, date: data.date, kind, title, body });
        await repo.linkDecisionToMeeting(trx, decisionId, meetingId, itemId);
      }
    }
    await repo.insertConfirmedVideoAttendance(trx, meetingId, regions.map((r) => ({ id: newId(), attendanceId: newId(), organizationId: r.id })), startsAt);
    return { added: true, regions: regions.length, meetingId };
  });
}

/**
 * Approves the demo meeting's minutes as the Council did: the files are made from the record and
 * kept in the file store. Returns false when they were approved before (or it is not held).
 */
export async function approveDemoMinutes(database: DatabaseHandle, config: Config, meetingId: string): Promise<boolean> {
  const registry = createRegistryService(database.db);
  const minutes = createMinutesService(database.db, registry, openFileStore(database, config.dataDir), createLiveHub(database));
  try {
    await minutes.approve(meetingId, systemContext('seed'), (config.publicUrl ?? `http://${config.host}:${config.port}`).replace(/\/+$/, ''));
    return true;
  } catch (err) {
    if (err instanceof MinutesError) return false;
    throw err;
  }
}
