import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMeeting, type CreatedMeeting } from '../../../test/support/meeting-factories.js';
import { accessibleName as accessibleNameOf, page, textOf } from '../../../test/support/page.js';
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
/** The main content's element, of a page read as a DOM. */
const mainOf = (html: string) => page(html).document.querySelector('main')!;
/** The body rows of every table on the page (past and upcoming meetings), each as its cells' text. */
const meetingRows = (html: string) => page(html).allByRole('table').flatMap((table) => [...table.querySelectorAll('tbody > tr')].map((row) => [...row.querySelectorAll('th, td')].map((cell) => textOf(cell))));
/** The quotations on a page: the language each is marked in and what it says. */
const quotations = (html: string) => [...mainOf(html).querySelectorAll('blockquote')].map((quote) => ({ lang: quote.getAttribute('lang'), text: textOf(quote) }));

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
    const list = page(res.body);
    const rows = meetingRows(res.body);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.filter(([, meeting]) => meeting?.startsWith('First meeting of the Council'))).toHaveLength(1);
    expect(list.href('First meeting of the Council')).toBe(`/en/meetings/${held.id}`);
    const links = list.links().map((l) => l.href);
    expect(links).toContain(`/en/meetings/${held.id}`);
    expect(links).toContain(`/en/meetings/${future.id}`);
    expect(list.text()).not.toContain('Draft meeting');
    expect(res.body).not.toContain(draft.id);
    expect(rows.find(([, meeting]) => meeting?.startsWith('Cancelled meeting'))?.at(-1)).toBe('Cancelled: The chair is on a mission');
    expect(res.body).not.toContain(secretVideo);
    // Past meetings newest first.
    expect(links.indexOf(`/en/meetings/${cancelled.id}`)).toBeGreaterThan(-1);
    expect(links.indexOf(`/en/meetings/${cancelled.id}`)).toBeLessThan(links.indexOf(`/en/meetings/${held.id}`));
  });

  it('shows 2020 times with UTC+6 and 2026 times with UTC+5 (Asia/Almaty)', async () => {
    const when = meetingRows((await get('/en/meetings')).body).map(([time]) => time);
    expect(when).toContain('21 October 2020, 11:00–13:00 (UTC+06:00)');
    expect(when).toContain('15 September 2026, 10:30 (UTC+05:00)');
  });

  it('is in Kazakh and Russian too', async () => {
    const kk = page((await get('/kk/meetings')).body);
    expect(kk.href('Кеңестің бірінші отырысы')).toBe(`/kk/meetings/${held.id}`);
    const ru = page((await get('/ru/meetings')).body);
    expect(ru.href('Первое заседание Совета')).toBe(`/ru/meetings/${held.id}`);
  });
});

