// The minutes (protocol) of a meeting as a structure of plain strings in one language, built once
// from the meeting's record and laid out by both the DOCX and the PDF renderer; and the typeface
// both use (PT Serif: it has every Kazakh letter).
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { formatDate, localize } from '../../../core/i18n/format.js';
import type { LocalizedText, StoredLanguage } from '../../../core/i18n/localized-text.js';
import { regionPresence, type AgendaEntry } from '../public.service.js';
import type { MeetingDecisionRow, StatementRow } from '../public.repository.js';
import { postOf } from '../posts.js';
import type { MeetingRecord } from '../record.js';

export type MinutesLanguage = StoredLanguage;

export interface MinutesOptions {
  /** Marks every page "DRAFT" (in the document's language): minutes not yet approved. */
  draft: boolean;
}

export interface MinutesContent {
  lang: MinutesLanguage;
  /** "ЖОБА" / "ПРОЕКТ" / "DRAFT", or null for the approved text. */
  draftMark: string | null;
  organization: string;
  /** "ХАТТАМА № 5"; without a number when the meeting has none. */
  title: string;
  /** The meeting's own title, else its kind ("Regular meeting"). */
  heading: string;
  /** Date, place and chair. */
  facts: Fact[];
  present: Labelled<string> & { quorum: string; absent: Labelled<string> | null };
  regions: Labelled<string> | null;
  /** People in the register who are not the Council's members: invited in their own right. */
  invited: Labelled<string> | null;
  agenda: Labelled<AgendaLine>;
  items: ItemSection[];
  /** Decisions of the meeting tied to no agenda item. */
  otherDecisions: Labelled<DecisionBlock> | null;
  signatures: Signature[];
}

export interface Fact {
  label: string;
  value: string;
}

export interface Labelled<T> {
  label: string;
  entries: T[];
}

export interface AgendaLine {
  /** "1." or "1.2." */
  number: string;
  /** 0 for an item, 1 for its sub-items. */
  depth: number;
  title: string;
}

export interface ItemSection extends AgendaLine {
  heard: Labelled<string> | null;
  spoke: Labelled<StatementLine> | null;
  decided: Labelled<DecisionBlock> | null;
}

export interface StatementLine {
  speaker: string;
  text: string;
}

export interface DecisionBlock {
  title: string;
  body: string | null;
  votes: string | null;
  result: string | null;
}

export interface Signature {
  role: string;
  name: string;
}

export interface MinutesLabels {
  minutes: string;
  draft: string;
  kind: Record<MeetingRecord['meeting']['kind'], string>;
  date: string;
  place: string;
  chair: string;
  present: string;
  absent: string;
  /** "Of 15 members, 12 present; quorum": the numbers agree with their words (ru: 1, 2–4, 5+, 21). */
  quorum: (present: number, members: number, reached: boolean) => string;
  registerNotKept: string;
  regions: string;
  invited: string;
  inRoom: string;
  byVideo: string;
  /** After an invited region that did not take part (called absent, or declined). */
  regionAbsent: string;
  /** After an invited region neither called nor answering. */
  regionNotRecorded: string;
  coSpeaker: string;
  agenda: string;
  heard: string;
  spoke: string;
  decided: string;
  decisionNumber: (n: string) => string;
  /** The vote line as the live sitting's interface says it: "Дауыс беру қорытындысы: жақтағаны — 21, қарсы — 1, қалыс қалғаны — жоқ." */
  votes: string;
  votesFor: string;
  votesAgainst: string;
  votesAbstain: string;
  /** A count of zero: "жоқ" / "нет" / "none". */
  votesNone: string;
  rapporteur: string;
  adopted: string;
  rejected: string;
  otherDecisions: string;
  chairSignature: string;
  secretarySignature: string;
  unnamed: string;
  /** Reasons for absence by code (see absenceReasonCode), as the document's language words them. */
  absenceReason: Record<AbsenceReasonCode, string>;
}

export const absenceReasonCodes = ['illness', 'business_trip', 'leave'] as const;
export type AbsenceReasonCode = (typeof absenceReasonCodes)[number];

/** Russian nouns after a number ending in 1 (but not 11) take the singular: "из 21 члена", "присутствовал 21". */
const ruSingular = (n: number) => n % 10 === 1 && n % 100 !== 11;

