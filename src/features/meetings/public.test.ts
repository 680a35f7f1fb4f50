import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMeeting, type CreatedMeeting } from '../../../test/support/meeting-factories.js';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { newId } from '../../core/ids.js';
import { escapeText, foldLine, formatUtc, writeCalendar } from './calendar.js';

const secretVideo = 'https://meet.example.kz/only-for-invitees-7f3a';
const longKazakhTitle =
  'Мәслихаттардың жергілікті өзін-өзі басқаруды дамыту жөніндегі қызметін үйлестіру және азаматтардың құқықтық сауаттылығын арттыру туралы Кеңестің кезекті отырысы';

let t: TestApp;
let held: CreatedMeeting;
let future: CreatedMeeting;
let draft: CreatedMeeting;
let cancelled: CreatedMeeting;
let spoken: CreatedMeeting;

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  held = await createMeeting(db, {
    number: 1,
    title: { kk: 'Кеңестің бірінші отырысы', ru: 'Первое заседание Совета', en: 'First meeting of the Council' },
    startsAt: '2020-10-21T11:00',
    endsAt: '2020-10-21T13:00',
    place: { kk: 'Астана, Парламент Сенаты', ru: 'Астана, Сенат Парламента', en: 'Astana, the Senate' },
    format: 'hybrid',
    status: 'held',
    videoUrl: secretVideo,
    agenda: [
      {
        title: { kk: 'Кеңестің жұмыс жоспары туралы', ru: 'О плане работы Совета', en: 'On the Council’s work plan' },
        isMain: true,
        rapporteurs: [{ name: { kk: 'Әлиев Нұрлан', ru: 'Алиев Нурлан', en: 'Nurlan Aliyev' } }],
        coSpeakers: [{ name: { kk: 'Серікова Айгүл', ru: 'Серикова Айгуль', en: 'Aigul Serikova' } }],
        children: [{ title: { kk: 'Комиссияларды құру туралы', ru: 'О создании комиссий', en: 'On forming commissions' } }],
      },
      { title: { kk: 'Әртүрлі мәселелер', ru: 'Разное', en: 'Other business' } },
    ],
    invitations: [
      { kato: '710000000', status: 'confirmed', attendanceMode: 'room' },
      { kato: '270000000', status: 'confirmed', attendanceMode: 'video' },
    ],
    decisions: [{ title: { kk: 'Жұмыс жоспарын бекіту туралы', ru: 'Об утверждении плана работы', en: 'On approving the work plan' }, kind: 'plan_adoption', result: 'adopted', agendaItem: 0, votes: { for: 12, against: 0, abstain: 1 } }],
  });
  await db
    .updateTable('decision')
    .set({ body: JSON.stringify({ kk: 'Кеңестің 2021 жылға арналған жұмыс жоспары бекітілсін.', ru: 'Утвердить план работы Совета на 2021 год.', en: 'The Council’s work plan for 2021 is approved.\n\nThe secretariat is to report on it by 1 July.' }) })
    .where('id', '=', held.decisions[0]!)
    .execute();
  spoken = await createMeeting(db, {
    title: { kk: 'Кеңестің сөз сөйленген отырысы', ru: 'Заседание Совета с выступлениями', en: 'A meeting with statements' },
    startsAt: '2020-11-18T11:00',
    status: 'held',
    agenda: [{ title: { kk: 'Жолдау туралы', ru: 'О Послании', en: 'On the Address' } }],
  });
  await db
    .insertInto('statement')
    .values([
      { id: newId(), agenda_item_id: spoken.agenda[0]!.id, person_id: null, speaker_label: JSON.stringify({ kk: 'Мәслихат хатшысы', ru: 'Секретарь маслихата' }), summary: null, quotation: 'Мәслихат депутаттары әрбір қазақстандыққа жетуі тиіс', language: 'kk', position: 1 },
      { id: newId(), agenda_item_id: spoken.agenda[0]!.id, person_id: null, speaker_label: JSON.stringify({ kk: 'Қонақ', ru: 'Гость' }), summary: null, quotation: 'Работа будет продолжена', language: 'ru', position: 2 },
    ])
    .execute();
  future = await createMeeting(db, {
    number: 12,
    kind: 'extraordinary',
    title: { kk: longKazakhTitle, ru: 'Внеочередное заседание; повестка, решения', en: 'Extraordinary meeting; agenda, decisions' },
    startsAt: '2026-09-15T10:30',
    place: { kk: 'Алматы', ru: 'Алматы', en: 'Almaty' },
    format: 'online',
    status: 'announced',
    videoUrl: secretVideo,
  });
  draft = await createMeeting(db, { title: { kk: 'Жоба отырыс', ru: 'Черновик заседания', en: 'Draft meeting' }, status: 'draft', startsAt: '2026-10-01T10:00' });
  cancelled = await createMeeting(db, {
    title: { kk: 'Болдырылмаған отырыс', ru: 'Отменённое заседание', en: 'Cancelled meeting' },
    startsAt: '2025-05-05T10:00',
    status: 'cancelled',
    statusReason: { kk: 'Төрағаның іссапарына байланысты', ru: 'В связи с командировкой председателя', en: 'The chair is on a mission' },
  });
});
afterAll(() => t.close());

