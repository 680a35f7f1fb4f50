import { readFileSync } from 'node:fs';
import { inflateRawSync } from 'node:zlib';
import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateXML } from 'xmllint-wasm';
import { createTestDatabase } from '../../../../test/support/test-db.js';
import type { DatabaseHandle } from '../../../core/db/connect.js';
import { formatDate } from '../../../core/i18n/format.js';
import { newId } from '../../../core/ids.js';
import { seedDemoData } from '../../registry/demo-seed.js';
import { createRegistryService } from '../../registry/registry.service.js';
import { seedDemoMeeting } from '../demo-meeting.js';
import type { AgendaEntry } from '../public.service.js';
import { loadMeetingRecord, type MeetingRecord } from '../record.js';
import { escapeXmlAttribute, escapeXmlText, renderAkomaNtoso } from './akoma-ntoso.js';
import { renderMinutesDocx } from './minutes-docx.js';
import { absenceReasonIn, buildMinutesContent, quorumStatement } from './minutes-content.js';
import { renderMinutesPdf } from './minutes-pdf.js';

const kazakhLetters = 'ӘәҒғҚқҢңӨөҰұҮүҺһІі';
const hostile = `<script>&"'`;

// ---- A meeting record built in memory ----

const ids = {
  meeting: '0190a1b2-0000-7000-8000-000000000001',
  council: '0190a1b2-0000-7000-8000-000000000002',
  chair: '0190a1b2-0000-7000-8000-000000000003',
  rapporteur: '0190a1b2-0000-7000-8000-000000000004',
  member: '0190a1b2-0000-7000-8000-000000000005',
  guest: '0190a1b2-0000-7000-8000-000000000006',
  item1: '0190a1b2-0000-7000-8000-000000000011',
  item11: '0190a1b2-0000-7000-8000-000000000012',
  item2: '0190a1b2-0000-7000-8000-000000000013',
};

const names = {
  chair: { kk: 'Әлия Ғалымқызы', ru: 'Алия Галымкызы', en: 'Aliya Galymkyzy' },
  rapporteur: { kk: 'Нұрлан Өмірұлы', ru: 'Нурлан Омирулы', en: 'Nurlan Omiruly' },
  member: { kk: 'Үміт Һашимова', ru: 'Умит Хашимова', en: 'Umit Khashimova' },
  /** Invited to the sitting in her own right: not a member of the Council. */
  guest: { kk: 'Гүлнар Сәкенқызы', ru: 'Гульнар Сакенкызы', en: 'Gulnar Sakenkyzy' },
};

function entry(id: string, title: AgendaEntry['title'], parts: Partial<AgendaEntry> = {}): AgendaEntry {
  return { id, parentId: null, position: 1, title, description: null, minutesAllotted: null, isMain: false, version: 1, rapporteurs: [], coSpeakers: [], statements: [], children: [], ...parts };
}