// Document text, not interface messages: the protocol's fixed wording in each language.
export const minutesLabels: Record<MinutesLanguage, MinutesLabels> = {
  kk: {
    minutes: 'ХАТТАМА',
    draft: 'ЖОБА',
    kind: { regular: 'Кезекті отырыс', extraordinary: 'Кезектен тыс отырыс', field: 'Көшпелі отырыс' },
    date: 'Өткізілген күні',
    place: 'Өткізілген орны',
    chair: 'Төрағалық етті',
    present: 'Қатысқан Кеңес мүшелері',
    absent: 'Қатыспағандар',
    // A noun after a Kazakh numeral stays singular ("12 мүше"), so one form serves every number.
    quorum: (present, members, reached) =>
      present === 0 ? `Кеңестің ${members} мүшесінің ешқайсысы қатыспады; кворум жоқ.` : `Кеңестің ${members} мүшесінен ${present} мүше қатысты; ${reached ? 'кворум бар' : 'кворум жоқ'}.`,
    registerNotKept: 'Кеңес мүшелерінің қатысуы тіркелмеген.',
    regions: 'Шақырылған өңірлер (мәслихаттар)',
    invited: 'Шақырылғандар',
    inRoom: 'залда',
    byVideo: 'бейнебайланыс арқылы',
    regionAbsent: 'қатыспады',
    regionNotRecorded: 'қатысуы белгіленбеген',
    coSpeaker: 'қосымша баяндамашы',
    agenda: 'КҮН ТӘРТІБІ',
    heard: 'ТЫҢДАЛДЫ:',
    spoke: 'СӨЙЛЕДІ:',
    decided: 'ШЕШТІ:',
    decisionNumber: (n) => `№ ${n}`,
    votes: 'Дауыс беру қорытындысы:',
    votesFor: 'жақтағаны',
    votesAgainst: 'қарсы',
    votesAbstain: 'қалыс қалғаны',
    votesNone: 'жоқ',
    rapporteur: 'баяндамашы',
    adopted: 'Шешім қабылданды.',
    rejected: 'Шешім қабылданбады.',
    otherDecisions: 'Басқа шешімдер',
    chairSignature: 'Төрағалық етуші',
    secretarySignature: 'Хатшы',
    unnamed: 'Аты көрсетілмеген',
    absenceReason: { illness: 'науқастануына байланысты', business_trip: 'іссапарда', leave: 'еңбек демалысында' },
  },
  ru: {
    minutes: 'ПРОТОКОЛ',
    draft: 'ПРОЕКТ',
    kind: { regular: 'Очередное заседание', extraordinary: 'Внеочередное заседание', field: 'Выездное заседание' },
    date: 'Дата проведения',
    place: 'Место проведения',
    chair: 'Председательствовал',
    present: 'Присутствовали члены Совета',
    absent: 'Отсутствовали',
    quorum: (present, members, reached) => {
      const of = `Из ${members} ${ruSingular(members) ? 'члена' : 'членов'} Совета`;
      if (present === 0) return `${of} никто не присутствовал; кворума нет.`;
      return `${of} ${ruSingular(present) ? 'присутствовал' : 'присутствовали'} ${present}; ${reached ? 'кворум имеется' : 'кворума нет'}.`;
    },
    registerNotKept: 'Регистрация присутствия членов Совета не велась.',
    regions: 'Приглашённые регионы (маслихаты)',
    invited: 'Приглашённые',
    inRoom: 'в зале',
    byVideo: 'по видеосвязи',
    regionAbsent: 'не участвовал',
    regionNotRecorded: 'участие не отмечено',
    coSpeaker: 'содокладчик',
    agenda: 'ПОВЕСТКА ДНЯ',
    heard: 'СЛУШАЛИ:',
    spoke: 'ВЫСТУПИЛИ:',
    decided: 'РЕШИЛИ:',
    decisionNumber: (n) => `№ ${n}`,
    votes: 'Итоги голосования:',
    votesFor: 'за',
    votesAgainst: 'против',
    votesAbstain: 'воздержались',
    votesNone: 'нет',
    rapporteur: 'докладчик',
    adopted: 'Решение принято.',
    rejected: 'Решение не принято.',
    otherDecisions: 'Иные решения',
    chairSignature: 'Председательствующий',
    secretarySignature: 'Секретарь',
    unnamed: 'Имя не указано',
    absenceReason: { illness: 'по болезни', business_trip: 'в командировке', leave: 'в отпуске' },
  },
  en: {
    minutes: 'MINUTES',
    draft: 'DRAFT',
    kind: { regular: 'Regular meeting', extraordinary: 'Extraordinary meeting', field: 'Field meeting' },
    date: 'Date',
    place: 'Place',
    chair: 'Chair',
    present: 'Council members present',
    absent: 'Absent',
    quorum: (present, members, reached) => {
      const quorate = reached ? 'the meeting was quorate' : 'the meeting was not quorate';
      const of = `the Council's ${members} ${members === 1 ? 'member' : 'members'}`;
      if (present === 0) return `None of ${of} was present; ${quorate}.`;
      return `${present} of ${of} ${present === 1 ? 'was' : 'were'} present; ${quorate}.`;
    },
    registerNotKept: "No register of members' attendance was kept.",
    regions: 'Invited regions (maslikhats)',
    invited: 'Invited guests',
    inRoom: 'in the room',
    byVideo: 'by video',
    regionAbsent: 'did not take part',
    regionNotRecorded: 'attendance not recorded',
    coSpeaker: 'co-speaker',
    agenda: 'AGENDA',
    // British minutes' headings, not calques of ТЫҢДАЛДЫ / СӨЙЛЕДІ / ШЕШТІ.
    heard: 'Reports',
    spoke: 'Discussion',
    decided: 'Decisions',
    decisionNumber: (n) => `No. ${n}`,
    votes: 'Result of the vote:',
    votesFor: 'for',
    votesAgainst: 'against',
    votesAbstain: 'abstentions',
    votesNone: 'none',
    rapporteur: 'rapporteur',
    adopted: 'Adopted.',
    rejected: 'Not adopted.',
    otherDecisions: 'Other decisions',
    chairSignature: 'Chair of the meeting',
    secretarySignature: 'Secretary',
    unnamed: 'Name not given',
    absenceReason: { illness: 'ill', business_trip: 'on official business', leave: 'on leave' },
  },
};

