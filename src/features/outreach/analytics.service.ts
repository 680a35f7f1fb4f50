// Outreach analytics: per region and period — events, audience, reach per 1,000 residents,
// questions raised and the share answered on time, open questions past their date — by month and
// by topic, from the rollups (migration 0022). The public sees public events; the office sees
// internal ones too, the secretariat every region, maslikhat staff and deputies their own.
import { todayInKazakhstan } from '../../core/db/dated.js';
import type { Db } from '../../core/db/connect.js';
import type { FieldProblem } from '../../core/errors.js';
import type { Language } from '../../core/i18n/languages.js';
import type { LocalizedText } from '../../core/i18n/localized-text.js';
import { toKazakhLatin } from '../../core/i18n/transliterate.js';
import * as repo from './analytics.repository.js';
import { listRegions } from './outreach.repository.js';

export const measures = ['events', 'audience', 'reach', 'questions', 'onTime'] as const;
export type Measure = (typeof measures)[number];
/** The longest period asked at once, in months. */
export const maxMonths = 120;
const topicLimit = 10;

export interface Figures {
  events: number;
  audience: number;
  population: number | null;
  /** People reached per 1,000 residents (null without a population). */
  reach: number | null;
  questions: number;
  answered: number;
  answeredOnTime: number;
  /** Answered on time ÷ raised (null when none was raised). */
  onTime: number | null;
  overdue: number;
}

export interface RegionFigures extends Figures {
  id: string;
  kato: string;
  name: LocalizedText | null;
}

export interface MonthFigures {
  month: string;
  events: number;
  audience: number;
  questions: number;
  onTime: number | null;
}

export interface AnalyticsModel {
  from: string;
  to: string;
  /** The day the map's units and names are of: the period's last day, or today when it is later. */
  asOf: string;
  internal: boolean;
  regions: RegionFigures[];
  /** The region asked for, else null (the figures are then the sum over `regions`). */
  region: RegionFigures | null;
  totals: Figures;
  months: MonthFigures[];
  topics: { id: string; slug: string | null; title: LocalizedText; events: number }[];
}

const monthPattern = /^(\d{4})-(0[1-9]|1[0-2])$/;
export const isMonth = (s: string) => monthPattern.test(s) && s >= '2000-01' && s <= '2100-12';
export const currentMonth = (today = todayInKazakhstan()) => today.slice(0, 7);

export function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + n;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let m = from; m <= to && out.length <= maxMonths; m = addMonths(m, 1)) out.push(m);
  return out;
}