function fixture(): MeetingRecord {
  const subItem = entry(
    ids.item11,
    { kk: 'Ауыл әкімдерінің есептері туралы', ru: 'Об отчётах акимов сёл' },
    {
      parentId: ids.item1,
      coSpeakers: [{ agendaItemId: ids.item11, personId: ids.member, personName: names.member, role: 'co_speaker', label: null }],
      // A guest named only by a label, whose words staff summarised in Russian alone: the fallback.
      statements: [{ id: newId(), agendaItemId: ids.item11, personId: null, personName: null, speakerLabel: { kk: `Қонақ ${hostile}` }, summary: { ru: 'Предложил провести выездное заседание' }, quotation: null, language: 'ru' }],
    },
  );
  const item1 = entry(
    ids.item1,
    { kk: `Өңірлердегі мәслихаттар қызметі туралы (${kazakhLetters})`, ru: 'О деятельности маслихатов в регионах' },
    {
      isMain: true,
      rapporteurs: [{ agendaItemId: ids.item1, personId: ids.rapporteur, personName: names.rapporteur, role: 'rapporteur', label: { kk: 'Қарағанды облыстық мәслихатының төрағасы' } }],
      statements: [
        { id: newId(), agendaItemId: ids.item1, personId: ids.rapporteur, personName: names.rapporteur, speakerLabel: null, summary: { kk: 'Өңірдегі жұмыс туралы баяндады', ru: 'Доложил о работе в регионе' }, quotation: null, language: 'kk' },
        { id: newId(), agendaItemId: ids.item1, personId: ids.member, personName: names.member, speakerLabel: null, summary: null, quotation: 'Біз халыққа жақын болуымыз керек', language: 'kk' },
      ],
      children: [subItem],
    },
  );
  const item2 = entry(ids.item2, { ru: 'О плане работы Совета' }, { position: 2 });
  return {
    meeting: {
      id: ids.meeting,
      kind: 'regular',
      number: 7,
      title: null,
      startsAt: new Date('2024-05-15T05:00:00Z'),
      endsAt: null,
      timeZone: 'Asia/Almaty',
      place: { kk: 'Астана, Парламент Сенаты', ru: 'Астана, Сенат Парламента' },
      format: 'hybrid',
      status: 'held',
      statusReason: null,
      updatedAt: new Date('2024-05-16T09:00:00Z'),
      version: 3,
      quorumRule: 'more_than_half',
    },
    organization: { id: ids.council, name: { kk: 'Мәслихаттармен өзара іс-қимыл жөніндегі кеңес', ru: 'Совет по взаимодействию с маслихатами', en: 'Council for Interaction with Maslikhats' }, shortName: null },
    date: '2024-05-15',
    chair: { personId: ids.chair, name: names.chair },
    agenda: [item1, item2],
    regions: [
      { organizationId: 'r1', slug: 'karaganda-maslikhat', name: { kk: 'Қарағанды облыстық мәслихаты', ru: 'Карагандинский областной маслихат' }, status: 'confirmed', attendanceMode: 'video', presence: null },
      { organizationId: 'r2', slug: 'abai-maslikhat', name: { kk: 'Абай облыстық мәслихаты' }, status: 'confirmed', attendanceMode: 'room', presence: null },
      { organizationId: 'r3', slug: 'turkistan-maslikhat', name: { kk: 'Түркістан облыстық мәслихаты' }, status: 'declined', attendanceMode: null, presence: null },
    ],
    attendance: [
      { personId: ids.chair, organizationId: null, name: names.chair, presence: 'room', absenceReason: null },
      { personId: ids.rapporteur, organizationId: null, name: names.rapporteur, presence: 'video', absenceReason: null },
      { personId: ids.member, organizationId: null, name: names.member, presence: 'absent', absenceReason: 'іссапар' },
      { personId: ids.guest, organizationId: null, name: names.guest, presence: 'video', absenceReason: null },
    ],
    decisions: [
      { id: 'd1', number: '12', decisionDate: '2024-05-15', kind: 'recommendation', title: { kk: `Мәслихаттарға ұсынымдар туралы ${hostile}`, ru: 'О рекомендациях маслихатам' }, body: { kk: 'Ұсынымдар мақұлдансын.' }, agendaItemId: ids.item1, result: 'adopted', voting: 'closed', appliedAt: null, votesFor: 10, votesAgainst: 1, votesAbstain: 2 },
      { id: 'd2', number: null, decisionDate: '2024-05-15', kind: 'plan_adoption', title: { ru: 'Об утверждении плана работы' }, body: null, agendaItemId: ids.item2, result: 'rejected', voting: 'closed', appliedAt: null, votesFor: 4, votesAgainst: 6, votesAbstain: 3 },
    ],
    members: [
      { personId: ids.chair, memberOrganizationId: null, name: names.chair, role: 'head' },
      { personId: ids.rapporteur, memberOrganizationId: null, name: names.rapporteur, role: 'member' },
      { personId: ids.member, memberOrganizationId: null, name: names.member, role: 'member' },
    ],
    admitted: [],
    invitedPersons: [],
    posts: [],
    quorum: { rule: 'more_than_half', members: 15, present: 12, needed: 8, reached: true },
  };
}