/** Stored text in the document's language; a fallback carries a visible " [RU]" marker. */
export function textIn(lang: MinutesLanguage, value: LocalizedText | null | undefined): string {
  const l = localize(lang, value);
  if (!l.fallback || l.text === '') return l.text;
  return `${l.text} [${l.tag.toUpperCase()}]`;
}

/** Guillemets for Kazakh and Russian, curly quotes for English: by the language it was said in. */
function quote(text: string, language: StatementRow['language']): string {
  return language === 'en' ? `“${text}”` : `«${text}»`;
}

/** "Name, post": the post as given on the agenda (label) when there is one, else the post the registry has for the meeting's day. */
function named(lang: MinutesLanguage, record: MeetingRecord, personId: string | null, name: string, label: LocalizedText | null = null): string {
  const post = textIn(lang, label) || (personId ? postOf(lang, record.posts, personId) : null);
  return [name, post].filter(Boolean).join(', ');
}

function statementLine(lang: MinutesLanguage, record: MeetingRecord, s: StatementRow): StatementLine {
  const name = textIn(lang, s.personName);
  const speaker = (name && named(lang, record, s.personId, name)) || textIn(lang, s.speakerLabel) || minutesLabels[lang].unnamed;
  // A summary only in another language gives way to the quotation (the words themselves), which needs no marker.
  const summary = s.quotation && localize(lang, s.summary).fallback ? '' : textIn(lang, s.summary);
  const parts = [summary, s.quotation ? quote(s.quotation, s.language) : ''].filter(Boolean);
  return { speaker, text: parts.join(' ') };
}

/** A vote count as the minutes write it: zero (or not counted) as "жоқ" / "нет" / "none". */
export function voteCount(lang: MinutesLanguage, n: number | null): string {
  return n ? String(n) : minutesLabels[lang].votesNone;
}

function decisionBlock(lang: MinutesLanguage, d: MeetingDecisionRow): DecisionBlock {
  const l = minutesLabels[lang];
  const title = textIn(lang, d.title);
  const hasVotes = d.votesFor !== null || d.votesAgainst !== null || d.votesAbstain !== null;
  const count = (n: number | null) => voteCount(lang, n);
  return {
    title: d.number ? `${l.decisionNumber(d.number)} ${title}` : title,
    body: textIn(lang, d.body) || null,
    votes: hasVotes ? `${l.votes} ${l.votesFor} — ${count(d.votesFor)}, ${l.votesAgainst} — ${count(d.votesAgainst)}, ${l.votesAbstain} — ${count(d.votesAbstain)}.` : null,
    result: d.result === 'adopted' ? l.adopted : d.result === 'rejected' ? l.rejected : null,
  };
}

