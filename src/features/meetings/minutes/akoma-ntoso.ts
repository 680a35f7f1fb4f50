// The minutes as an Akoma Ntoso 3.0 debate record (OASIS LegalDocML): the Kazakh expression, with
// Russian (then English) where staff entered no Kazakh, marked with xml:lang. Built as a small
// element tree and serialised with every text and attribute escaped.
import { formatDate, localize } from '../../../core/i18n/format.js';
import type { LocalizedText } from '../../../core/i18n/localized-text.js';
import type { AgendaEntry } from '../public.service.js';
import type { MeetingDecisionRow, StatementRow } from '../public.repository.js';
import type { MeetingRecord } from '../record.js';
import { flattenAgenda, invitedPersonEntries, invitedRegionEntries, minutesLabels, quorumStatement, registeredPeople, voteCount } from './minutes-content.js';

export const akomaNtosoNamespace = 'http://docs.oasis-open.org/legaldocml/ns/akn/3.0';

export interface AkomaNtosoOptions {
  /** The public address of Kenes (e.g. https://kenes.example.kz), for the meeting page's alias. */
  baseUrl: string;
}

// ---- A minimal XML writer: element and attribute names are ours, all values are escaped. ----

interface XmlElement {
  name: string;
  attributes: Record<string, string | undefined>;
  children: XmlNode[];
}
type XmlNode = XmlElement | string;

const xmlName = /^[A-Za-z_][\w.:-]*$/;
// Characters XML 1.0 cannot carry at all (controls, lone surrogates, U+FFFE/FFFF): dropped.
const notXmlChar = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

export function escapeXmlText(value: string): string {
  return value.replace(notXmlChar, '').replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

export function escapeXmlAttribute(value: string): string {
  return escapeXmlText(value).replaceAll('"', '&quot;').replaceAll("'", '&apos;').replaceAll('\t', '&#9;').replaceAll('\n', '&#10;').replaceAll('\r', '&#13;');
}

function el(name: string, attributes: Record<string, string | undefined> = {}, ...children: (XmlNode | null | undefined | false)[]): XmlElement {
  return { name, attributes, children: children.filter((c): c is XmlNode => c !== null && c !== undefined && c !== false) };
}

function serialize(node: XmlElement, depth = 0): string {
  if (!xmlName.test(node.name)) throw new Error(`Not an XML name: ${node.name}`);
  const pad = '  '.repeat(depth);
  const attributes = Object.entries(node.attributes)
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([key, value]) => {
      if (!xmlName.test(key)) throw new Error(`Not an XML name: ${key}`);
      return ` ${key}="${escapeXmlAttribute(value)}"`;
    })
    .join('');
  if (node.children.length === 0) return `${pad}<${node.name}${attributes}/>`;
  // Mixed content is written on one line so that no whitespace is added to the text.
  if (node.children.some((c) => typeof c === 'string')) {
    const inline = (c: XmlNode): string => (typeof c === 'string' ? escapeXmlText(c) : serialize(c, 0));
    return `${pad}<${node.name}${attributes}>${node.children.map(inline).join('')}</${node.name}>`;
  }
  const inner = node.children.map((c) => (typeof c === 'string' ? escapeXmlText(c) : serialize(c, depth + 1))).join('\n');
  return `${pad}<${node.name}${attributes}>\n${inner}\n${pad}</${node.name}>`;
}

// ---- The debate record ----

const labels = minutesLabels.kk;

/** Kazakh text, else the fallback with its language tag (for xml:lang). */
function kk(text: LocalizedText | null | undefined): { text: string; lang: string | undefined } {
  const l = localize('kk', text);
  return { text: l.text, lang: l.fallback && l.text !== '' ? l.tag : undefined };
}

const personEid = (personId: string) => `person-${personId}`;

interface Speakers {
  /** eId → name shown, in order of first mention. */
  people: Map<string, string>;
  /** The eId of a statement's speaker. */
  statementSpeaker: Map<StatementRow, string>;
}

function collectSpeakers(record: MeetingRecord, entries: AgendaEntry[]): Speakers {
  const people = new Map<string, string>();
  const statementSpeaker = new Map<StatementRow, string>();
  const add = (eId: string, name: LocalizedText | null) => {
    if (!people.has(eId)) people.set(eId, kk(name).text || labels.unnamed);
  };
  if (record.chair) add(personEid(record.chair.personId), record.chair.name);
  let unnamed = 0;
  for (const entry of entries) {
    for (const s of [...entry.rapporteurs, ...entry.coSpeakers]) add(personEid(s.personId), s.personName);
    for (const s of entry.statements) {
      // A speaker not in the registry (a guest named only by a label) gets a reference of their own.
      const eId = s.personId ? personEid(s.personId) : `speaker-${++unnamed}`;
      add(eId, s.personName ?? s.speakerLabel);
      statementSpeaker.set(s, eId);
    }
  }
  return { people, statementSpeaker };
}

