// Writes Atom 1.0 (RFC 4287) documents: escaped text, RFC 3339 dates, stable urn:uuid ids, links with hreflang.
import { v5 as uuidV5 } from 'uuid';

/** The namespace of Kenes's feed and entry ids (fixed: an id must never change once a reader has seen it). */
const idNamespace = '6d1f1c8e-3b0a-5f6e-9a61-4f2b7c9d0e15';

export interface AtomLink {
  href: string;
  rel?: 'alternate' | 'self' | 'related';
  type?: string;
  hreflang?: string;
  title?: string;
}

export interface AtomText {
  text: string;
  /** The text's language when it is not the feed's (a fallback), as a BCP 47 tag. */
  lang?: string;
  /** 'html': the text is HTML markup, written escaped as Atom requires. */
  type?: 'text' | 'html';
}

export interface AtomEntry {
  id: string;
  title: AtomText;
  updated: Date;
  published?: Date;
  links: AtomLink[];
  summary?: AtomText;
  content?: AtomText;
}

export interface AtomFeed {
  id: string;
  /** The feed's language, as a BCP 47 tag (xml:lang). */
  lang: string;
  title: string;
  subtitle?: string;
  /** Who publishes the feed (Atom wants an author for every entry; the feed's is theirs). */
  author: string;
  /** When used for an empty feed; else the newest entry's updated. */
  updated: Date;
  links: AtomLink[];
  entries: AtomEntry[];
}

/** Characters XML 1.0 does not allow at all (C0 controls but tab, newline and return; lone surrogates; U+FFFE/FFFF). */
// oxlint-disable-next-line no-control-regex -- dropping them is the point
const notXml = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text escaped for XML content and attribute values; characters XML cannot carry are dropped. */
export function escapeXml(value: string): string {
  return value
    .replace(notXml, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** RFC 3339 in UTC, to the second: 2025-04-10T06:00:00Z. */
export function rfc3339(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** A stable Atom id for a thing and its language version: urn:uuid: of a name-based (v5) UUID. */
export function atomId(...parts: string[]): string {
  return `urn:uuid:${uuidV5(parts.join('/'), idNamespace)}`;
}

/** Plain text as the HTML of its paragraphs (blank lines apart; a line break kept as <br>). */
export function paragraphsHtml(plain: string): string {
  return plain
    .split(/\r?\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => `<p>${p.split(/\r?\n/).map(escapeXml).join('<br>')}</p>`)
    .join('');
}

function attributes(values: Record<string, string | undefined>): string {
  return Object.entries(values)
    .filter((pair): pair is [string, string] => pair[1] !== undefined)
    .map(([name, value]) => ` ${name}="${escapeXml(value)}"`)
    .join('');
}

function link(l: AtomLink): string {
  return `<link${attributes({ rel: l.rel ?? 'alternate', type: l.type, hreflang: l.hreflang, href: l.href, title: l.title })}/>`;
}

function text(name: string, t: AtomText): string {
  return `<${name}${attributes({ type: t.type ?? 'text', 'xml:lang': t.lang })}>${escapeXml(t.text)}</${name}>`;
}

function entry(e: AtomEntry): string {
  return [
    '  <entry>',
    `    <id>${escapeXml(e.id)}</id>`,
    `    ${text('title', e.title)}`,
    `    <updated>${rfc3339(e.updated)}</updated>`,
    ...(e.published ? [`    <published>${rfc3339(e.published)}</published>`] : []),
    ...e.links.map((l) => `    ${link(l)}`),
    ...(e.summary && e.summary.text ? [`    ${text('summary', e.summary)}`] : []),
    ...(e.content && e.content.text ? [`    ${text('content', e.content)}`] : []),
    '  </entry>',
  ].join('\n');
}

/** The feed as an Atom document; its updated is the newest entry's (so an unchanged feed is the same bytes, and the same ETag). */
export function writeAtom(feed: AtomFeed): string {
  const newest = feed.entries.reduce((max, e) => (e.updated > max ? e.updated : max), new Date(0));
  const updated = feed.entries.length ? newest : feed.updated;
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<feed xmlns="http://www.w3.org/2005/Atom"${attributes({ 'xml:lang': feed.lang })}>`,
    `  <id>${escapeXml(feed.id)}</id>`,
    `  ${text('title', { text: feed.title })}`,
    ...(feed.subtitle ? [`  ${text('subtitle', { text: feed.subtitle })}`] : []),
    `  <updated>${rfc3339(updated)}</updated>`,
    `  <author><name>${escapeXml(feed.author)}</name></author>`,
    '  <generator>Kenes</generator>',
    ...feed.links.map((l) => `  ${link(l)}`),
    ...feed.entries.map(entry),
    '</feed>',
    '',
  ].join('\n');
}