/** Items then their sub-items, depth first, numbered "1.", "1.1.". */
export function flattenAgenda(agenda: AgendaEntry[]): { entry: AgendaEntry; number: string; depth: number }[] {
  const out: { entry: AgendaEntry; number: string; depth: number }[] = [];
  const walk = (entries: AgendaEntry[], prefix: string, depth: number) => {
    entries.forEach((entry, index) => {
      const number = `${prefix}${index + 1}.`;
      out.push({ entry, number, depth });
      walk(entry.children, number, depth + 1);
    });
  };
  walk(agenda, '', 0);
  return out;
}

/** Every invited region with its attendance: the roll call where it was called, else its answer (see regionPresence). */
export function invitedRegionEntries(lang: MinutesLanguage, record: MeetingRecord): string[] {
  const l = minutesLabels[lang];
  const part = { room: l.inRoom, video: l.byVideo, absent: l.regionAbsent };
  return record.regions.map((r) => {
    const presence = regionPresence(r);
    return `${textIn(lang, r.name) || r.slug} (${presence ? part[presence] : l.regionNotRecorded})`;
  });
}

function labelled<T>(label: string, entries: T[]): Labelled<T> | null {
  return entries.length > 0 ? { label, entries } : null;
}

// What staff type as a reason, in any of the three languages, read as a code so that the minutes
// word it in their own language. Anything else is shown as typed: it cannot be translated here.
const absenceReasonWords: Record<AbsenceReasonCode, string[]> = {
  illness: ['illness', 'ill', 'sick', 'sick leave', 'ауру', 'науқас', 'сырқат', 'науқастануына байланысты', 'болезнь', 'по болезни', 'болен', 'больна', 'больничный'],
  business_trip: ['business_trip', 'business trip', 'on official business', 'іссапар', 'іссапарда', 'командировка', 'в командировке'],
  leave: ['leave', 'on leave', 'holiday', 'демалыс', 'еңбек демалысы', 'еңбек демалысында', 'демалыста', 'отпуск', 'в отпуске'],
};

/** The code of a stored reason for absence (a code, or a known phrase in kk, ru or en), else null. */
export function absenceReasonCode(stored: string): AbsenceReasonCode | null {
  const key = stored.trim().toLocaleLowerCase('kk').replace(/[.\s]+$/u, '').replace(/\s+/gu, ' ');
  return absenceReasonCodes.find((code) => absenceReasonWords[code].includes(key)) ?? null;
}

/** A reason for absence in the document's language when it is a known one; else as it was typed. */
export function absenceReasonIn(lang: MinutesLanguage, stored: string): string {
  const code = absenceReasonCode(stored);
  return code ? minutesLabels[lang].absenceReason[code] : stored.trim();
}

/** People in the register: the Council's members on the day, and the others (invited in their own right). */
export function registeredPeople(record: MeetingRecord) {
  const memberIds = new Set(record.members.map((m) => m.personId).filter((id) => id !== null));
  const people = record.attendance.flatMap(({ personId, ...a }) => (personId === null ? [] : [{ ...a, personId }]));
  return { members: people.filter((a) => memberIds.has(a.personId)), others: people.filter((a) => !memberIds.has(a.personId)) };
}

function presentSection(lang: MinutesLanguage, record: MeetingRecord): MinutesContent['present'] {
  const l = minutesLabels[lang];
  const { members } = registeredPeople(record);
  const name = (a: (typeof members)[number]) => textIn(lang, a.name) || l.unnamed;
  const present = members.filter((a) => a.presence !== 'absent').map((a) => (a.presence === 'video' ? `${name(a)} (${l.byVideo})` : name(a)));
  const absent = members.filter((a) => a.presence === 'absent').map((a) => (a.absenceReason ? `${name(a)} (${absenceReasonIn(lang, a.absenceReason)})` : name(a)));
  return { label: l.present, entries: present, quorum: quorumStatement(lang, record), absent: labelled(l.absent, absent) };
}

/**
 * Those invited in their own right, each with how they took part: people in the register who are
 * not the Council's members, and people invited as persons whom the roll call never called (by
 * their answer: confirmed with a mode, declined, or not recorded), in the order of the register
 * and then of the invitations.
 */
