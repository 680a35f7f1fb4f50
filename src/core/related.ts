// Links between capabilities without imports between them: a page about one thing (a meeting, a
// decision, a region's maslikhat) shows what other features know about it — the meeting's press
// release (news), the plan a decision adopted (plan), a region's obligations — while the feature
// that draws the page knows none of them. A feature provides links for a kind of subject when its
// routes are registered; the page asks for them when it renders. One registry per app instance.
import type { Language } from './i18n/languages.js';
import type { MessageKey, MessageValues } from './i18n/messages.js';

/** The kinds of things other features can add links to. */
export type RelatedSubject = 'meeting' | 'decision' | 'maslikhat';

export interface RelatedLink {
  messageKey: MessageKey;
  values?: MessageValues;
  /** Path inside the language, e.g. '/news/{id}'. */
  href: string;
}

export type RelatedProvider = (id: string, lang: Language) => Promise<RelatedLink[]>;

export interface RelatedLinks {
  /** Adds a feature's provider for a kind of subject (once per feature and kind). */
  provide(subject: RelatedSubject, feature: string, provider: RelatedProvider): void;
  /** Every provider's links for the subject, in the order the features were registered. */
  linksFor(subject: RelatedSubject, id: string, lang: Language): Promise<RelatedLink[]>;
}

export function createRelatedLinks(): RelatedLinks {
  const providers = new Map<RelatedSubject, Map<string, RelatedProvider>>();
  return {
    provide(subject, feature, provider) {
      let bySubject = providers.get(subject);
      if (!bySubject) providers.set(subject, (bySubject = new Map()));
      if (bySubject.has(feature)) throw new Error(`${feature} provides links for ${subject} twice`);
      bySubject.set(feature, provider);
    },
    async linksFor(subject, id, lang) {
      const lists = await Promise.all([...(providers.get(subject)?.values() ?? [])].map((p) => p(id, lang)));
      return lists.flat();
    },
  };
}
