// The minutes (protocol) of a meeting as a structure of plain strings in one language, built once
// from the meeting's record and laid out by both the DOCX and the PDF renderer; and the typeface
// both use (PT Serif: it has every Kazakh letter).
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { formatDate, localize } from '../../../core/i18n/format.js';
import type { LocalizedText, StoredLanguage } from '../../../core/i18n/localized-text.js';
import { regionPresence, type AgendaEntry } from '../public.service.js';
import type { MeetingDecisionRow, StatementRow } from '../public.repository.js';
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
  quorum: (present: number, members: number, reached: boolean) => string;
  registerNotKept: string;
  regions: string;
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
  /** "Votes:", then each count's name: the DOCX and PDF write "Votes: for — 10, against — 1, abstained — 2." */
  votes: string;
  votesFor: string;
  votesAgainst: string;
  votesAbstain: string;
  rapporteur: string;
  adopted: string;
  rejected: string;
  otherDecisions: string;
  chairSignature: string;
  secretarySignature: string;
  unnamed: string;
}

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
    quorum: (present, members, reached) => `Кеңестің ${members} мүшесінің ${present} қатысты, ${reached ? 'кворум бар' : 'кворум жоқ'}.`,
    registerNotKept: 'Кеңес мүшелерінің қатысуы тіркелмеген.',
    regions: 'Шақырылған өңірлер (мәслихаттар)',
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
    votes: 'Дауыс беру:',
    votesFor: 'жақтап',
    votesAgainst: 'қарсы',
    votesAbstain: 'қалыс қалды',
    rapporteur: 'баяндамашы',
    adopted: 'Шешім қабылданды.',
    rejected: 'Шешім қабылданбады.',
    otherDecisions: 'Басқа шешімдер',
    chairSignature: 'Отырыс төрағасы',
    secretarySignature: 'Хатшы',
    unnamed: 'Аты көрсетілмеген',
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
    quorum: (present, members, reached) => `Присутствовали ${present} из ${members} членов Совета, ${reached ? 'кворум имеется' : 'кворума нет'}.`,
    registerNotKept: 'Регистрация присутствия членов Совета не велась.',
    regions: 'Приглашённые регионы (маслихаты)',
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
    votes: 'Голосовали:',
    votesFor: 'за',
    votesAgainst: 'против',
    votesAbstain: 'воздержались',
    rapporteur: 'докладчик',
    adopted: 'Решение принято.',
    rejected: 'Решение не принято.',
    otherDecisions: 'Иные решения',
    chairSignature: 'Председательствующий',
    secretarySignature: 'Секретарь',
    unnamed: 'Имя не указано',
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
    quorum: (present, members, reached) => `Present: ${present} of ${members} members of the Council; quorum ${reached ? 'reached' : 'not reached'}.`,
    registerNotKept: "No register of members' attendance was kept.",
    regions: 'Invited regions (maslikhats)',
    inRoom: 'in the room',
    byVideo: 'by video',
    regionAbsent: 'did not take part',
    regionNotRecorded: 'attendance not recorded',
    coSpeaker: 'co-speaker',
    agenda: 'AGENDA',
    heard: 'HEARD:',
    spoke: 'SPOKE:',
    decided: 'DECIDED:',
    decisionNumber: (n) => `No. ${n}`,
    votes: 'Votes:',
    votesFor: 'for',
    votesAgainst: 'against',
    votesAbstain: 'abstained',
    rapporteur: 'rapporteur',
    adopted: 'Adopted.',
    rejected: 'Not adopted.',
    otherDecisions: 'Other decisions',
    chairSignature: 'Chair of the meeting',
    secretarySignature: 'Secretary',
    unnamed: 'Name not given',
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

function statementLine(lang: MinutesLanguage, s: StatementRow): StatementLine {
  const speaker = textIn(lang, s.personName) || textIn(lang, s.speakerLabel) || minutesLabels[lang].unnamed;
  const parts = [textIn(lang, s.summary), s.quotation ? quote(s.quotation, s.language) : ''].filter(Boolean);
  return { speaker, text: parts.join(' ') };
}

function decisionBlock(lang: MinutesLanguage, d: MeetingDecisionRow): DecisionBlock {
  const l = minutesLabels[lang];
  const title = textIn(lang, d.title);
  const hasVotes = d.votesFor !== null || d.votesAgainst !== null || d.votesAbstain !== null;
  return {
    title: d.number ? `${l.decisionNumber(d.number)} ${title}` : title,
    body: textIn(lang, d.body) || null,
    votes: hasVotes ? `${l.votes} ${l.votesFor} — ${d.votesFor ?? 0}, ${l.votesAgainst} — ${d.votesAgainst ?? 0}, ${l.votesAbstain} — ${d.votesAbstain ?? 0}.` : null,
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

function presentSection(lang: MinutesLanguage, record: MeetingRecord): MinutesContent['present'] {
  const l = minutesLabels[lang];
  const people = record.attendance.filter((a) => a.personId !== null);
  const name = (a: (typeof people)[number]) => textIn(lang, a.name) || l.unnamed;
  const present = people.filter((a) => a.presence !== 'absent').map((a) => (a.presence === 'video' ? `${name(a)} (${l.byVideo})` : name(a)));
  const absent = people.filter((a) => a.presence === 'absent').map((a) => (a.absenceReason ? `${name(a)} (${a.absenceReason})` : name(a)));
  return { label: l.present, entries: present, quorum: quorumStatement(lang, record), absent: labelled(l.absent, absent) };
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
      ...entry.rapporteurs.map((s) => [textIn(lang, s.personName), textIn(lang, s.label)].filter(Boolean).join(', ')),
      ...entry.coSpeakers.map((s) => `${[textIn(lang, s.personName), textIn(lang, s.label)].filter(Boolean).join(', ')} (${l.coSpeaker})`),
    ];
    return {
      number,
      depth,
      title: textIn(lang, entry.title),
      heard: labelled(l.heard, heard),
      spoke: labelled(l.spoke, entry.statements.map((s) => statementLine(lang, s))),
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