const get = (url: string) => t.app.inject({ method: 'GET', url });
const mainOf = (html: string) => html.slice(html.indexOf('<main'), html.indexOf('</main>'));

describe('calendar writer', () => {
  it('escapes TEXT values', () => {
    expect(escapeText('a\\b;c,d\ne')).toBe('a\\\\b\\;c\\,d\\ne');
  });

  it('writes instants in UTC', () => {
    expect(formatUtc(new Date('2020-10-21T05:00:00.000Z'))).toBe('20201021T050000Z');
  });

  it('folds long lines at 75 octets without splitting a character', () => {
    const folded = foldLine(`SUMMARY:${longKazakhTitle}`);
    const lines = folded.split('\r\n');
    expect(lines.length).toBeGreaterThan(3);
    for (const line of lines) {
      expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
      expect(line).not.toContain('\uFFFD');
    }
    expect(lines.slice(1).every((line) => line.startsWith(' '))).toBe(true);
    expect(lines.map((l, i) => (i ? l.slice(1) : l)).join('')).toBe(`SUMMARY:${longKazakhTitle}`);
  });

  it('ends every line with CRLF and round-trips through ical.js', () => {
    const text = writeCalendar({
      prodId: '-//Test//EN',
      events: [{ uid: 'x@kenes', stamp: new Date('2024-01-01T00:00:00Z'), start: new Date('2024-01-02T05:00:00Z'), summary: `${longKazakhTitle}; a, b\\c`, status: 'CANCELLED' }],
    });
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replaceAll('\r\n', '')).not.toMatch(/[\r\n]/);
    const event = new ICAL.Event(new ICAL.Component(ICAL.parse(text)).getFirstSubcomponent('vevent')!);
    expect(event.summary).toBe(`${longKazakhTitle}; a, b\\c`);
    expect(event.component.getFirstPropertyValue('status')).toBe('CANCELLED');
  });
});

describe('GET /:lang/meetings', () => {
  it('lists announced and held meetings, not drafts, with the cancellation reason', async () => {
    const res = await get('/en/meetings');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('First meeting of the Council');
    expect(res.body).toContain(`/en/meetings/${held.id}`);
    expect(res.body).toContain(`/en/meetings/${future.id}`);
    expect(res.body).not.toContain('Draft meeting');
    expect(res.body).not.toContain(draft.id);
    expect(res.body).toContain('The chair is on a mission');
    expect(res.body).not.toContain(secretVideo);
    // Past meetings newest first.
    expect(res.body.indexOf(cancelled.id)).toBeLessThan(res.body.indexOf(held.id));
  });

  it('shows 2020 times with UTC+6 and 2026 times with UTC+5 (Asia/Almaty)', async () => {
    const res = await get('/en/meetings');
    expect(res.body).toContain('21 October 2020, 11:00–13:00 (UTC+06:00)');
    expect(res.body).toContain('15 September 2026, 10:30 (UTC+05:00)');
  });

  it('is in Kazakh and Russian too', async () => {
    const kk = await get('/kk/meetings');
    expect(kk.body).toContain('Кеңестің бірінші отырысы');
    const ru = await get('/ru/meetings');
    expect(ru.body).toContain('Первое заседание Совета');
  });
});