// ---- Reading what was made ----

/** The files of a zip (DOCX) by name: enough of the format for what the docx package writes. */
function unzip(buffer: Buffer): Map<string, string> {
  const end = buffer.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = buffer.readUInt16LE(end + 10);
  let at = buffer.readUInt32LE(end + 16);
  const files = new Map<string, string>();
  for (let i = 0; i < count; i++) {
    const method = buffer.readUInt16LE(at + 10);
    const size = buffer.readUInt32LE(at + 20);
    const nameLength = buffer.readUInt16LE(at + 28);
    const skip = nameLength + buffer.readUInt16LE(at + 30) + buffer.readUInt16LE(at + 32);
    const name = buffer.toString('utf8', at + 46, at + 46 + nameLength);
    const local = buffer.readUInt32LE(at + 42);
    const start = local + 30 + buffer.readUInt16LE(local + 26) + buffer.readUInt16LE(local + 28);
    const data = buffer.subarray(start, start + size);
    files.set(name, (method === 8 ? inflateRawSync(data) : data).toString('latin1'));
    at += 46 + skip;
  }
  return files;
}

/** A part of the DOCX as UTF-8 text. */
function part(files: Map<string, string>, name: string): string {
  const raw = files.get(name);
  if (raw === undefined) throw new Error(`${name} is not in the DOCX`);
  return Buffer.from(raw, 'latin1').toString('utf8');
}

/** The text of a WordprocessingML part, a line per paragraph, entities decoded. */
function docxText(xml: string): string {
  return xml
    .replaceAll(/<\/w:p>/g, '\n')
    .replaceAll(/<w:tab\/>/g, '\t')
    .replaceAll(/<[^>]+>/g, '')
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&quot;', '"')
    .replaceAll('&apos;', "'")
    .replaceAll('&amp;', '&');
}

async function pdfText(pdf: Buffer): Promise<string> {
  const { text } = await extractText(await getDocumentProxy(new Uint8Array(pdf)), { mergePages: true });
  return text.replaceAll(/\s+/g, ' ');
}

function expectInOrder(text: string, parts: string[]): void {
  let from = 0;
  for (const p of parts) {
    const at = text.indexOf(p, from);
    expect(at, `"${p}" after position ${from}`).toBeGreaterThanOrEqual(0);
    from = at + p.length;
  }
}

const schemaDir = new URL('../../../../test/fixtures/akoma-ntoso/', import.meta.url);
async function validateAkomaNtoso(xml: string) {
  return validateXML({
    xml: [{ fileName: 'minutes.xml', contents: xml }],
    schema: [{ fileName: 'akomantoso30.xsd', contents: readFileSync(new URL('akomantoso30.xsd', schemaDir), 'utf8') }],
    preload: [{ fileName: 'xml.xsd', contents: readFileSync(new URL('xml.xsd', schemaDir), 'utf8') }],
  });
}

const count = (text: string, what: string) => text.split(what).length - 1;