function textP(text: LocalizedText | null | undefined, attributes: Record<string, string | undefined> = {}): XmlElement | null {
  const t = kk(text);
  return t.text ? el('p', { ...attributes, 'xml:lang': t.lang }, t.text) : null;
}

function speech(s: StatementRow, eId: string, by: string, speakers: Speakers): XmlElement {
  const name = speakers.people.get(by) ?? labels.unnamed;
  const paragraphs = [textP(s.summary, { class: 'summary' }), s.quotation ? el('p', { class: 'quotation', 'xml:lang': s.language }, s.quotation) : null].filter(
    (p): p is XmlElement => p !== null,
  );
  // A speech needs at least one block: an empty paragraph when nothing of it was recorded.
  return el('speech', { eId, by: `#${by}` }, el('from', {}, name), ...(paragraphs.length > 0 ? paragraphs : [el('p', {})]));
}

function resolution(d: MeetingDecisionRow, eId: string): XmlElement {
  const title = kk(d.title);
  const hasVotes = d.votesFor !== null || d.votesAgainst !== null || d.votesAbstain !== null;
  // Zero is written as the minutes write it ("жоқ"); the number stays in `normalized`.
  const count = (n: number | null, what: string) => el('quantity', { refersTo: `#${what}`, normalized: String(n ?? 0) }, voteCount('kk', n));
  return el(
    'resolutions',
    { eId },
    d.number ? el('num', {}, labels.decisionNumber(d.number)) : null,
    el('heading', { 'xml:lang': title.lang }, title.text || labels.unnamed),
    textP(d.body),
    hasVotes &&
      el(
        'p',
        { class: 'voting' },
        `${labels.votes} ${labels.votesFor} — `,
        count(d.votesFor, 'votesFor'),
        `, ${labels.votesAgainst} — `,
        count(d.votesAgainst, 'votesAgainst'),
        `, ${labels.votesAbstain} — `,
        count(d.votesAbstain, 'votesAbstain'),
        '.',
      ),
    d.result && el('p', { class: `result-${d.result}` }, d.result === 'adopted' ? labels.adopted : labels.rejected),
  );
}

function debateSection(record: MeetingRecord, entry: AgendaEntry, eId: string, number: string, speakers: Speakers): XmlElement {
  const title = kk(entry.title);
  const heard = [...entry.rapporteurs.map((s) => ({ s, role: 'rapporteur' })), ...entry.coSpeakers.map((s) => ({ s, role: 'coSpeaker' }))];
  const heardLine =
    heard.length > 0 &&
    el(
      'narrative',
      {},
      `${labels.heard} `,
      ...heard.flatMap(({ s, role }, i) => {
        const eIdOf = personEid(s.personId);
        const label = kk(s.label).text;
        return [i > 0 ? '; ' : '', el('person', { refersTo: `#${eIdOf}`, as: `#${role}` }, speakers.people.get(eIdOf) ?? labels.unnamed), label ? `, ${label}` : ''].filter((x) => x !== '');
      }),
    );
  const decisions = record.decisions.filter((d) => d.agendaItemId === entry.id);
  return el(
    'debateSection',
    { eId, name: 'agendaItem' },
    el('num', {}, number),
    el('heading', { 'xml:lang': title.lang }, title.text || labels.unnamed),
    heardLine,
    ...entry.statements.map((s, i) => speech(s, `${eId}__spch_${i + 1}`, speakers.statementSpeaker.get(s) ?? 'speaker-unknown', speakers)),
    ...decisions.map((d, i) => resolution(d, `${eId}__res_${i + 1}`)),
    ...entry.children.map((child, i) => debateSection(record, child, `${eId}__dbsect_${i + 1}`, `${number}${i + 1}.`, speakers)),
  );
}

function rollCall(record: MeetingRecord): XmlElement {
  const people = registeredPeople(record).members;
  const present = people.filter((a) => a.presence !== 'absent').map((a) => `${kk(a.name).text || labels.unnamed}${a.presence === 'video' ? ` (${labels.byVideo})` : ''}`);
  // Every invited maslikhat with its attendance from the roll call, as the minutes list them.
  const regions = invitedRegionEntries('kk', record);
  const invited = invitedPersonEntries('kk', record);
  return el(
    'rollCall',
    { eId: 'rollCall' },
    el('heading', {}, labels.present),
    present.length > 0 && el('p', { class: 'present' }, present.join('; ')),
    el('p', { class: 'quorum' }, quorumStatement('kk', record)),
    regions.length > 0 && el('p', { class: 'regions' }, `${labels.regions}: ${regions.join('; ')}`),
    invited.length > 0 && el('p', { class: 'invited' }, `${labels.invited}: ${invited.join('; ')}`),
  );
}