describe('GET /:lang/meetings/:id', () => {
  it('shows the agenda with speakers, the regions and the decisions', async () => {
    const res = await get(`/en/meetings/${held.id}`);
    expect(res.statusCode).toBe(200);
    const main = mainOf(res.body);
    expect(main).toContain('First meeting of the Council');
    expect(main).toContain('Regular meeting No. 1');
    expect(main).toContain('Astana, the Senate');
    expect(main).toContain('Hybrid');
    expect(main).toContain('Held');
    expect(main).toContain('On the Council’s work plan');
    expect(main).toContain('Main item');
    expect(main).toContain('On forming commissions');
    expect(main).toMatch(/Rapporteur:.*Nurlan Aliyev/s);
    expect(main).toMatch(/Co-speaker:.*Aigul Serikova/s);
    expect(main).toContain('Confirmed, in the room');
    expect(main).toContain('Confirmed, by video');
    expect(main).toContain('maslikhat-710000000');
    expect(main).toContain('On approving the work plan');
    expect(main).toContain('Adopted');
    expect(main).toContain('21 October 2020, 11:00–13:00 (UTC+06:00)');
    expect(res.body).not.toContain(secretVideo);
  });

  it('shows each decision with its text (as the minutes do), the item that took it, the result and the votes', async () => {
    const main = mainOf((await get(`/en/meetings/${held.id}`)).body);
    const decision = main.slice(main.indexOf(`id="decision-${held.decisions[0]}"`));
    expect(decision).toContain('On approving the work plan');
    expect(decision).toContain('<p>The Council’s work plan for 2021 is approved.</p><p>The secretariat is to report on it by 1 July.</p>');
    expect(decision).toContain(`<a href="#item-${held.agenda[0]!.id}">On the Council’s work plan</a>`);
    expect(decision).toContain('For: 12, against: 0, abstained: 1');
    const ru = mainOf((await get(`/ru/meetings/${held.id}`)).body);
    expect(ru).toContain('Утвердить план работы Совета на 2021 год.');
  });

  it('omits sections with nothing to show', async () => {
    const main = mainOf((await get(`/en/meetings/${future.id}`)).body);
    expect(main).toContain('10:30 (UTC+05:00)');
    expect(main).not.toContain('id="agenda"');
    expect(main).not.toContain('id="regions"');
    expect(main).not.toContain('id="decisions"');
    expect(main).not.toContain(secretVideo);
  });

  it('shows a cancelled meeting with its reason', async () => {
    const main = mainOf((await get(`/ru/meetings/${cancelled.id}`)).body);
    expect(main).toContain('Отменено: В связи с командировкой председателя');
  });

  it('answers 404 for drafts, unknown and malformed ids', async () => {
    expect((await get(`/en/meetings/${draft.id}`)).statusCode).toBe(404);
    expect((await get('/en/meetings/0190f3a2-0000-7000-8000-000000000000')).statusCode).toBe(404);
    expect((await get('/en/meetings/not-a-meeting')).statusCode).toBe(404);
    expect((await get(`/en/meetings/${draft.id}.ics`)).statusCode).toBe(404);
    expect((await get('/en/meetings/nope.ics')).statusCode).toBe(404);
  });

  it('in Kazakh Latin has no Cyrillic in the main content', async () => {
    const res = await get(`/kk-latn/meetings/${held.id}`);
    expect(res.statusCode).toBe(200);
    const main = mainOf(res.body);
    expect(main).toContain('Keñestıñ bırınşı otyrysy');
    expect(main).not.toMatch(/[\u0400-\u04FF]/);
    expect(mainOf((await get('/kk-latn/meetings')).body)).not.toMatch(/[\u0400-\u04FF]/);
  });

  it('in Kazakh Latin quotes what was said in Kazakh in Latin, and what was said in Russian as said, marked ru', async () => {
    const main = mainOf((await get(`/kk-latn/meetings/${spoken.id}`)).body);
    expect(main).toContain('<blockquote lang="kk-Latn">«Mäslihat deputattary ärbır qazaqstandyqqa jetuı tiıs»</blockquote>');
    expect(main).toContain('<blockquote lang="ru">«Работа будет продолжена»</blockquote>');
    expect(main.replace(/<blockquote lang="ru">[^<]*<\/blockquote>/, '')).not.toMatch(/[\u0400-\u04FF]/);
    // In Cyrillic Kazakh, as recorded.
    expect(mainOf((await get(`/kk/meetings/${spoken.id}`)).body)).toContain('<blockquote lang="kk">«Мәслихат депутаттары әрбір қазақстандыққа жетуі тиіс»</blockquote>');
  });
});