describe('the minutes as DOCX', () => {
  it('has the protocol in Kazakh, in order, with a fallback marked, and PT Serif embedded', async () => {
    const files = unzip(await renderMinutesDocx(fixture(), 'kk', { draft: false }));
    const text = docxText(part(files, 'word/document.xml'));
    expectInOrder(text, [
      'Мәслихаттармен өзара іс-қимыл жөніндегі кеңес',
      'ХАТТАМА № 7',
      formatDate('kk', '2024-05-15'),
      'Астана, Парламент Сенаты',
      'Әлия Ғалымқызы',
      'Қатысқан Кеңес мүшелері',
      'Нұрлан Өмірұлы (бейнебайланыс арқылы)',
      'Кеңестің 15 мүшесінен 12 мүше қатысты; кворум бар.',
      'Қатыспағандар',
      'Үміт Һашимова (іссапарда)', // the reason, stored as a code or a known phrase, in the document's language
      'Қарағанды облыстық мәслихаты (бейнебайланыс арқылы)',
      'Абай облыстық мәслихаты (залда)',
      'Түркістан облыстық мәслихаты (қатыспады)', // declined: every invited region is listed
      'Шақырылғандар',
      'Гүлнар Сәкенқызы (бейнебайланыс арқылы)', // in the register, not a member: invited, not among the members present
      'КҮН ТӘРТІБІ',
      `1. Өңірлердегі мәслихаттар қызметі туралы (${kazakhLetters})`,
      '1.1. Ауыл әкімдерінің есептері туралы',
      '2. О плане работы Совета [RU]',
      'ТЫҢДАЛДЫ:',
      'Нұрлан Өмірұлы, Қарағанды облыстық мәслихатының төрағасы',
      'СӨЙЛЕДІ:',
      'Үміт Һашимова — «Біз халыққа жақын болуымыз керек»',
      'ШЕШТІ:',
      `№ 12 Мәслихаттарға ұсынымдар туралы ${hostile}`,
      'Дауыс беру қорытындысы: жақтағаны — 10, қарсы — 1, қалыс қалғаны — 2.',
      'Шешім қабылданды.',
      '1.1. Ауыл әкімдерінің есептері туралы',
      'Үміт Һашимова (қосымша баяндамашы)',
      `Қонақ ${hostile} — Предложил провести выездное заседание [RU]`,
      'Об утверждении плана работы [RU]',
      'Шешім қабылданбады.',
      'Төрағалық етуші',
      'Әлия Ғалымқызы',
      'Хатшы',
    ]);
    expect(part(files, 'word/fontTable.xml')).toContain('PT Serif');
    expect(part(files, 'word/settings.xml')).toContain('w:embedTrueTypeFonts');
    expect([...files.keys()].filter((name) => name.endsWith('.odttf'))).toHaveLength(2); // regular and bold
    expect([...files.values()].join('')).not.toContain('ЖОБА');
    const members = text.slice(text.indexOf('Қатысқан Кеңес мүшелері'), text.indexOf('Кеңестің 15 мүшесінен'));
    expect(members).toContain('Әлия Ғалымқызы');
    expect(members).not.toContain('Гүлнар Сәкенқызы');
  });

  it('in Russian uses the Russian labels', async () => {
    const files = unzip(await renderMinutesDocx(fixture(), 'ru', { draft: false }));
    const text = docxText(part(files, 'word/document.xml'));
    expectInOrder(text, [
      'Совет по взаимодействию с маслихатами',
      'ПРОТОКОЛ № 7',
      '15 мая 2024 г.',
      'Присутствовали члены Совета',
      'Из 15 членов Совета присутствовали 12; кворум имеется.',
      'Отсутствовали',
      'Умит Хашимова (в командировке)',
      'Приглашённые',
      'Гульнар Сакенкызы (по видеосвязи)',
      'ПОВЕСТКА ДНЯ',
      'СЛУШАЛИ:',
      'Нурлан Омирулы, Қарағанды облыстық мәслихатының төрағасы [KK]',
      'ВЫСТУПИЛИ:',
      'РЕШИЛИ:',
      'Итоги голосования: за — 10, против — 1, воздержались — 2.',
      'Решение принято.',
      'Председательствующий',
      'Секретарь',
    ]);
    expect(text).not.toContain('ТЫҢДАЛДЫ');
    expect(text).not.toContain('іссапар');
  });

  it('writes the vote line as the interface says it, a zero as "none" in each language', async () => {
    const record = fixture();
    record.decisions = [{ ...record.decisions[0]!, votesFor: 21, votesAgainst: 1, votesAbstain: 0 }];
    const lines = { kk: 'Дауыс беру қорытындысы: жақтағаны — 21, қарсы — 1, қалыс қалғаны — жоқ.', ru: 'Итоги голосования: за — 21, против — 1, воздержались — нет.', en: 'Result of the vote: for — 21, against — 1, abstentions — none.' };
    for (const lang of ['kk', 'ru', 'en'] as const) {
      const text = docxText(part(unzip(await renderMinutesDocx(record, lang, { draft: false })), 'word/document.xml'));
      expect(text).toContain(lines[lang]);
    }
    const xml = renderAkomaNtoso(record, { baseUrl: 'https://kenes.example.kz' });
    expect(xml).toContain('<quantity refersTo="#votesAbstain" normalized="0">жоқ</quantity>');
    expect(xml).toContain('<p class="voting">Дауыс беру қорытындысы: жақтағаны — <quantity refersTo="#votesFor" normalized="21">21</quantity>');
  });

  it('marks a draft in the page header, and has no number when the meeting has none', async () => {
    const record = fixture();
    const files = unzip(await renderMinutesDocx({ ...record, meeting: { ...record.meeting, number: null } }, 'en', { draft: true }));
    const headers = [...files.keys()].filter((name) => /^word\/header\d+\.xml$/.test(name)).map((name) => part(files, name));
    expect(headers.join('')).toContain('DRAFT');
    const text = docxText(part(files, 'word/document.xml'));
    expect(text).toContain('MINUTES\n');
    expect(text).not.toContain('MINUTES No.');
    expectInOrder(text, ["12 of the Council's 15 members were present; the meeting was quorate.", 'Reports\n', 'Discussion\n', 'Decisions\n', 'Chair of the meeting', 'Secretary']);
    for (const calque of ['HEARD', 'SPOKE', 'DECIDED']) expect(text).not.toContain(calque);
  });

});

