// A press release drafted from a meeting's record, in Kazakh, Russian and English at once. Every
// sentence is a message template (locales/*.json, keys pressRelease.*); names and staff-entered
// text come from the record in the release's language, else in another one. Staff edit the draft
// before it is saved, so the sentences aim at plain, correct wording rather than style.
import { formatDate, localize } from '../../core/i18n/format.js';
import type { LocalizedText, StoredLanguage } from '../../core/i18n/localized-text.js';
import { translate, type MessageKey, type MessageValues } from '../../core/i18n/messages.js';
import { regionPresence, type AgendaEntry } from '../meetings/public.service.js';
import type { MeetingRecord } from '../meetings/record.js';

export interface PressReleaseText {
  title: LocalizedText;
  lead: LocalizedText;
  body: LocalizedText;
}

const releaseLanguages: StoredLanguage[] = ['kk', 'ru', 'en'];

/** Paragraphs of the body are separated by a blank line (the public page renders each as <p>). */
export const paragraphSeparator = '\n\n';

export function draftPressRelease(record: MeetingRecord): PressReleaseText {
  const title: LocalizedText = {};
  const lead: LocalizedText = {};
  const body: LocalizedText = {};
  for (const lang of releaseLanguages) {
    const writer = new Writer(lang, record);
    title[lang] = writer.title();
    lead[lang] = writer.lead();
    body[lang] = writer.body();
  }
  return { title, lead, body };
}

/** The item the release is about: the main item, else the first one. */
function mainItem(record: MeetingRecord): AgendaEntry | undefined {
  return record.agenda.find((item) => item.isMain) ?? record.agenda[0];
}

/**
 * Invited regions taking part, by mode: each by the roll call where it was called, else by its
 * answer (regionPresence). Collective members in the register are organisations too, not regions.
 */
export function regionsTakingPart(record: MeetingRecord): { video: number; room: number } {
  const presences = record.regions.map(regionPresence);
  return { video: presences.filter((p) => p === 'video').length, room: presences.filter((p) => p === 'room').length };
}

class Writer {
  constructor(
    private readonly lang: StoredLanguage,
    private readonly record: MeetingRecord,
  ) {}

  private t(key: MessageKey, values?: MessageValues): string {
    return translate(this.lang, key, values);
  }

  /** Stored text in this language, else in another (names and staff-entered text). */
  private pick(text: LocalizedText | null | undefined): string {
    return localize(this.lang, text).text;
  }

  /** A title in quotation marks; quotation marks inside become the inner kind („…“, ‘…’), never «« or »». */
  private quoted(text: LocalizedText | null | undefined): string {
    const inner = this.pick(text).replace(/“/g, '‘').replace(/”/g, '’').replace(/«/g, '„').replace(/»/g, '“');
    return this.t('pressRelease.quoted', { text: inner });
  }

  /** "A, B and C" in this language. */
  private list(parts: string[]): string {
    if (parts.length <= 1) return parts.join('');
    return this.t('pressRelease.listLast', { rest: parts.slice(0, -1).join(', '), last: parts.at(-1)! });
  }

  private meetingValues() {
    const { meeting } = this.record;
    return { kind: meeting.kind, number: meeting.number === null ? 'none' : String(meeting.number) };
  }

  title(): string {
    const item = mainItem(this.record);
    const topic = item ? item.title : this.record.meeting.title;
    if (topic && this.pick(topic)) return this.t('pressRelease.title', { ...this.meetingValues(), topic: this.quoted(topic) });
    return this.t('pressRelease.titleNoTopic', this.meetingValues());
  }

