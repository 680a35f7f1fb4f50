// Checks every row of a parsed deputies file before anything is written, and plans what applying it
// would do. Problems are message keys with values, by spreadsheet row; the report is translated when
// shown. Checked: names, dates, IIN (format, birth date, check digit, agreement with the birth
// date), electoral district numbers, the named district or city maslikhat, the party; duplicates
// inside the file (IIN, name and birth date, one seat twice) and against the registry (an IIN that is
// someone else's; the same name and birth date under another IIN).
import type { DateString, MaslikhatLevel } from '../../../core/db/database.js';
import type { LocalizedText, StoredLanguage } from '../../../core/i18n/localized-text.js';
import type { MessageKey, MessageValues } from '../../../core/i18n/messages.js';
import { foldForSearch } from '../../../core/text/fold.js';
import type { ColumnKey } from './columns.js';
import { iinBirthInfo, iinProblem, realDate } from './iin.js';
import * as repo from './import.repository.js';
import type { ImportProblem, ParsedFile, ParsedRow } from './parse.js';

export interface RowProblem extends ImportProblem {
  row: number;
}

export interface ImportTarget {
  id: string;
  slug: string;
  level: MaslikhatLevel | null;
  name: LocalizedText;
}

/** Where a row's deputy sits: the maslikhat imported into, one under it, or one the import creates. */
export type MaslikhatRef = { kind: 'target' } | { kind: 'existing'; id: string; name: LocalizedText } | { kind: 'new'; key: string };

export interface NewMaslikhat {
  key: string;
  name: LocalizedText;
  level: 'district' | 'city';
  /** The first row naming it. */
  row: number;
}

export interface PlannedRow {
  row: number;
  familyName: string;
  givenName: string;
  patronymic: string | null;
  birthDate: DateString;
  iin: string | null;
  gender: 'female' | 'male' | null;
  maslikhat: MaslikhatRef;
  district: number | null;
  partyId: string | null;
  startDate: DateString;
  person: { kind: 'new' } | { kind: 'existing'; id: string; addIin: boolean };
  membership: { kind: 'new' } | { kind: 'existing'; id: string; changes: { district?: number | null; partyId?: string | null; startDate?: DateString } };
}

export interface ImportCounts {
  rows: number;
  maslikhatsCreated: number;
  personsCreated: number;
  personsMatched: number;
  personsUpdated: number;
  membershipsCreated: number;
  membershipsUpdated: number;
  membershipsUnchanged: number;
}

export interface ImportPlan {
  language: StoredLanguage;
  convocationId: string | null;
  newMaslikhats: NewMaslikhat[];
  rows: PlannedRow[];
  counts: ImportCounts;
}

export interface Validation {
  /** Problems with the file as a whole (then no row was checked). */
  fileProblems: ImportProblem[];
  /** Row problems in row order. */
  problems: RowProblem[];
  /** How many rows have at least one problem. */
  badRows: number;
  totalRows: number;
  /** What applying would do; only to be applied when there are no problems at all. */
  plan: ImportPlan;
}

export type ProgressCallback = (step: string, done?: number, total?: number) => void;

// ── Values ──

/** A date as people type it: 2024-03-05, 05.03.2024, 5.3.2024, 05/03/2024 (day first), with or without a time. */
export function parseDate(text: string): DateString | null {
  const t = text.trim().replace(/[ T]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?Z?$/, '');
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t);
  if (m) return realDate(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{1,2})[./-](\d{1,2})[./-](\d{4})$/.exec(t);
  if (m) return realDate(Number(m[3]), Number(m[2]), Number(m[1]));
  return null;
}

/** 'YYYY-MM-DD' as people write it here: DD.MM.YYYY. */
export const dayMonthYear = (date: DateString): string => `${date.slice(8, 10)}.${date.slice(5, 7)}.${date.slice(0, 4)}`;

const tokens = (text: string) => foldForSearch(text).split(' ').filter(Boolean);

/** A maslikhat's name reduced to what tells it apart: folded, without the word "maslikhat" itself. */
export function maslikhatKey(name: string): string {
  return tokens(name)
    .filter((w) => !/^maslih|^maslikh/.test(w))
    .join(' ');
}

