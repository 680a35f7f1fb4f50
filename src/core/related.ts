// Links between capabilities without imports between them: a page about one thing (a meeting, a
// decision, a region's maslikhat) shows what other features know about it — the meeting's press
// release (news), the plan a decision adopted (plan), a region's obligations — while the feature
// that draws the page knows none of them. A feature provides links for a kind of subject when its
// routes are registered; the page asks for them when it renders. A feature may instead provide a
// titled section (a list of links with a detail each: a region's meetings, the plan's next report
// deadlines) for a page that gives each its own heading. One registry per app instance.
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

export interface RelatedLinks {
  /** Adds a feature's provider for a kind of subject (once per feature and kind). */
  provide(subject: RelatedSubject, feature: string, provider: RelatedProvider): void;
  /** Every provider's links for the subject, in the order the features were registered. */
  linksFor(subject: RelatedSubject, id: string, lang: Language): Promise<RelatedLink[]>;
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

export function createRelatedLinks(): RelatedLinks {
  const links = providerTable<RelatedProvider>('links');
  const sections = providerTable<RelatedSectionProvider>('a section');
  return {
    provide: links.add,
    async linksFor(subject, id, lang) {
      const lists = await Promise.all(links.of(subject).map((p) => p(id, lang)));
      return lists.flat();
    },
    provideSection: sections.add,
    async sectionsFor(subject, id, lang) {
      const found = await Promise.all(sections.of(subject).map((p) => p(id, lang)));
      return found.filter((s): s is RelatedSection => s !== undefined && (s.links.length > 0 || s.emptyKey !== undefined));
    },
  };
}
