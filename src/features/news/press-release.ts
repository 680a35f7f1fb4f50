// A press release drafted from a meeting's record, in Kazakh, Russian and English at once. Every
// sentence is a message template (locales/*.json, keys pressRelease.*); names and staff-entered
// text come from the record in the release's language, else in another one. Staff edit the draft
// before it is saved, so the sentences aim at plain, correct wording rather than style.
//
// Names stay in the nominative in every language: a genitive ("Шәкіровтің", "Аскара Шакирова")
// cannot be derived reliably from a stored name, so the sentences are built around it ("Отырысқа
// {person} төрағалық етті", "Председательствующий — {person}"), and hold for any name and post.
// Each person is introduced once, with their post where the record has one, then named alone.
import { formatDate, localize } from '../../core/i18n/format.js';
import type { LocalizedText, StoredLanguage } from '../../core/i18n/localized-text.js';
import { translate, type MessageKey, type MessageValues } from '../../core/i18n/messages.js';
import { regionPresence, type AgendaEntry } from '../meetings/public.service.js';
import { postOf } from '../meetings/posts.js';
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

/** The Council's roles that are posts of a person (a collective member is an organisation). */
const councilPosts = new Set(['head', 'deputy_head', 'member']);

/** A sentence may begin with a post written in lower case ("председатель Совета …"). */
const upperFirst = (text: string) => text.charAt(0).toLocaleUpperCase() + text.slice(1);

class Writer {
  /** People already introduced with their post: named alone after that. */
  private readonly introduced = new Set<string>();

  constructor(
    private readonly lang: StoredLanguage,
    private readonly record: MeetingRecord,
  ) {}

  private t(key: MessageKey, values?: MessageValues): string {
    return translate(this.lang, key, values);
  }

  /**
   * The Council's full name as the opening sentence needs it: Kazakh and English as the subject
   * (nominative; English with "the"), Russian after "заседание", in the genitive: only the
   * leading "Совет" declines ("Совета по взаимодействию … при Сенате"); any other name is not
   * declined by guesswork, and "Совета" alone is written instead.
   */
  private councilName(): string {
    const name = this.pick(this.record.organization.name);
    if (this.lang === 'ru') return /^Совет\s/u.test(name) ? name.replace(/^Совет/u, 'Совета') : 'Совета';
    if (this.lang === 'en') return /^the\s/iu.test(name) ? name : `the ${name}`;
    return name || 'Кеңес';
  }

  /**
   * A person's post in this language: as given where they report on an item, else their post in
   * the Council, else the post they held elsewhere on the meeting's day (the registry's).
   */
  private postOf(personId: string): string | null {
    for (const item of flatten(this.record.agenda)) {
      for (const s of [...item.rapporteurs, ...item.coSpeakers]) {
        if (s.personId !== personId || !s.label) continue;
        // Only in this language: a post in another language would stand untranslated in the sentence.
        const label = localize(this.lang, s.label);
        if (!label.fallback && label.text) return label.text;
      }
    }
    const member = this.record.members.find((m) => m.personId === personId);
    if (member && councilPosts.has(member.role)) return this.t('pressRelease.councilPost', { role: member.role });
    return postOf(this.lang, this.record.posts, personId);
  }

  /** "Post Name" the first time a person is named (en "Name, post,"), the name alone after. */
  private person(personId: string | null, name: string): string {
    if (!personId || this.introduced.has(personId)) return name;
    this.introduced.add(personId);
    const post = this.postOf(personId);
    return post ? this.t('pressRelease.person', { post, name }) : name;
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
    const date = formatDate(this.lang, this.record.date, 'long');
    const sentences = [upperFirst(this.t('pressRelease.lead.opening', { ...this.meetingValues(), date, council: this.councilName() }))];
    if (chair) sentences.push(upperFirst(this.t('pressRelease.lead.chaired', { person: this.person(chair.personId, this.pick(chair.name)) })));
    if (meeting.place && this.pick(meeting.place)) sentences.push(this.t('pressRelease.lead.place', { place: this.pick(meeting.place) }));
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
      // Who an admission admitted, from the registry; the decision's own text says the same in staff's words, so it gives way.
      const admitted = this.admittedBy(decision.id);
      const text = admitted ?? this.pick(decision.body);
      paragraphs.push(text ? `${sentence} ${text}` : sentence);
    }
    return paragraphs.join(paragraphSeparator);
  }

  /** "A, B and C were admitted as collective members of the Council" (and members, for persons) from the registry's entries, or null. */
  private admittedBy(decisionId: string): string | null {
    const rows = this.record.admitted.filter((a) => a.decisionId === decisionId);
    const sentence = (key: MessageKey, names: string[]) => (names.length ? upperFirst(this.t(key, { count: names.length, names: this.list(names) })) : null);
    const organizations = rows.filter((a) => a.memberOrganizationId).map((a) => this.pick(a.name));
    const persons = rows.filter((a) => a.personId).map((a) => this.pick(a.name));
    const sentences = [sentence('pressRelease.body.admittedCollective', organizations), sentence('pressRelease.body.admittedMembers', persons)].filter((x) => x !== null);
    return sentences.length ? sentences.join(' ') : null;
  }

  /** "X reported on «item». Co-speakers: Y and Z." for one item (and its sub-items' speakers). */
  private speakersOf(item: AgendaEntry): string | null {
    const names = (rows: AgendaEntry['rapporteurs']) => this.list(rows.map((s) => this.person(s.personId, this.pick(s.personName))));
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
    return sentences.length ? sentences.map(upperFirst).join(' ') : null;
  }

  /**
   * What each speaker said, a paragraph per statement with the speaker named in it (introduced the
   * first time): the quotation when it was said in this language, else the summary in this
   * language — never words in another language. Those whose words the record has in no form for
   * this language are named once per item, with the item they spoke on.
   */
  private statements(): string[] {
    const paragraphs: string[] = [];
    for (const item of flatten(this.record.agenda)) {
      const withoutWords = new Map<string, { personId: string | null; name: string }>();
      for (const s of item.statements) {
        const name = this.pick(s.personName ?? s.speakerLabel);
        if (!name) continue;
        const summary = localize(this.lang, s.summary);
        if (s.quotation && s.language === this.lang) {
          // The sentence closes the quotation ("…» деп атап өтті."), so the quotation's own full stop goes.
          const quote = s.quotation.trim().replace(/(?<!\.)\.$/u, '');
          paragraphs.push(upperFirst(this.t('pressRelease.body.said', { person: this.person(s.personId, name), quote })));
        } else if (summary.text && !summary.fallback) {
          // English introduces a person as "Name, post," for a verb to follow; before the colon the comma goes.
          paragraphs.push(upperFirst(this.t('pressRelease.body.summary', { name: this.person(s.personId, name).replace(/,$/u, ''), summary: summary.text })));
        } else {
          withoutWords.set(s.personId ?? name, { personId: s.personId, name });
        }
      }
      if (withoutWords.size > 0) {
        const people = this.list([...withoutWords.values()].map((p) => this.person(p.personId, p.name)));
        paragraphs.push(upperFirst(this.t('pressRelease.body.spokeOn', { person: people, item: this.quoted(item.title) })));
      }
    }
    return paragraphs;
  }
}

function flatten(items: AgendaEntry[]): AgendaEntry[] {
  return items.flatMap((item) => [item, ...flatten(item.children)]);
}