describe('the quorum line', () => {
  const line = (lang: 'kk' | 'ru' | 'en', present: number, members: number, reached = true) => {
    const record = fixture();
    return quorumStatement(lang, { ...record, quorum: { ...record.quorum, present, members, reached } });
  };

  it('agrees with every number in Russian (1, 2–4, 5 and more, 21) and reads right in Kazakh and English', () => {
    expect(line('ru', 1, 3, false)).toBe('Из 3 членов Совета присутствовал 1; кворума нет.');
    expect(line('ru', 2, 3)).toBe('Из 3 членов Совета присутствовали 2; кворум имеется.');
    expect(line('ru', 4, 5)).toBe('Из 5 членов Совета присутствовали 4; кворум имеется.');
    expect(line('ru', 12, 15)).toBe('Из 15 членов Совета присутствовали 12; кворум имеется.');
    expect(line('ru', 11, 21)).toBe('Из 21 члена Совета присутствовали 11; кворум имеется.');
    expect(line('ru', 21, 25)).toBe('Из 25 членов Совета присутствовал 21; кворум имеется.');
    expect(line('ru', 0, 15, false)).toBe('Из 15 членов Совета никто не присутствовал; кворума нет.');
    expect(line('kk', 1, 3, false)).toBe('Кеңестің 3 мүшесінен 1 мүше қатысты; кворум жоқ.');
    expect(line('kk', 21, 25)).toBe('Кеңестің 25 мүшесінен 21 мүше қатысты; кворум бар.');
    expect(line('kk', 0, 15, false)).toBe('Кеңестің 15 мүшесінің ешқайсысы қатыспады; кворум жоқ.');
    expect(line('en', 1, 3, false)).toBe("1 of the Council's 3 members was present; the meeting was not quorate.");
    expect(line('en', 21, 25)).toBe("21 of the Council's 25 members were present; the meeting was quorate.");
    expect(line('en', 1, 1)).toBe("1 of the Council's 1 member was present; the meeting was quorate.");
    expect(line('en', 0, 15, false)).toBe("None of the Council's 15 members was present; the meeting was not quorate.");
  });
});

