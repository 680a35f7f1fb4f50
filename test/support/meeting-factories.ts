// Meeting test data: a meeting of the home organisation (the Council by default) with its agenda
// (items, sub-items, rapporteurs and co-speakers), invitations of region maslikhats by KATO with
// their answers, and decisions adopted at it. On top of the seeded reference data.
//
//   const m = await createMeeting(db, {
//     startsAt: '2020-10-21T11:00', status: 'held', number: 1,
//     agenda: [{ title: { kk: 'Кеңес жұмысы туралы' }, isMain: true, rapporteurs: [{ name: 'Әлиев Нұрлан' }],
//                children: [{ title: { ru: 'Подвопрос' } }] }],
//     invitations: [{ kato: '710000000', status: 'confirmed', attendanceMode: 'video' }],
//     decisions: [{ title: { kk: 'Жоспарды бекіту туралы' }, kind: 'plan_adoption', result: 'adopted' }],
//   });
//
// `startsAt` without an offset is local time in the meeting's zone (Asia/Almaty by default).
import type { Db } from '../../src/core/db/connect.js';
import type { DecisionKind, MeetingStatus } from '../../src/core/db/database.js';
import { newId } from '../../src/core/ids.js';
import type { LocalizedText } from '../../src/core/i18n/localized-text.js';
import { createPerson, maslikhatId, organizationId, type PersonInput } from './registry-factories.js';

export interface SpeakerInput {
  /** An existing person's id, or a new person's details. */
  person?: string | PersonInput;
  /** Shorthand for `person: { name }`. */
  name?: LocalizedText | string;
  label?: LocalizedText;
}

export interface AgendaItemInput {
  title: LocalizedText;
  description?: LocalizedText;
  minutesAllotted?: number;
  isMain?: boolean;
  rapporteurs?: SpeakerInput[];
  coSpeakers?: SpeakerInput[];
  children?: AgendaItemInput[];
}

export interface InvitationInput {
  /** KATO of the region (its region-level maslikhat is invited) or a maslikhat's slug. */
  kato: string;
  status?: 'invited' | 'confirmed' | 'declined';
  attendanceMode?: 'room' | 'video' | null;
}

export interface MeetingDecisionInput {
  title: LocalizedText;
  kind?: DecisionKind;
  number?: string | null;
  result?: 'adopted' | 'rejected' | null;
  votes?: { for: number; against: number; abstain: number };
  /** Index of the top-level agenda item that adopted it. */
  agendaItem?: number;
}

export interface MeetingInput {
  /** Slug of the organisation; default the home organisation (`setting.home_organization`, else 'council-senate'). */
  organization?: string;
  kind?: 'regular' | 'extraordinary' | 'field';
  number?: number | null;
  title?: LocalizedText | null;
  /** ISO date-time; without an offset it is local time in `timeZone`. Default: 30 days from now. */
  startsAt?: string | Date;
  endsAt?: string | Date | null;
  timeZone?: string;
  place?: LocalizedText | null;
  format?: 'in_person' | 'online' | 'hybrid';
  videoUrl?: string | null;
  status?: MeetingStatus;
  statusReason?: LocalizedText | null;
  isDemo?: boolean;
  agenda?: AgendaItemInput[];
  invitations?: InvitationInput[];
  decisions?: MeetingDecisionInput[];
}

export interface CreatedMeeting {
  id: string;
  organizationId: string;
  /** Top-level agenda item ids in order; each with its children's ids. */
  agenda: { id: string; children: string[] }[];
  speakers: { personId: string; agendaItemId: string; role: 'rapporteur' | 'co_speaker' }[];
  invitations: { id: string; organizationId: string }[];
  decisions: string[];
}

const json = (v: unknown) => JSON.stringify(v);

/** An instant from a local wall-clock time in a zone (exact for zones whose offset is whole minutes). */
export function zonedInstant(local: string, timeZone: string): Date {
  if (/(Z|[+-]\d{2}:?\d{2})$/.test(local)) return new Date(local);
  const asUtc = new Date(`${local}${local.length <= 16 ? ':00' : ''}Z`);
  let instant = asUtc;
  for (let i = 0; i < 2; i++) {
    const parts = Object.fromEntries(
      new Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' })
        .formatToParts(instant)
        .map((p) => [p.type, p.value]),
    );
    const shown = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
    instant = new Date(instant.getTime() + (asUtc.getTime() - shown));
  }
  return instant;
}

async function homeOrganizationSlug(db: Db): Promise<string> {
  const row = await db.selectFrom('setting').select('value').where('key', '=', 'home_organization').executeTakeFirst();
  return typeof row?.value === 'string' ? row.value : 'council-senate';
}