/** The last day of a month, 'YYYY-MM-DD'. */
export function lastDay(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

/**
 * The period asked for (from, to as YYYY-MM): the last twelve months by default; an ill-formed or
 * impossible period is refused with a problem and the default shown (the input kept by the form).
 */
export function readPeriod(input: { from: string; to: string }, today = todayInKazakhstan()): { from: string; to: string; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const defaultTo = currentMonth(today);
  let to = defaultTo;
  let from = addMonths(defaultTo, -11);
  const fromOk = input.from === '' || isMonth(input.from);
  const toOk = input.to === '' || isMonth(input.to);
  if (!fromOk) problems.push({ field: 'from', messageKey: 'outreachStats.monthInvalid' });
  if (!toOk) problems.push({ field: 'to', messageKey: 'outreachStats.monthInvalid' });
  if (problems.length) return { from, to, problems };
  if (input.to) to = input.to;
  from = input.from || addMonths(to, -11);
  if (from > to) return { from: addMonths(defaultTo, -11), to: defaultTo, problems: [{ field: 'from', messageKey: 'outreachStats.periodOrder' }] };
  if (monthsBetween(from, to).length > maxMonths) return { from: addMonths(defaultTo, -11), to: defaultTo, problems: [{ field: 'from', messageKey: 'outreachStats.periodTooLong' }] };
  return { from, to, problems };
}

const share = (part: number, whole: number) => (whole > 0 ? part / whole : null);

function figuresOf(c: Omit<repo.RegionCounts, 'regionId'>, population: number | null): Figures {
  return {
    events: c.events,
    audience: c.audience,
    population,
    reach: population ? (c.audience / population) * 1000 : null,
    questions: c.questions,
    answered: c.answered,
    answeredOnTime: c.answeredOnTime,
    onTime: share(c.answeredOnTime, c.questions),
    overdue: c.overdue,
  };
}

const zero = { events: 0, audience: 0, questions: 0, answered: 0, answeredOnTime: 0, overdue: 0 };

/** A measure's value in figures. */
export const valueOf = (f: Figures | MonthFigures, measure: Measure): number | null => (measure === 'reach' ? ('reach' in f ? f.reach : null) : f[measure]);

const monthFormats = new Map<string, Intl.DateTimeFormat>();
/** "Mar 2024" in the language (Kazakh Latin transliterated). */
export function monthLabel(lang: Language, month: string): string {
  const locale = lang === 'en' ? 'en-GB' : lang === 'kk-latn' ? 'kk' : lang;
  let format = monthFormats.get(locale);
  if (!format) monthFormats.set(locale, (format = new Intl.DateTimeFormat(locale, { month: 'short', year: 'numeric', timeZone: 'UTC' })));
  const text = format.format(new Date(`${month}-15T12:00:00Z`));
  return lang === 'kk-latn' ? toKazakhLatin(text) : text;
}

export function createAnalyticsService(db: Db) {
  return {
    /** Any top area by KATO (null when there is none). */
    async regionByKato(kato: string) {
      return (await repo.findRegionByKato(db, kato)) ?? null;
    },

    regionsOfOrganizations: (organizationIds: readonly string[]) => repo.regionsOfOrganizations(db, organizationIds),

    /**
     * The figures of a period. `scope`: the regions the visitor may see (undefined: all);
     * `regionId`: the one asked for within it.
     */
    async model(options: { from: string; to: string; internal: boolean; scope?: readonly string[] | undefined; regionId?: string | undefined; regionKato?: string | undefined; today?: string }): Promise<AnalyticsModel> {
      const today = options.today ?? todayInKazakhstan();
      const end = lastDay(options.to);
      const asOf = end < today ? end : today;
      const base = { fromMonth: `${options.from}-01`, toMonth: `${options.to}-01`, internal: options.internal };
      const scoped = { ...base, regionIds: options.scope };
      const focused = { ...base, regionIds: options.regionId ? [options.regionId] : options.scope };
      const [areas, counts, population, monthRows, topics] = await Promise.all([
        listRegions(db, asOf),
        repo.countsByRegion(db, scoped, today),
        repo.populationOn(db, end),
        repo.countsByMonth(db, focused),
        repo.topTopics(db, focused, topicLimit),
      ]);
      const byRegion = new Map(counts.map((c) => [c.regionId, c]));
      const inScope = (id: string) => !options.scope || options.scope.includes(id);
      const regions: RegionFigures[] = areas.filter((a) => inScope(a.id)).map((a) => ({ id: a.id, kato: a.kato, name: a.name, ...figuresOf(byRegion.get(a.id) ?? zero, population.get(a.id) ?? null) }));
      // A region asked for that is not among the day's (an earlier region) still has its figures.
      let region = options.regionId ? (regions.find((r) => r.id === options.regionId) ?? null) : null;
      if (options.regionId && !region) {
        region = { id: options.regionId, kato: options.regionKato ?? '', name: null, ...figuresOf(byRegion.get(options.regionId) ?? zero, population.get(options.regionId) ?? null) };
      }
      const sum = (key: keyof typeof zero) => regions.reduce((n, r) => n + r[key], 0);
      const totalPopulation = regions.every((r) => r.population !== null) && regions.length ? regions.reduce((n, r) => n + (r.population ?? 0), 0) : null;
      const totals = region ?? figuresOf({ events: sum('events'), audience: sum('audience'), questions: sum('questions'), answered: sum('answered'), answeredOnTime: sum('answeredOnTime'), overdue: sum('overdue') }, totalPopulation);
      const monthMap = new Map(monthRows.map((m) => [m.month, m]));
      const months = monthsBetween(options.from, options.to).map((month) => {
        const m = monthMap.get(month);
        return { month, events: m?.events ?? 0, audience: m?.audience ?? 0, questions: m?.questions ?? 0, onTime: m ? share(m.answeredOnTime, m.questions) : null };
      });
      return { from: options.from, to: options.to, asOf, internal: options.internal, regions, region, totals, months, topics };
    },
  };
}

export type AnalyticsService = ReturnType<typeof createAnalyticsService>;