describe('GET /:lang/meetings/:id', () => {
  it('shows the agenda with speakers, the regions and the decisions', async () => {
    const res = await get(`/en/meetings/${held.id}`);
    expect(res.statusCode).toBe(200);
    const meeting = page(res.body);
    expect(meeting.heading).toBe('First meeting of the Council');
    expect(meeting.definitions()).toMatchObject({
      Meeting: 'Regular meeting No. 1',
      'Date and time': '21 October 2020, 11:00–13:00 (UTC+06:00)',
      Place: 'Astana, the Senate',
      Format: 'Hybrid: in the room and by video',
      Status: 'Held',
    });
    const agenda = meeting.byRole('region', { name: 'Agenda' });
    const items = [...agenda.querySelectorAll('li')].map((li) => [...li.querySelectorAll(':scope > p')].map((p) => textOf(p)));
    expect(items).toEqual([
      ['On the Council’s work plan Main item', 'Rapporteur: Nurlan Aliyev', 'Co-speaker: Aigul Serikova'],
      ['On forming commissions'],
      ['Other business'],
    ]);
    expect(agenda.querySelector(`#item-${held.agenda[0]!.id} ol li`)?.textContent).toContain('On forming commissions');
    expect(meeting.tableRows('Invited regions').map(([, taking]) => taking).toSorted()).toEqual(['Confirmed, by video', 'Confirmed, in the room']);
    expect(meeting.links().map((l) => l.href)).toContain('/en/maslikhats/maslikhat-710000000');
    const decisions = meeting.byRole('region', { name: 'Decisions' });
    expect([...decisions.querySelectorAll('h3')].map((h) => textOf(h))).toEqual(['On approving the work plan']);
    expect(textOf(decisions)).toContain('Adopted');
    expect(res.body).not.toContain(secretVideo);
  });

  it('shows each decision with its text (as the minutes do), the item that took it, the result and the votes', async () => {
    const decision = mainOf((await get(`/en/meetings/${held.id}`)).body).querySelector(`#decision-${held.decisions[0]}`)!;
    expect(textOf(decision.querySelector('h3'))).toBe('On approving the work plan');
    // The text as paragraphs, as the minutes have it.
    expect([...decision.querySelectorAll(':scope > p')].map((p) => textOf(p))).toEqual(['The Council’s work plan for 2021 is approved.', 'The secretariat is to report on it by 1 July.']);
    expect([...decision.querySelectorAll('a')].map((a) => ({ text: textOf(a), href: a.getAttribute('href') }))).toEqual([{ text: 'On the Council’s work plan', href: `#item-${held.agenda[0]!.id}` }]);
    expect(textOf(decision.querySelector('.hint'))).toBe('For: 12, against: 0, abstained: 1');
    const ru = mainOf((await get(`/ru/meetings/${held.id}`)).body).querySelector(`#decision-${held.decisions[0]}`)!;
    expect([...ru.querySelectorAll(':scope > p')].map((p) => textOf(p))).toEqual(['Утвердить план работы Совета на 2021 год.']);
  });

  it('omits sections with nothing to show', async () => {
    const res = await get(`/en/meetings/${future.id}`);
    const meeting = page(res.body);
    expect(meeting.definition('Date and time')).toBe('15 September 2026, 10:30 (UTC+05:00)');
    expect(meeting.allByRole('region').map((section) => accessibleNameOf(section))).toEqual([]);
    for (const id of ['agenda', 'regions', 'decisions']) expect(meeting.document.getElementById(id)).toBeNull();
    expect(res.body).not.toContain(secretVideo);
  });

  it('shows a cancelled meeting with its reason', async () => {
    expect(textOf(mainOf((await get(`/ru/meetings/${cancelled.id}`)).body))).toContain('Отменено: В связи с командировкой председателя');
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
    expect(page(res.body).heading).toBe('Keñestıñ bırınşı otyrysy');
    // The markup too: no title or label in Cyrillic.
    expect(mainOf(res.body).outerHTML).not.toMatch(/[\u0400-\u04FF]/);
    expect(mainOf((await get('/kk-latn/meetings')).body).outerHTML).not.toMatch(/[\u0400-\u04FF]/);
  });

  it('in Kazakh Latin quotes what was said in Kazakh in Latin, and what was said in Russian as said, marked ru', async () => {
    const html = (await get(`/kk-latn/meetings/${spoken.id}`)).body;
    expect(quotations(html)).toEqual([
      { lang: 'kk-Latn', text: '«Mäslihat deputattary ärbır qazaqstandyqqa jetuı tiıs»' },
      { lang: 'ru', text: '«Работа будет продолжена»' },
    ]);
    const main = mainOf(html);
    for (const russian of main.querySelectorAll('blockquote[lang="ru"]')) russian.remove();
    expect(main.outerHTML).not.toMatch(/[\u0400-\u04FF]/);
    // In Cyrillic Kazakh, as recorded.
    expect(quotations((await get(`/kk/meetings/${spoken.id}`)).body)).toContainEqual({ lang: 'kk', text: '«Мәслихат депутаттары әрбір қазақстандыққа жетуі тиіс»' });
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