  lead(): string {
    const { meeting, chair, quorum } = this.record;
    const sentences = [this.t('pressRelease.lead.held', { ...this.meetingValues(), date: formatDate(this.lang, this.record.date, 'long') })];
    if (meeting.place && this.pick(meeting.place)) sentences.push(this.t('pressRelease.lead.place', { place: this.pick(meeting.place) }));
    if (chair) sentences.push(this.t('pressRelease.lead.chair', { name: this.pick(chair.name) }));
    const regions = regionsTakingPart(this.record);
    if (regions.room > 0) sentences.push(this.t('pressRelease.lead.regionsInRoom', { count: regions.room }));
    if (regions.video > 0) sentences.push(this.t('pressRelease.lead.regionsByVideo', { count: regions.video }));
    if (quorum.present > 0) sentences.push(this.t('pressRelease.lead.members', { present: quorum.present, members: quorum.members }));
    return sentences.join(' ');
  }

  body(): string {
    const paragraphs: string[] = [];
    const { agenda, decisions } = this.record;
    if (agenda.length > 0) {
      paragraphs.push(this.t('pressRelease.body.agenda', { count: agenda.length, items: agenda.map((item) => this.quoted(item.title)).join('; ') }));
    }
    for (const item of agenda) {
      const speakers = this.speakersOf(item);
      if (speakers) paragraphs.push(speakers);
    }
    paragraphs.push(...this.statements());
    for (const decision of decisions) {
      const values = { title: this.quoted(decision.title), result: decision.result ?? 'none' };
      const hasVotes = decision.votesFor !== null && decision.votesAgainst !== null && decision.votesAbstain !== null;
      const sentence = hasVotes
        ? this.t('pressRelease.body.decisionVotes', { ...values, for: decision.votesFor, against: decision.votesAgainst, abstain: decision.votesAbstain })
        : this.t('pressRelease.body.decision', values);
      const text = this.pick(decision.body);
      paragraphs.push(text ? `${sentence} ${text}` : sentence);
    }
    return paragraphs.join(paragraphSeparator);
  }

  /** "X reported on «item». Co-speakers: Y and Z." for one item (and its sub-items' speakers). */
  private speakersOf(item: AgendaEntry): string | null {
    const names = (rows: AgendaEntry['rapporteurs']) => this.list(rows.map((s) => this.pick(s.personName)));
    const sentences: string[] = [];
    if (item.rapporteurs.length > 0) {
      sentences.push(this.t('pressRelease.body.rapporteurs', { count: item.rapporteurs.length, item: this.quoted(item.title), names: names(item.rapporteurs) }));
      if (item.coSpeakers.length > 0) sentences.push(this.t('pressRelease.body.coSpeakers', { count: item.coSpeakers.length, names: names(item.coSpeakers) }));
    } else if (item.coSpeakers.length > 0) {
      sentences.push(this.t('pressRelease.body.coSpeakersOn', { count: item.coSpeakers.length, item: this.quoted(item.title), names: names(item.coSpeakers) }));
    }
    for (const child of item.children) {
      const more = this.speakersOf(child);
      if (more) sentences.push(more);
    }
    return sentences.length ? sentences.join(' ') : null;
  }

  /** Who spoke at the meeting, then their words: quotations said in this language, and summaries. */
  private statements(): string[] {
    const all = flatten(this.record.agenda).flatMap((item) => item.statements);
    const speakerName = (s: (typeof all)[number]) => this.pick(s.personName ?? s.speakerLabel);
    const names = [...new Set(all.map(speakerName).filter(Boolean))];
    if (!names.length) return [];
    const paragraphs = [this.t('pressRelease.body.speakers', { count: names.length, names: this.list(names) })];
    for (const s of all) {
      const name = speakerName(s);
      if (!name) continue;
      if (s.quotation && s.language === this.lang) paragraphs.push(this.t('pressRelease.body.quote', { name, quote: s.quotation }));
      else if (s.summary && this.pick(s.summary)) paragraphs.push(this.t('pressRelease.body.summary', { name, summary: this.pick(s.summary) }));
    }
    return paragraphs;
  }
}

function flatten(items: AgendaEntry[]): AgendaEntry[] {
  return items.flatMap((item) => [item, ...flatten(item.children)]);
}
