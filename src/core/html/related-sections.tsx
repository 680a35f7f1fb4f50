// Renders the titled sections other features add to a page (core/related.ts): a heading, the links
// with their detail after each, a "see all" link, or the provider's words for an empty list.
import type { RelatedLink, RelatedSection } from '../related.js';
import { usePage } from './page-context.js';

export function RelatedLinkLine({ link }: { link: RelatedLink }) {
  const { t, href } = usePage();
  return (
    <>
      <a href={href(link.href)}>{t(link.messageKey, link.values)}</a>
      {link.detail && <> — {t(link.detail.messageKey, link.detail.values)}</>}
    </>
  );
}

export function RelatedSections({ sections, level = 2, idPrefix = 'related' }: { sections: RelatedSection[]; level?: 2 | 3; idPrefix?: string }) {
  const { t, href } = usePage();
  const Heading = level === 2 ? 'h2' : 'h3';
  return (
    <>
      {sections.map((section) => {
        const id = `${idPrefix}-${section.key}`;
        return (
          <section key={section.key} aria-labelledby={id}>
            <Heading id={id}>{t(section.titleKey, section.titleValues)}</Heading>
            {section.links.length ? (
              <ul>
                {section.links.map((link, i) => (
                  <li key={`${i} ${link.href}`}>
                    <RelatedLinkLine link={link} />
                  </li>
                ))}
              </ul>
            ) : (
              section.emptyKey && <p class="hint">{t(section.emptyKey)}</p>
            )}
            {section.more && (
              <p>
                <a href={href(section.more.href)}>{t(section.more.messageKey, section.more.values)}</a>
              </p>
            )}
          </section>
        );
      })}
    </>
  );
}