export function invitedPersonEntries(lang: MinutesLanguage, record: MeetingRecord): string[] {
  const l = minutesLabels[lang];
  const memberIds = new Set(record.members.map((m) => m.personId).filter((id) => id !== null));
  const entry = (name: LocalizedText | null, presence: 'room' | 'video' | 'absent' | null, reason: string | null) => {
    const text = textIn(lang, name) || l.unnamed;
    if (presence === 'video') return `${text} (${l.byVideo})`;
    if (presence === 'room') return text;
    if (presence === null) return `${text} (${l.regionNotRecorded})`;
    return `${text} (${[l.regionAbsent, reason ? absenceReasonIn(lang, reason) : ''].filter(Boolean).join(', ')})`;
  };
  const registered = registeredPeople(record).others;
  const called = new Set(registered.map((a) => a.personId));
  const uncalled = record.invitedPersons.filter((i) => !called.has(i.personId) && !memberIds.has(i.personId));
  return [
    ...registered.map((a) => entry(a.name, a.presence, a.absenceReason)),
    ...uncalled.map((i) => entry(i.name, i.status === 'declined' ? 'absent' : i.status === 'confirmed' ? i.attendanceMode : null, null)),
  ];
}

/** "Present 12 of 15 members, quorum reached", or that no register was kept. */
export function quorumStatement(lang: MinutesLanguage, record: MeetingRecord): string {
  const l = minutesLabels[lang];
  const { quorum } = record;
  // A meeting recorded afterwards has no register of members: no quorum to state (as decisionResult assumes).
  const registered = record.attendance.some((a) => a.personId !== null);
  return !registered && quorum.present === 0 ? l.registerNotKept : l.quorum(quorum.present, quorum.members, quorum.reached);
}

export function buildMinutesContent(record: MeetingRecord, lang: MinutesLanguage, options: MinutesOptions): MinutesContent {
  const l = minutesLabels[lang];
  const { meeting } = record;
  const flat = flattenAgenda(record.agenda);
  const decisionsFor = (itemId: string | null) => record.decisions.filter((d) => d.agendaItemId === itemId).map((d) => decisionBlock(lang, d));
  const onAgenda = new Set(flat.map((f) => f.entry.id));

  const facts: Fact[] = [{ label: l.date, value: formatDate(lang, record.date, 'long') }];
  const place = textIn(lang, meeting.place);
  if (place) facts.push({ label: l.place, value: place });
  if (record.chair) facts.push({ label: l.chair, value: textIn(lang, record.chair.name) });

  const items: ItemSection[] = flat.map(({ entry, number, depth }) => {
    const heard = [
      ...entry.rapporteurs.map((s) => named(lang, record, s.personId, textIn(lang, s.personName), s.label)),
      ...entry.coSpeakers.map((s) => `${named(lang, record, s.personId, textIn(lang, s.personName), s.label)} (${l.coSpeaker})`),
    ];
    return {
      number,
      depth,
      title: textIn(lang, entry.title),
      heard: labelled(l.heard, heard),
      spoke: labelled(l.spoke, entry.statements.map((s) => statementLine(lang, record, s))),
      decided: labelled(l.decided, decisionsFor(entry.id)),
    };
  });

  const loose = record.decisions.filter((d) => d.agendaItemId === null || !onAgenda.has(d.agendaItemId)).map((d) => decisionBlock(lang, d));

  return {
    lang,
    draftMark: options.draft ? l.draft : null,
    organization: textIn(lang, record.organization.name),
    title: meeting.number === null ? l.minutes : `${l.minutes} № ${meeting.number}`,
    heading: textIn(lang, meeting.title) || l.kind[meeting.kind],
    facts,
    present: presentSection(lang, record),
    regions: labelled(l.regions, invitedRegionEntries(lang, record)),
    invited: labelled(l.invited, invitedPersonEntries(lang, record)),
    agenda: { label: l.agenda, entries: flat.map(({ entry, number, depth }) => ({ number, depth, title: textIn(lang, entry.title) })) },
    items,
    otherDecisions: labelled(l.otherDecisions, loose),
    signatures: [
      { role: l.chairSignature, name: record.chair ? textIn(lang, record.chair.name) : '' },
      { role: l.secretarySignature, name: '' },
    ],
  };
}

/** The typeface of the DOCX and the PDF: PT Serif (ParaType, SIL OFL 1.1), with all of Kazakh Cyrillic. */
export const minutesFontFamily = 'PT Serif';

let fontFiles: Promise<{ regular: Buffer; bold: Buffer }> | undefined;

/** PT Serif's regular and bold TrueType files (read once, on first use). */
export function loadMinutesFont(): Promise<{ regular: Buffer; bold: Buffer }> {
  const require = createRequire(import.meta.url);
  fontFiles ??= Promise.all([
    readFile(require.resolve('@expo-google-fonts/pt-serif/400Regular/PTSerif_400Regular.ttf')),
    readFile(require.resolve('@expo-google-fonts/pt-serif/700Bold/PTSerif_700Bold.ttf')),
  ]).then(([regular, bold]) => ({ regular, bold }));
  return fontFiles;
}