describe('people invited in their own right', () => {
  it('are listed as invited with their attendance: the roll call where called, else their answer', () => {
    const invitee = (n: number, name: string, status: 'invited' | 'confirmed' | 'declined', attendanceMode: 'room' | 'video' | null) => ({
      personId: `0190a1b2-0000-7000-8000-00000000010${n}`,
      name: { kk: name, ru: name, en: name },
      status,
      attendanceMode,
      presence: null,
      absenceReason: null,
    });
    const record = {
      ...fixture(),
      invitedPersons: [
        // Called in the roll: listed once, as the register has her.
        { personId: ids.guest, name: names.guest, status: 'invited' as const, attendanceMode: null, presence: 'video' as const, absenceReason: null },
        invitee(1, 'Ерлан Бекұлы', 'confirmed', 'room'),
        invitee(2, 'Дина Оспанова', 'declined', null),
        invitee(3, 'Самат Жақсылықов', 'invited', null),
      ],
    };
    const kk = buildMinutesContent(record, 'kk', { draft: false }).invited;
    expect(kk).toEqual({
      label: 'Шақырылғандар',
      entries: ['Гүлнар Сәкенқызы (бейнебайланыс арқылы)', 'Ерлан Бекұлы', 'Дина Оспанова (қатыспады)', 'Самат Жақсылықов (қатысуы белгіленбеген)'],
    });
    expect(buildMinutesContent(record, 'ru', { draft: false }).invited?.label).toBe('Приглашённые');
    expect(buildMinutesContent(record, 'en', { draft: false }).invited?.entries).toEqual(['Gulnar Sakenkyzy (by video)', 'Ерлан Бекұлы', 'Дина Оспанова (did not take part)', 'Самат Жақсылықов (attendance not recorded)']);
  });
});

describe('a reason for absence', () => {
  it('is worded in the document\'s language when it is a code or a known phrase in any language, else shown as typed', () => {
    expect(absenceReasonIn('ru', 'іссапар')).toBe('в командировке');
    expect(absenceReasonIn('kk', 'По болезни.')).toBe('науқастануына байланысты');
    expect(absenceReasonIn('en', 'business_trip')).toBe('on official business');
    expect(absenceReasonIn('kk', 'отпуск')).toBe('еңбек демалысында');
    expect(absenceReasonIn('ru', ' отбасылық жағдайына байланысты ')).toBe('отбасылық жағдайына байланысты');
  });
});

describe('the minutes as PDF', () => {
  it('is an A4 PDF with PT Serif embedded and extractable Kazakh text; a draft is watermarked', async () => {
    const pdf = await renderMinutesPdf(fixture(), 'kk', { draft: false });
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const raw = pdf.toString('latin1');
    expect(raw).toMatch(/\/FontFile[23]/);
    expect(raw).toContain('PTSerif');
    expect(raw).toMatch(/\/MediaBox \[0 0 595\.2\d* 841\.8\d*\]/);
    const text = await pdfText(pdf);
    for (const letter of ['Қ', 'Ң', 'Ө', 'Ү', 'Ә', 'Ғ', 'Ұ', 'Һ', 'І', 'қ', 'ң', 'ө', 'ү', 'ә', 'ғ', 'ұ', 'һ', 'і']) expect(text).toContain(letter);
    expectInOrder(text, [
      'ХАТТАМА № 7',
      'Кеңестің 15 мүшесінен 12 мүше қатысты; кворум бар.',
      'Шақырылғандар',
      'Гүлнар Сәкенқызы',
      'КҮН ТӘРТІБІ',
      'ТЫҢДАЛДЫ:',
      'СӨЙЛЕДІ:',
      'ШЕШТІ:',
      'Дауыс беру қорытындысы: жақтағаны — 10, қарсы — 1, қалыс қалғаны — 2.',
      'Төрағалық етуші',
      'Хатшы',
    ]);
    expect(text).toContain('[RU]');
    expect(text).not.toContain('ЖОБА');

    const draft = await pdfText(await renderMinutesPdf(fixture(), 'kk', { draft: true }));
    expect(draft).toContain('ЖОБА');
    const russianDraft = await pdfText(await renderMinutesPdf(fixture(), 'ru', { draft: true }));
    expect(russianDraft).toContain('ПРОЕКТ');
    expectInOrder(russianDraft, ['ПРОТОКОЛ № 7', 'СЛУШАЛИ:', 'ВЫСТУПИЛИ:', 'РЕШИЛИ:']);
  });
});

