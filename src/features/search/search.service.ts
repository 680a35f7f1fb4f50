// The search page's and the API's reading of a request: filters checked (a bad one is reported and
// left out, never an error page), the index asked, the hits made ready to show.
import type { FastifyInstance } from 'fastify';
import type { Actor } from '../../core/auth/actor.js';
import { todayInKazakhstan } from '../../core/db/dated.js';
import type { FieldProblem } from '../../core/errors.js';
import type { Language } from '../../core/i18n/languages.js';
import type { LocalizedText } from '../../core/i18n/localized-text.js';
import type { MessageKey } from '../../core/i18n/messages.js';
import { toKazakhLatin } from '../../core/i18n/transliterate.js';
import type { SearchLanguage, SnippetPart } from '../../core/search/analyse.js';
import type { SearchHit } from '../../core/search/search-index.js';
import type { RegistryService } from '../registry/registry.service.js';

export const pageSize = 20;
/** The longest q read from a request (the analysis reads the first 200 characters of it). */
export const maxQueryInput = 5000;

const isoDay = /^\d{4}-\d{2}-\d{2}$/;
const validDay = (value: string) => isoDay.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value);

export interface SearchInput {
  q: string;
  type: string;
  region: string;
  from: string;
  to: string;
  page: number;
}

export interface TypeOption {
  value: string;
  labelKey: MessageKey;
}

export interface ShownHit {
  type: string;
  typeLabelKey: MessageKey;
  language: SearchLanguage;
  title: SnippetPart[];
  snippet: SnippetPart[];
  path: string;
  date: string | null;
  regionName: LocalizedText | null;
  office: boolean;
}

export interface SearchView {
  input: SearchInput;
  problems: FieldProblem[];
  types: TypeOption[];
  regions: { kato: string; name: LocalizedText }[];
  /** Undefined until something was asked. */
  results?: { hits: ShownHit[]; total: number; page: number; pages: number; empty: boolean; capped: boolean };
  /** A filter is set (the "nothing found" advice offers to clear them). */
  filtered: boolean;
}

const latinParts = (parts: SnippetPart[]) => parts.map((p) => ({ ...p, text: toKazakhLatin(p.text) }));

const escapeHtml = (text: string) => text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;').replaceAll("'", '&#39;');

/** Parts as HTML: escaped, the hits in <mark>. */
export const partsHtml = (parts: SnippetPart[]) => parts.map((p) => (p.hit ? `<mark>${escapeHtml(p.text)}</mark>` : escapeHtml(p.text))).join('');
const partsText = (parts: SnippetPart[]) => parts.map((p) => p.text).join('');

export function createSearchService(app: FastifyInstance, registry: RegistryService) {
  async function regions() {
    return (await registry.listAreas(todayInKazakhstan())).map((a) => ({ kato: a.kato, name: a.name }));
  }

  function types(): TypeOption[] {
    return app.searchIndex.sources().map((s) => ({ value: s.type, labelKey: s.labelKey }));
  }

  return {
    async page(query: SearchInput, lang: Language, actor: Actor | undefined): Promise<SearchView> {
      const problems: FieldProblem[] = [];
      const typeOptions = types();
      const regionList = await regions();
      const input = { ...query };
      if (input.type && !typeOptions.some((o) => o.value === input.type)) input.type = '';
      if (input.region && !regionList.some((r) => r.kato === input.region)) input.region = '';
      if (input.from && !validDay(input.from)) problems.push({ field: 'from', messageKey: 'search.dateInvalid' });
      if (input.to && !validDay(input.to)) problems.push({ field: 'to', messageKey: 'search.dateInvalid' });
      const from = input.from && validDay(input.from) ? input.from : undefined;
      const to = input.to && validDay(input.to) ? input.to : undefined;
      const filtered = Boolean(input.type || input.region || input.from || input.to);
      if (!input.q) return { input, problems, types: typeOptions, regions: regionList, filtered };
      const prefer: SearchLanguage = lang === 'kk-latn' ? 'kk' : lang;
      const found = await app.searchIndex.search({
        q: input.q,
        ...(input.type ? { types: [input.type] } : {}),
        ...(input.region ? { region: input.region } : {}),
        ...(from ? { from } : {}),
        ...(to ? { to } : {}),
        page: input.page,
        pageSize,
        prefer,
        actor,
      });
      const labels = new Map(typeOptions.map((o) => [o.value, o.labelKey]));
      const regionNames = new Map(regionList.map((r) => [r.kato, r.name]));
      const shown = (hit: SearchHit): ShownHit => {
        const latin = lang === 'kk-latn' && hit.language === 'kk';
        return {
          type: hit.type,
          typeLabelKey: labels.get(hit.type) ?? 'search.title',
          language: hit.language,
          title: latin ? latinParts(hit.title) : hit.title,
          snippet: latin ? latinParts(hit.snippet) : hit.snippet,
          path: hit.path,
          date: hit.date,
          regionName: hit.regionKato ? (regionNames.get(hit.regionKato) ?? null) : null,
          office: hit.audience === 'office',
        };
      };
      return { input, problems, types: typeOptions, regions: regionList, filtered, results: { ...found, hits: found.hits.map(shown) } };
    },

    async api(query: { q: string; type?: string | undefined; lang?: SearchLanguage | undefined; region?: string | undefined; from?: string | undefined; to?: string | undefined; page: number }) {
      const problems: FieldProblem[] = [];
      if (query.type && !types().some((o) => o.value === query.type)) problems.push({ field: 'type', messageKey: 'search.typeUnknown' });
      const found = problems.length
        ? { hits: [], total: 0, page: query.page, pages: 1, empty: true, capped: false }
        : await app.searchIndex.search({
            q: query.q,
            ...(query.type ? { types: [query.type] } : {}),
            ...(query.lang ? { language: query.lang } : {}),
            ...(query.region ? { region: query.region } : {}),
            ...(query.from ? { from: query.from } : {}),
            ...(query.to ? { to: query.to } : {}),
            page: query.page,
            pageSize,
            prefer: query.lang ?? 'kk',
          });
      return {
        problems,
        body: {
          query: query.q.slice(0, 200),
          total: found.total,
          capped: found.capped,
          page: found.page,
          pages: found.pages,
          results: found.hits.map((h) => ({
            type: h.type,
            id: h.subjectId,
            language: h.language,
            title: partsText(h.title),
            snippet: partsText(h.snippet),
            highlighted: { title: partsHtml(h.title), snippet: partsHtml(h.snippet) },
            url: `/${h.language}${h.path}`,
            date: h.date,
            region: h.regionKato,
          })),
        },
      };
    },
  };
}