export function renderAkomaNtoso(record: MeetingRecord, options: AkomaNtosoOptions): string {
  const { meeting } = record;
  const base = options.baseUrl.replace(/\/+$/, '');
  const entries = flattenAgenda(record.agenda).map((f) => f.entry);
  const speakers = collectSpeakers(record, entries);
  // The AKN naming convention: /akn/{country}/{type}/{actor}/{date}/{number}, ISO 639-2 languages.
  const work = `/akn/kz/debaterecord/council/${record.date}/${meeting.number ?? meeting.id}`;
  const expression = `${work}/kaz@`;
  const generated = meeting.updatedAt.toISOString().slice(0, 10);
  const organization = kk(record.organization.name);
  const place = kk(meeting.place);
  const heading = kk(meeting.title);
  const chair = record.chair && personEid(record.chair.personId);
  const loose = record.decisions.filter((d) => d.agendaItemId === null || !entries.some((e) => e.id === d.agendaItemId));

  const meta = el(
    'meta',
    {},
    el(
      'identification',
      { source: '#kenes' },
      el(
        'FRBRWork',
        {},
        el('FRBRthis', { value: `${work}/!main` }),
        el('FRBRuri', { value: work }),
        el('FRBRalias', { name: 'publicPage', value: `${base}/kk/meetings/${meeting.id}` }),
        el('FRBRdate', { date: record.date, name: 'meeting' }),
        el('FRBRauthor', { href: '#council' }),
        el('FRBRcountry', { value: 'kz' }),
        meeting.number !== null && el('FRBRnumber', { value: String(meeting.number) }),
      ),
      el(
        'FRBRExpression',
        {},
        el('FRBRthis', { value: `${expression}/!main` }),
        el('FRBRuri', { value: expression }),
        el('FRBRdate', { date: record.date, name: 'meeting' }),
        el('FRBRauthor', { href: '#council' }),
        el('FRBRlanguage', { language: 'kaz' }),
      ),
      el(
        'FRBRManifestation',
        {},
        el('FRBRthis', { value: `${expression}/!main.xml` }),
        el('FRBRuri', { value: `${expression}.akn` }),
        el('FRBRdate', { date: generated, name: 'generation' }),
        el('FRBRauthor', { href: '#kenes' }),
      ),
    ),
    el(
      'references',
      { source: '#kenes' },
      el('TLCOrganization', { eId: 'council', href: `/akn/ontology/organization/kz/${record.organization.id}`, showAs: organization.text || labels.unnamed }),
      el('TLCOrganization', { eId: 'kenes', href: base || '/', showAs: 'Kenes' }),
      ...[...speakers.people].map(([eId, name]) => el('TLCPerson', { eId, href: `/akn/ontology/person/kz/${eId.replace(/^person-/, '')}`, showAs: name })),
      el('TLCRole', { eId: 'chair', href: '/akn/ontology/role/kz/chair', showAs: labels.chairSignature }),
      el('TLCRole', { eId: 'rapporteur', href: '/akn/ontology/role/kz/rapporteur', showAs: labels.rapporteur }),
      el('TLCRole', { eId: 'coSpeaker', href: '/akn/ontology/role/kz/coSpeaker', showAs: labels.coSpeaker }),
      el('TLCConcept', { eId: 'votesFor', href: '/akn/ontology/concept/votesFor', showAs: labels.votesFor }),
      el('TLCConcept', { eId: 'votesAgainst', href: '/akn/ontology/concept/votesAgainst', showAs: labels.votesAgainst }),
      el('TLCConcept', { eId: 'votesAbstain', href: '/akn/ontology/concept/votesAbstain', showAs: labels.votesAbstain }),
    ),
  );

  const preface = el(
    'preface',
    {},
    el('p', { class: 'organization', 'xml:lang': organization.lang }, el('organization', { refersTo: '#council' }, organization.text || labels.unnamed)),
    el('p', { class: 'title' }, el('docTitle', {}, labels.minutes)),
    meeting.number !== null && el('p', { class: 'number' }, el('docNumber', {}, `№ ${meeting.number}`)),
    el('p', { class: 'heading', 'xml:lang': heading.lang }, heading.text || labels.kind[meeting.kind]),
    el('p', { class: 'date' }, `${labels.date}: `, el('docDate', { date: record.date }, formatDate('kk', record.date, 'long'))),
    place.text && el('p', { class: 'place', 'xml:lang': place.lang }, `${labels.place}: ${place.text}`),
    chair && el('p', { class: 'chair' }, `${labels.chair}: `, el('person', { refersTo: `#${chair}`, as: '#chair' }, speakers.people.get(chair) ?? labels.unnamed)),
  );

  const body = el(
    'debateBody',
    {},
    rollCall(record),
    ...record.agenda.map((entry, i) => debateSection(record, entry, `dbsect_${i + 1}`, `${i + 1}.`, speakers)),
    ...loose.map((d, i) => resolution(d, `res_${i + 1}`)),
  );

  const document = el('akomaNtoso', { xmlns: akomaNtosoNamespace }, el('debate', { name: 'minutes' }, meta, preface, body));
  return `<?xml version="1.0" encoding="UTF-8"?>\n${serialize(document)}\n`;
}