export async function createMeeting(db: Db, input: MeetingInput = {}): Promise<CreatedMeeting> {
  const id = newId();
  const orgId = await organizationId(db, input.organization ?? (await homeOrganizationSlug(db)));
  const timeZone = input.timeZone ?? 'Asia/Almaty';
  const toInstant = (v: string | Date) => (v instanceof Date ? v : zonedInstant(v, timeZone));
  const startsAt = input.startsAt ? toInstant(input.startsAt) : new Date(Date.now() + 30 * 86_400_000);
  const status = input.status ?? 'announced';
  await db
    .insertInto('meeting')
    .values({
      id,
      organization_id: orgId,
      kind: input.kind ?? 'regular',
      number: input.number === undefined ? null : input.number,
      title: input.title === undefined ? { kk: 'Кеңестің кезекті отырысы', ru: 'Очередное заседание Совета', en: 'Regular meeting of the Council' } : input.title === null ? null : json(input.title),
      starts_at: startsAt,
      ends_at: input.endsAt ? toInstant(input.endsAt) : null,
      time_zone: timeZone,
      place: input.place ? json(input.place) : null,
      format: input.format ?? 'hybrid',
      video_url: input.videoUrl === undefined ? 'https://meet.example.kz/council-secret-room' : input.videoUrl,
      chair_person_id: null,
      status,
      status_reason: input.statusReason ? json(input.statusReason) : null,
      announced_at: status === 'draft' ? null : new Date(),
      current_agenda_item_id: null,
      is_demo: input.isDemo ?? false,
    })
    .execute();

  const created: CreatedMeeting = { id, organizationId: orgId, agenda: [], speakers: [], invitations: [], decisions: [] };

  async function addSpeakers(itemId: string, role: 'rapporteur' | 'co_speaker', speakers: SpeakerInput[]) {
    let position = 0;
    for (const s of speakers) {
      const personId = typeof s.person === 'string' ? s.person : (await createPerson(db, s.person ?? (s.name ? { name: s.name } : {}))).id;
      await db
        .insertInto('agenda_speaker')
        .values({ id: newId(), agenda_item_id: itemId, person_id: personId, role, position: ++position, label: s.label ? json(s.label) : null })
        .execute();
      created.speakers.push({ personId, agendaItemId: itemId, role });
    }
  }

  async function addItem(item: AgendaItemInput, position: number, parentId: string | null): Promise<string> {
    const itemId = newId();
    await db
      .insertInto('agenda_item')
      .values({
        id: itemId,
        meeting_id: id,
        parent_id: parentId,
        position,
        title: json(item.title),
        description: item.description ? json(item.description) : null,
        minutes_allotted: item.minutesAllotted ?? null,
        is_main: item.isMain ?? false,
      })
      .execute();
    await addSpeakers(itemId, 'rapporteur', item.rapporteurs ?? []);
    await addSpeakers(itemId, 'co_speaker', item.coSpeakers ?? []);
    return itemId;
  }

  let position = 0;
  for (const item of input.agenda ?? []) {
    const itemId = await addItem(item, ++position, null);
    const children: string[] = [];
    let childPosition = 0;
    for (const child of item.children ?? []) children.push(await addItem(child, ++childPosition, itemId));
    created.agenda.push({ id: itemId, children });
  }

  for (const invitation of input.invitations ?? []) {
    const invitationId = newId();
    const organization = await maslikhatId(db, invitation.kato);
    const answered = invitation.status && invitation.status !== 'invited';
    await db
      .insertInto('meeting_invitation')
      .values({
        id: invitationId,
        meeting_id: id,
        organization_id: organization,
        person_id: null,
        status: invitation.status ?? 'invited',
        attendance_mode: invitation.attendanceMode ?? null,
        attendees: null,
        responded_at: answered ? new Date() : null,
        responded_by: null,
      })
      .execute();
    created.invitations.push({ id: invitationId, organizationId: organization });
  }

  const meetingDay = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(startsAt);
  for (const decision of input.decisions ?? []) {
    const decisionId = newId();
    await db
      .insertInto('decision')
      .values({
        id: decisionId,
        organization_id: orgId,
        number: decision.number ?? null,
        decision_date: meetingDay,
        kind: decision.kind ?? 'recommendation',
        title: json(decision.title),
        body: null,
        meeting_id: id,
        agenda_item_id: decision.agendaItem === undefined ? null : (created.agenda[decision.agendaItem]?.id ?? null),
        votes_for: decision.votes?.for ?? null,
        votes_against: decision.votes?.against ?? null,
        votes_abstain: decision.votes?.abstain ?? null,
        result: decision.result === undefined ? 'adopted' : decision.result,
      })
      .execute();
    created.decisions.push(decisionId);
  }
  return created;
}

/** Invites a person (not an organisation) to a meeting, with their answer. */
export async function invitePerson(db: Db, meetingId: string, personId: string, status: 'invited' | 'confirmed' | 'declined' = 'invited'): Promise<string> {
  const id = newId();
  const answered = status !== 'invited';
  await db
    .insertInto('meeting_invitation')
    .values({ id, meeting_id: meetingId, organization_id: null, person_id: personId, status, attendance_mode: null, attendees: null, responded_at: answered ? new Date() : null, responded_by: null })
    .execute();
  return id;
}