describe('the minutes as Akoma Ntoso 3.0', () => {
  it('validates against the schema, with a debateSection per agenda item and a speech per statement', async () => {
    const xml = renderAkomaNtoso(fixture(), { baseUrl: 'https://kenes.example.kz/' });
    const result = await validateAkomaNtoso(xml);
    expect(result.errors).toEqual([]);
    expect(result.valid).toBe(true);
    expect(xml).toContain('<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0">');
    expect(xml).toContain('<debate name="minutes">');
    expect(count(xml, '<debateSection ')).toBe(3); // two items and a sub-item
    expect(count(xml, '<speech ')).toBe(3);
    expect(xml).toContain('<FRBRcountry value="kz"/>');
    expect(xml).toContain('<FRBRlanguage language="kaz"/>');
    expect(xml).toContain('<FRBRalias name="publicPage" value="https://kenes.example.kz/kk/meetings/0190a1b2-0000-7000-8000-000000000001"/>');
    expect(xml).toContain(`<TLCPerson eId="person-${ids.rapporteur}" href="/akn/ontology/person/kz/${ids.rapporteur}" showAs="Нұрлан Өмірұлы"/>`);
    expect(xml).toContain(`<speech eId="dbsect_1__spch_2" by="#person-${ids.member}">`);
    // Russian where Kazakh is missing, marked as such; quotations in the language they were said in.
    expect(xml).toContain('<heading xml:lang="ru">О плане работы Совета</heading>');
    expect(xml).toContain('<p class="quotation" xml:lang="kk">Біз халыққа жақын болуымыз керек</p>');
    expect(xml).toContain('<quantity refersTo="#votesFor" normalized="10">10</quantity>');
    expect(xml).toContain('<p class="quorum">Кеңестің 15 мүшесінен 12 мүше қатысты; кворум бар.</p>');
    expect(xml).toContain('<p class="invited">Шақырылғандар: Гүлнар Сәкенқызы (бейнебайланыс арқылы)</p>');
    expect(xml).toContain('<TLCRole eId="chair" href="/akn/ontology/role/kz/chair" showAs="Төрағалық етуші"/>');
    // Every invited maslikhat with its attendance, as in the minutes — the one that declined too.
    expect(xml).toMatch(/<p class="regions">[^<]*Абай облыстық мәслихаты \([^)]+\)[^<]*Түркістан облыстық мәслихаты \(қатыспады\)<\/p>/);
  });

  it('escapes hostile text in elements and attributes', async () => {
    const xml = renderAkomaNtoso(fixture(), { baseUrl: 'https://kenes.example.kz' });
    expect(xml).not.toContain('<script>');
    expect(xml).toContain('<num>№ 12</num>');
    expect(xml).toContain('<heading>Мәслихаттарға ұсынымдар туралы &lt;script&gt;&amp;"\'</heading>');
    expect(xml).toContain('showAs="Қонақ &lt;script&gt;&amp;&quot;&apos;"');
    expect(escapeXmlText('a\u0000b\uFFFEc\uD800d')).toBe('abcd');
    expect(escapeXmlAttribute('x\ny"')).toBe('x&#10;y&quot;');
    expect((await validateAkomaNtoso(xml)).valid).toBe(true);
  });
});