/** District or city, from the words of its name (Kazakh, Russian or English); null when neither. */
export function maslikhatLevelFromName(name: string): 'district' | 'city' | null {
  const t = name.toLowerCase();
  if (/аудан|район|district|audan/.test(t)) return 'district';
  if (/қала|город|city|qala|(^|\s)(г|қ)\.\s?/.test(t)) return 'city';
  return null;
}

const partyStopWords = new Set(['partiia', 'partiiasy', 'partiiasi', 'partii', 'party', 'the', 'of']);
const noParty = new Set(['ozin ozi usynu', 'ozin ozi usyngan', 'samovydvizhenie', 'samovydvizhenets', 'self nominated', 'self nomination', 'partiiasyz', 'bespartiinyi', 'bespartiinaia', 'no party', 'independent', '']);

function partyTokens(text: string): string[] {
  return tokens(text).filter((w) => !partyStopWords.has(w));
}

interface NameParts {
  family: string;
  given: string;
  patronymic: string | null;
}

/** The forms a stored person's name takes (per language), folded, for comparing with a row. */
function storedNameForms(p: repo.PersonCandidate): NameParts[] {
  const forms: NameParts[] = [];
  for (const lang of ['kk', 'ru', 'en'] as const) {
    const family = p.familyName?.[lang];
    const given = p.givenName?.[lang];
    if (family && given) {
      forms.push({ family: foldForSearch(family), given: foldForSearch(given), patronymic: p.patronymic?.[lang] ? foldForSearch(p.patronymic[lang]!) : null });
    } else if (p.name[lang]) {
      const [f = '', g = '', ...rest] = tokens(p.name[lang]!);
      forms.push({ family: f, given: g, patronymic: rest.length ? rest.join(' ') : null });
    }
  }
  return forms;
}

/** Same person's name: family and given names alike; patronymics alike where both have one. */
function sameName(a: NameParts, stored: repo.PersonCandidate): boolean {
  return storedNameForms(stored).some((b) => a.family === b.family && a.given === b.given && (!a.patronymic || !b.patronymic || a.patronymic === b.patronymic));
}

const foldedName = (family: string, given: string, patronymic: string | null): NameParts => ({
  family: foldForSearch(family),
  given: foldForSearch(given),
  patronymic: patronymic ? foldForSearch(patronymic) : null,
});

function subtractYears(date: DateString, years: number): DateString {
  return `${String(Number(date.slice(0, 4)) - years).padStart(4, '0')}${date.slice(4)}`;
}

// ── Checking ──

interface Checked {
  row: number;
  /** The maslikhat column named one we know or can create. */
  placed: boolean;
  values: ParsedRow['values'];
  planned: Omit<PlannedRow, 'person' | 'membership'>;
  folded: NameParts;
  ok: boolean;
}

