// Links between capabilities without imports between them: a page about one thing (a meeting, a
// decision, a region's maslikhat) shows what other features know about it — the meeting's press
// release (news), the plan a decision adopted (plan), a region's obligations — while the feature
// that draws the page knows none of them. A feature provides links for a kind of subject when its
// routes are registered; the page asks for them when it renders. A feature may instead provide a
// titled section (a list of links with a detail each: a region's meetings, the plan's next report
// deadlines) for a page that gives each its own heading. One registry per app instance.
//
// A provider whose links come from one query gives the query instead of running it (provideQuery):
// a page's related links are then read in one statement however many features provide them, and a
// page may carry that statement's column in its own query (columnFor, then linksWith), so that
// what other features know of it costs no round trip of its own (the public meeting page, issue 15).
import type { AliasedExpression, Expression } from 'kysely';
import { jsonArrayFrom, jsonBuildObject } from 'kysely/helpers/postgres';
import type { Executor } from './db/query.js';
import type { Language } from './i18n/languages.js';
import type { MessageKey, MessageValues } from './i18n/messages.js';

/** The kinds of things other features can add links to ('home': the home organisation's front page; 'outreach_event': an event's office page, so its links lead into the office). */
export type RelatedSubject = 'meeting' | 'decision' | 'maslikhat' | 'home' | 'outreach_event';

export interface RelatedLink {
  messageKey: MessageKey;
  values?: MessageValues;
  /** Path inside the language, e.g. '/news/{id}'. */
  href: string;
  /** Words shown after the link (a date, a standing), outside its name. */
  detail?: { messageKey: MessageKey; values?: MessageValues };
}

/** A titled list of links a feature adds to a page: the page gives it a heading of its own. */
export interface RelatedSection {
  /** A key of the providing feature, unique on the page (the heading's id is made from it). */
  key: string;
  titleKey: MessageKey;
  titleValues?: MessageValues;
  links: RelatedLink[];
  /** Said when there are no links; without it, a section with no links is left out. */
  emptyKey?: MessageKey;
  /** A link to everything, when the list shows only the first few. */
  more?: RelatedLink;
}

export type RelatedSectionProvider = (id: string, lang: Language) => Promise<RelatedSection | undefined>;

export type RelatedProvider = (id: string, lang: Language) => Promise<RelatedLink[]>;

/**
 * Links made from the rows of one query over the subject's id. The rows travel as a JSON array (a
 * timestamp arrives as its ISO text), and the query may use the id only as a value (the page's own
 * query may be compiled once, see core/db/compiled-query.ts).
 */
export interface RelatedQuery<Row> {
  rows(db: Executor, id: string): Expression<Row>;
  links(rows: Row[], lang: Language): RelatedLink[];
}

/** What a subject's columnFor selects: each query provider's rows, under a key of its own. */
export type RelatedRows = Readonly<Record<string, unknown>>;

export interface RelatedLinks {
  /** Adds a feature's provider for a kind of subject (once per feature and kind). */
  provide(subject: RelatedSubject, feature: string, provider: RelatedProvider): void;
  /** Adds a feature's provider whose links come from one query (once per feature and kind). */
  provideQuery<Row>(subject: RelatedSubject, feature: string, query: RelatedQuery<Row>): void;
  /** Every provider's links for the subject, in the order the features were registered; the query providers' in one statement. */
  linksFor(subject: RelatedSubject, id: string, lang: Language): Promise<RelatedLink[]>;
  /** The query providers' rows as one column, `related`, that a page's own query selects (with the same id), for linksWith. */
  columnFor(subject: RelatedSubject, db: Executor, id: string): AliasedExpression<RelatedRows, 'related'>;
  /** linksFor, with the query providers' rows taken from what columnFor selected. */
  linksWith(subject: RelatedSubject, id: string, lang: Language, related: RelatedRows): Promise<RelatedLink[]>;
  /** Adds a feature's titled section for a kind of subject (once per feature and kind). */
  provideSection(subject: RelatedSubject, feature: string, provider: RelatedSectionProvider): void;
  /** Every provider's section for the subject (those with nothing to show left out), in registration order. */
  sectionsFor(subject: RelatedSubject, id: string, lang: Language): Promise<RelatedSection[]>;
}

/** One provider per feature and kind of subject, kept in the order they were added. */
function providerTable<P>(what: string) {
  const providers = new Map<RelatedSubject, Map<string, P>>();
  return {
    add(subject: RelatedSubject, feature: string, provider: P) {
      let bySubject = providers.get(subject);
      if (!bySubject) providers.set(subject, (bySubject = new Map()));
      if (bySubject.has(feature)) throw new Error(`${feature} provides ${what} for ${subject} twice`);
      bySubject.set(feature, provider);
    },
    of: (subject: RelatedSubject): P[] => [...(providers.get(subject)?.values() ?? [])],
  };
}

type LinkProvider = { kind: 'function'; provider: RelatedProvider } | { kind: 'query'; query: RelatedQuery<unknown> };

export function createRelatedLinks(db: Executor): RelatedLinks {
  const links = providerTable<LinkProvider>('links');
  const sections = providerTable<RelatedSectionProvider>('a section');
  const queriesOf = (subject: RelatedSubject) => links.of(subject).flatMap((p) => (p.kind === 'query' ? [p.query] : []));
  const columnFor = (subject: RelatedSubject, executor: Executor, id: string) =>
    jsonBuildObject(Object.fromEntries(queriesOf(subject).map((query, i) => [`q${i}`, jsonArrayFrom(query.rows(executor, id))])))
      .$castTo<RelatedRows>()
      .as('related');

  async function linksWith(subject: RelatedSubject, id: string, lang: Language, related: RelatedRows): Promise<RelatedLink[]> {
    let queryIndex = 0;
    const lists = await Promise.all(
      links.of(subject).map((p) => {
        if (p.kind === 'function') return p.provider(id, lang);
        const rows = related[`q${queryIndex++}`];
        if (!Array.isArray(rows)) throw new Error(`the related rows of ${subject} were not selected (columnFor)`);
        return p.query.links(rows, lang);
      }),
    );
    return lists.flat();
  }

  return {
    provide: (subject, feature, provider) => links.add(subject, feature, { kind: 'function', provider }),
    provideQuery: (subject, feature, query) => links.add(subject, feature, { kind: 'query', query: query as RelatedQuery<unknown> }),
    async linksFor(subject, id, lang) {
      const related = queriesOf(subject).length ? (await db.selectNoFrom(columnFor(subject, db, id)).executeTakeFirstOrThrow()).related : {};
      return linksWith(subject, id, lang, related);
    },
    columnFor,
    linksWith,
    provideSection: sections.add,
    async sectionsFor(subject, id, lang) {
      const found = await Promise.all(sections.of(subject).map((p) => p(id, lang)));
      return found.filter((s): s is RelatedSection => s !== undefined && (s.links.length > 0 || s.emptyKey !== undefined));
    },
  };
}