describe('GET /:lang/meetings.ics and /:lang/meetings/:id.ics', () => {
  const eventsOf = (text: string) =>
    new ICAL.Component(ICAL.parse(text)).getAllSubcomponents('vevent').map((v) => ({ uid: v.getFirstPropertyValue('uid'), event: new ICAL.Event(v), vevent: v }));

  it('the feed carries every public meeting, in UTC, in the language asked', async () => {
    const res = await get('/en/meetings.ics');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/calendar; charset=utf-8');
    expect(res.body.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
    expect(res.body).not.toContain(secretVideo);
    const events = eventsOf(res.body);
    const uids = events.map((e) => e.uid);
    expect(uids).toContain(`${held.id}@kenes`);
    expect(uids).toContain(`${future.id}@kenes`);
    expect(uids).toContain(`${cancelled.id}@kenes`);
    expect(uids).not.toContain(`${draft.id}@kenes`);
    const first = events.find((e) => e.uid === `${held.id}@kenes`)!;
    expect(first.event.startDate.toJSDate().toISOString()).toBe('2020-10-21T05:00:00.000Z');
    expect(first.event.endDate.toJSDate().toISOString()).toBe('2020-10-21T07:00:00.000Z');
    expect(first.event.summary).toBe('First meeting of the Council');
    expect(first.event.location).toBe('Astana, the Senate');
    expect(first.vevent.getFirstPropertyValue('status')).toBe('CONFIRMED');
    expect(first.vevent.getFirstPropertyValue('url')).toMatch(new RegExp(`/en/meetings/${held.id}$`));
    expect(res.body).toMatch(new RegExp(`DTSTART:20201021T050000Z`));
    const off = events.find((e) => e.uid === `${cancelled.id}@kenes`)!;
    expect(off.vevent.getFirstPropertyValue('status')).toBe('CANCELLED');
  });

  it('one meeting, with a long Kazakh title folded and restored', async () => {
    const res = await get(`/kk/meetings/${future.id}.ics`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/calendar; charset=utf-8');
    for (const line of res.body.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    const events = eventsOf(res.body);
    expect(events).toHaveLength(1);
    expect(events[0]!.event.summary).toBe(longKazakhTitle);
    expect(events[0]!.event.startDate.toJSDate().toISOString()).toBe('2026-09-15T05:30:00.000Z');
    const ru = eventsOf((await get(`/ru/meetings/${future.id}.ics`)).body);
    expect(ru[0]!.event.summary).toBe('Внеочередное заседание; повестка, решения');
  });
});