export async function validateImport(
  db: repo.ImportDb,
  target: ImportTarget,
  file: ParsedFile,
  options: { today: DateString; onProgress?: ProgressCallback },
): Promise<Validation> {
  const emptyPlan: ImportPlan = {
    language: file.language,
    convocationId: null,
    newMaslikhats: [],
    rows: [],
    counts: { rows: 0, maslikhatsCreated: 0, personsCreated: 0, personsMatched: 0, personsUpdated: 0, membershipsCreated: 0, membershipsUpdated: 0, membershipsUnchanged: 0 },
  };
  if (file.problems.length) return { fileProblems: file.problems, problems: [], badRows: 0, totalRows: 0, plan: emptyPlan };
  const { today } = options;
  const progress = options.onProgress ?? (() => {});
  const problems: RowProblem[] = [];
  const add = (row: number, messageKey: MessageKey, column?: ColumnKey, values?: MessageValues) =>
    problems.push({ row, messageKey, ...(column ? { column } : {}), ...(values ? { values } : {}) });

  const [maslikhats, parties, convocation] = await Promise.all([repo.listMaslikhatNames(db), repo.listPartyNames(db, today), repo.findConvocationOn(db, today)]);
  const defaultStart = convocation?.validFrom ?? today;
  const latestBirth = subtractYears(today, 18);

  // Maslikhats by the key of each of their names.
  const targetKeys = new Set((maslikhats.find((m) => m.id === target.id)?.names ?? [target.name]).flatMap((n) => Object.values(n).map(maslikhatKey)));
  const childByKey = new Map<string, repo.MaslikhatNames>();
  const otherByKey = new Map<string, repo.MaslikhatNames>();
  for (const m of maslikhats) {
    if (m.id === target.id) continue;
    const into = m.parentId === target.id ? childByKey : otherByKey;
    for (const name of m.names) for (const text of Object.values(name)) if (text) into.set(maslikhatKey(text), m);
  }
  const newMaslikhats = new Map<string, NewMaslikhat>();
  const partyForms = parties.map((p) => ({
    id: p.id,
    forms: [...p.names.flatMap((n) => Object.values(n).map((t) => partyTokens(t ?? ''))), partyTokens(p.slug.replace(/^party-/, '').replaceAll('-', ' '))],
  }));

  function resolveMaslikhat(row: number, text: string | undefined): MaslikhatRef | null {
    if (!text) return { kind: 'target' };
    const key = maslikhatKey(text);
    if (!key || targetKeys.has(key)) return { kind: 'target' };
    const child = childByKey.get(key);
    if (child) return { kind: 'existing', id: child.id, name: child.names[0] ?? {} };
    if (otherByKey.has(key)) {
      add(row, 'import.problem.maslikhatOtherRegion', 'maslikhat', { value: text });
      return null;
    }
    if (target.level !== 'region') {
      add(row, 'import.problem.maslikhatNoneUnder', 'maslikhat', { value: text });
      return null;
    }
    const level = maslikhatLevelFromName(text);
    if (!level) {
      add(row, 'import.problem.maslikhatUnknown', 'maslikhat', { value: text });
      return null;
    }
    if (!newMaslikhats.has(key)) newMaslikhats.set(key, { key, name: { [file.language]: text }, level, row });
    return { kind: 'new', key };
  }

  function resolveParty(row: number, text: string | undefined): string | null | undefined {
    if (!text) return null;
    const wanted = partyTokens(text);
    if (noParty.has(tokens(text).join(' '))) return null;
    const matches = wanted.length ? partyForms.filter((p) => p.forms.some((form) => wanted.every((w) => form.includes(w)))) : [];
    if (matches.length === 1) return matches[0]!.id;
    add(row, 'import.problem.partyUnknown', 'party', { value: text });
    return undefined;
  }

  function checkRow({ row, values: v }: ParsedRow): Checked {
    const before = problems.length;
    const familyName = v.familyName ?? '';
    const givenName = v.givenName ?? '';
    if (!familyName) add(row, 'import.problem.required', 'familyName');
    if (!givenName) add(row, 'import.problem.required', 'givenName');

    let iin: string | null = null;
    let iinInfo: ReturnType<typeof iinBirthInfo> = null;
    if (v.iin) {
      const compact = v.iin.replace(/[\s-]/g, '');
      const problem = iinProblem(compact);
      if (problem) add(row, `import.problem.iin.${problem}`, 'iin', { value: v.iin });
      else {
        iin = compact;
        iinInfo = iinBirthInfo(compact);
      }
    }

    let birthDate: DateString | null = null;
    if (v.birthDate) {
      birthDate = parseDate(v.birthDate);
      if (!birthDate) add(row, 'import.problem.dateInvalid', 'birthDate', { value: v.birthDate });
      else if (birthDate < '1900-01-01' || birthDate > latestBirth) {
        add(row, 'import.problem.birthDateOutOfRange', 'birthDate', { value: v.birthDate });
        birthDate = null;
      } else if (iinInfo && iinInfo.birthDate !== birthDate) {
        add(row, 'import.problem.iinBirthDateMismatch', 'iin', { iinDate: dayMonthYear(iinInfo.birthDate), birthDate: dayMonthYear(birthDate) });
      }
    } else if (iinInfo) {
      birthDate = iinInfo.birthDate;
    } else if (!v.iin) {
      add(row, 'import.problem.birthDateMissing', 'birthDate');
    }

    let district: number | null = null;
    if (v.district) {
      const d = v.district.replace(/^№\s*/, '').replace(/\.0+$/, '');
      if (/^\d{1,3}$/.test(d) && Number(d) >= 1) district = Number(d);
      else add(row, 'import.problem.districtInvalid', 'district', { value: v.district });
    }

    let startDate = defaultStart;
    if (v.startDate) {
      const parsed = parseDate(v.startDate);
      if (!parsed) add(row, 'import.problem.dateInvalid', 'startDate', { value: v.startDate });
      else if (parsed > today) add(row, 'import.problem.startDateFuture', 'startDate', { value: v.startDate });
      else startDate = parsed;
    }

    const maslikhat = resolveMaslikhat(row, v.maslikhat);
    const partyId = resolveParty(row, v.party);
    return {
      row,
      placed: maslikhat !== null,
      values: v,
      ok: problems.length === before,
      folded: foldedName(familyName, givenName, v.patronymic ?? null),
      planned: {
        row,
        familyName,
        givenName,
        patronymic: v.patronymic ?? null,
        birthDate: birthDate ?? '',
        iin,
        gender: iinInfo?.gender ?? null,
        maslikhat: maslikhat ?? { kind: 'target' },
        district,
        partyId: partyId ?? null,
        startDate,
      },
    };
  }

  const total = file.rows.length;
  const checked: Checked[] = [];
  for (const [i, row] of file.rows.entries()) {
    checked.push(checkRow(row));
    if (i % 250 === 0) progress('checking rows', i, total);
  }
  progress('checking rows', total, total);

  // ── Duplicates inside the file ──
  const firstByIin = new Map<string, number>();
  const firstByPerson = new Map<string, number>();
  const firstBySeat = new Map<string, number>();
  const seatKey = (c: Checked) => {
    const m = c.planned.maslikhat;
    return `${m.kind === 'target' ? 'target' : m.kind === 'existing' ? m.id : `new:${m.key}`}#${c.planned.district}`;
  };
  const personKey = (c: Checked) => `${c.folded.family}|${c.folded.given}|${c.folded.patronymic ?? ''}|${c.planned.birthDate}`;
  for (const c of checked) {
    const { iin, birthDate, district } = c.planned;
    if (iin) {
      const first = firstByIin.get(iin);
      if (first !== undefined) {
        add(c.row, 'import.problem.duplicateIinInFile', 'iin', { row: first });
        c.ok = false;
      } else firstByIin.set(iin, c.row);
    }
    if (birthDate && c.folded.family && c.folded.given) {
      const first = firstByPerson.get(personKey(c));
      if (first !== undefined) {
        if (!(iin && checked.find((x) => x.row === first)?.planned.iin === iin)) add(c.row, 'import.problem.duplicatePersonInFile', 'familyName', { row: first });
        c.ok = false;
      } else firstByPerson.set(personKey(c), c.row);
    }
    if (district !== null && c.placed) {
      const first = firstBySeat.get(seatKey(c));
      if (first !== undefined) {
        add(c.row, 'import.problem.districtTakenInFile', 'district', { row: first, district });
        c.ok = false;
      } else firstBySeat.set(seatKey(c), c.row);
    }
  }

  // ── Against the registry ──
  progress('checking the registry');
  const good = checked.filter((c) => c.ok);
  const byIin = new Map((await repo.findPersonsByIins(db, good.flatMap((c) => (c.planned.iin ? [c.planned.iin] : [])))).map((p) => [p.iin!, p]));
  const byBirthDate = new Map<string, repo.PersonCandidate[]>();
  for (const p of await repo.findPersonsByBirthDates(db, good.map((c) => c.planned.birthDate))) {
    byBirthDate.set(p.birthDate!, [...(byBirthDate.get(p.birthDate!) ?? []), p]);
  }
  const personFor = new Map<number, { id: string; addIin: boolean }>();
  const rowByPersonId = new Map<string, number>();
  for (const c of good) {
    const { iin, birthDate, row } = c.planned;
    let match: { id: string; addIin: boolean } | undefined;
    const holder = iin ? byIin.get(iin) : undefined;
    if (holder) {
      if (!sameName(c.folded, holder) || (holder.birthDate && holder.birthDate !== birthDate)) {
        add(row, 'import.problem.iinBelongsToOther', 'iin', { value: iin! });
        c.ok = false;
        continue;
      }
      match = { id: holder.id, addIin: false };
    } else {
      const namesakes = (byBirthDate.get(birthDate) ?? []).filter((p) => sameName(c.folded, p));
      const withOtherIin = namesakes.filter((p) => p.iin && p.iin !== iin);
      const withoutIin = namesakes.filter((p) => !p.iin);
      if (withoutIin.length) match = { id: withoutIin[0]!.id, addIin: iin !== null };
      else if (iin && withOtherIin.length) {
        add(row, 'import.problem.personHasOtherIin', 'iin', { value: iin });
        c.ok = false;
        continue;
      } else if (withOtherIin.length) match = { id: withOtherIin[0]!.id, addIin: false };
    }
    if (match) {
      const first = rowByPersonId.get(match.id);
      if (first !== undefined) {
        add(row, 'import.problem.duplicatePersonInFile', 'familyName', { row: first });
        c.ok = false;
        continue;
      }
      rowByPersonId.set(match.id, row);
      personFor.set(row, match);
    }
  }

  problems.sort((a, b) => a.row - b.row);
  const badRows = new Set(problems.map((p) => p.row)).size;
  if (problems.length) return { fileProblems: [], problems, badRows, totalRows: total, plan: emptyPlan };

  // ── The plan: what is new, what is there already ──
  const organizationIds = [target.id, ...new Set(checked.flatMap((c) => (c.planned.maslikhat.kind === 'existing' ? [c.planned.maslikhat.id] : [])))];
  const memberships = await repo.findCurrentDeputyMemberships(db, organizationIds, convocation?.id ?? null, today);
  const membershipBySeat = new Map(memberships.map((m) => [`${m.organizationId}|${m.personId}`, m]));
  const counts: ImportCounts = { ...emptyPlan.counts, rows: total, maslikhatsCreated: newMaslikhats.size };
  const rows: PlannedRow[] = checked.map((c) => {
    const person = personFor.get(c.row);
    const orgId = c.planned.maslikhat.kind === 'target' ? target.id : c.planned.maslikhat.kind === 'existing' ? c.planned.maslikhat.id : null;
    const existing = person && orgId ? membershipBySeat.get(`${orgId}|${person.id}`) : undefined;
    if (person) {
      counts.personsMatched++;
      if (person.addIin) counts.personsUpdated++;
    } else counts.personsCreated++;
    let membership: PlannedRow['membership'] = { kind: 'new' };
    if (existing) {
      const v = c.values;
      const changes: { district?: number | null; partyId?: string | null; startDate?: DateString } = {};
      if (c.planned.district !== null && c.planned.district !== existing.districtNumber) changes.district = c.planned.district;
      if (v.party && c.planned.partyId !== existing.onBehalfOfId) changes.partyId = c.planned.partyId;
      if (v.startDate && c.planned.startDate !== existing.startDate) changes.startDate = c.planned.startDate;
      membership = { kind: 'existing', id: existing.id, changes };
      if (Object.keys(changes).length) counts.membershipsUpdated++;
      else counts.membershipsUnchanged++;
    } else counts.membershipsCreated++;
    return { ...c.planned, person: person ? { kind: 'existing', ...person } : { kind: 'new' }, membership };
  });
  return {
    fileProblems: [],
    problems: [],
    badRows: 0,
    totalRows: total,
    plan: { language: file.language, convocationId: convocation?.id ?? null, newMaslikhats: [...newMaslikhats.values()], rows, counts },
  };
}

/** True when applying would change nothing in the registry. */
export const planChangesNothing = (plan: ImportPlan): boolean =>
  plan.counts.maslikhatsCreated + plan.counts.personsCreated + plan.counts.personsUpdated + plan.counts.membershipsCreated + plan.counts.membershipsUpdated === 0;