describe('the minutes of the demo meeting (21 October 2020), from the database', () => {
  let database: DatabaseHandle;
  let record: MeetingRecord;
  beforeAll(async () => {
    database = await createTestDatabase();
    await seedDemoData(database.db);
    await seedDemoMeeting(database.db);
    const meeting = await database.db.selectFrom('meeting').select('id').executeTakeFirstOrThrow();
    const loaded = await loadMeetingRecord(database.db, createRegistryService(database.db), meeting.id);
    if (!loaded) throw new Error('the demo meeting was not loaded');
    record = loaded;
  });
  afterAll(() => database.close());

  it('names the speakers and the decision admitting the three collective members, in Kazakh PDF and DOCX; the AKN validates', async () => {
    const speakers = [...new Set(record.agenda.flatMap((e) => e.statements.map((s) => s.personName?.kk ?? '')))];
    expect(speakers.length).toBe(4);
    const admission = [
      'Кеңестің ұжымдық мүшелерін қабылдау туралы',
      '«Рухани жаңғыру» бағдарламасын үйлестіру департаменті',
      'Мемлекеттік жергілікті басқару институты',
      '«Мәслихат және әкімдік» республикалық журналы қабылданды',
    ];
    const docx = docxText(part(unzip(await renderMinutesDocx(record, 'kk', { draft: false })), 'word/document.xml'));
    const pdf = await pdfText(await renderMinutesPdf(record, 'kk', { draft: false }));
    for (const text of [docx, pdf.replaceAll(/\s+/g, ' ')]) {
      for (const s of [...speakers, ...admission]) expect(text).toContain(s);
      expect(text).toContain('ШЕШТІ:');
    }
    const xml = renderAkomaNtoso(record, { baseUrl: 'http://localhost:3000' });
    const result = await validateAkomaNtoso(xml);
    expect(result.errors).toEqual([]);
    expect(count(xml, '<debateSection ')).toBe(5);
    expect(count(xml, '<speech ')).toBe(4);
  });

  it('names each speaker with the post held on the meeting\'s day (the registry\'s title of that day, the organisation as then named)', () => {
    const speakers = (lang: 'kk' | 'ru' | 'en') => buildMinutesContent(record, lang, { draft: false }).items.flatMap((i) => i.spoke?.entries.map((e) => e.speaker) ?? []);
    expect(speakers('kk')).toEqual([
      'Асқар Шәкіров, Сенат Төрағасының орынбасары',
      'Мәлік Құлшар, Батыс Қазақстан облыстық мәслихатының хатшысы',
      'Төлеубек Мұқашев, «Қазақстан мәслихаттары депутаттарының бірлестігі» республикалық қоғамдық бірлестігінің төрағасы',
      'Серік Ақылбай, «Қазақстан заңгерлер одағы» республикалық қоғамдық бірлестігінің төрағасы',
    ]);
    expect(speakers('ru')).toContain('Малик Кулшар, секретарь Западно-Казахстанского областного маслихата');
    expect(speakers('en')).toContain('Malik Kulshar, secretary of the West Kazakhstan Regional Maslikhat');
  });

  it('gives what was said in Russian and English from the summaries, and no Russian summary in the Kazakh text', () => {
    const spoken = (lang: 'kk' | 'ru' | 'en') => buildMinutesContent(record, lang, { draft: false }).items.flatMap((i) => i.spoke?.entries.map((e) => e.text) ?? []);
    expect(spoken('ru')).toContain('депутаты маслихатов должны донести до каждого казахстанца пути и смысл реализации Послания Главы государства. «мәслихат депутаттары Мемлекет басшысының Жолдауын іске асырудың жолдары мен мән-мағынасын әрбір қазақстандыққа жеткізуі тиіс»');
    expect(spoken('kk')).toContain('«мәслихат депутаттары Мемлекет басшысының Жолдауын іске асырудың жолдары мен мән-мағынасын әрбір қазақстандыққа жеткізуі тиіс»');
    expect(spoken('kk').join(' ')).not.toContain('[RU]');
  });
});
