// The public portal as `kenes seed --demo` leaves it: the meeting of 21 October 2020 with its press
// release (the seed document) published as news, and every public page readable in Kazakh Latin.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { toKazakhLatin } from '../../core/i18n/transliterate.js';
import { seedDemoData } from '../registry/demo-seed.js';
import { publishDemoPressRelease } from '../news/demo-press-release.js';
import { approveDemoMinutes, seedDemoMeeting } from './demo-meeting.js';

let t: TestApp;
let meetingId: string;
beforeAll(async () => {
  t = await createTestApp();
  await seedDemoData(t.database.db);
  meetingId = (await seedDemoMeeting(t.database.db)).meetingId!;
  await approveDemoMinutes(t.database, t.config, meetingId);
  await publishDemoPressRelease(t.database.db, meetingId);
});
afterAll(() => t.close());

const get = (url: string) => t.app.inject({ method: 'GET', url });
const mainOf = (html: string) => html.slice(html.indexOf('<main'), html.indexOf('</main>'));
const newsId = async () => (await t.database.db.selectFrom('news_item').select('id').where('meeting_id', '=', meetingId).executeTakeFirstOrThrow()).id;

const voidElements = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);

/**
 * The text of a page's main content in the page's language, and what it marks as Kazakh Cyrillic
 * (lang="kk"); text marked as another language (lang="ru", "en") is left out.
 */
function textsOf(html: string): { latin: string; cyrillicKazakh: string[] } {
  const open: (string | undefined)[] = []; // the lang each open element sets, if any
  let latin = '';
  const cyrillicKazakh: string[] = [];
  for (const [token] of mainOf(html).matchAll(/<!--[\s\S]*?-->|<\/?[a-zA-Z][^>]*>|[^<]+/g)) {
    if (token.startsWith('<!--')) continue;
    const tag = /^<(\/?)([a-zA-Z0-9-]+)/.exec(token);
    if (!tag) {
      const lang = open.findLast((l) => l !== undefined) ?? 'kk-Latn';
      const text = token.replace(/&[a-z#0-9]+;/g, ' ');
      if (lang === 'kk-Latn') latin += text;
      else if (lang === 'kk' && text.trim()) cyrillicKazakh.push(text.trim());
      continue;
    }
    if (tag[1]) {
      open.pop();
      continue;
    }
    if (voidElements.has(tag[2]!.toLowerCase()) || token.endsWith('/>')) continue;
    open.push(/\slang="([^"]*)"/.exec(token)?.[1]);
    latin += ' ';
  }
  return { latin, cyrillicKazakh };
}

describe('kenes seed --demo: the press release of 21 October 2020', () => {
  it('is published as news in Kazakh (the Senate’s text), Russian and English, dated the meeting’s day, once', async () => {
    expect(await publishDemoPressRelease(t.database.db, meetingId)).toBe(false);
    const kk = mainOf((await get('/kk/news')).body);
    expect(kk).toContain('Елімізде жүргізіліп жатқан өзгерістердің мән-маңызын мәслихат депутаттары әр қазақстандыққа жеткізеді');
    expect(mainOf((await get('/ru/news')).body)).toContain('Депутаты маслихатов донесут до каждого казахстанца смысл проводимых в стране преобразований');
    const en = mainOf((await get('/en/news')).body);
    expect(en).toContain('Maslikhat deputies will bring the meaning of the changes under way in the country to every Kazakhstani');
    expect(en).toContain('21 October 2020');

    const id = await newsId();
    const item = mainOf((await get(`/kk/news/${id}`)).body);
    expect(item).toContain('Мәлік Құлшар өз сөзінде «мәслихат депутаттары Мемлекет басшысының Жолдауын іске асырудың жолдары мен мән-мағынасын әрбір қазақстандыққа жеткізуі тиіс» деп атап өтті.');
    expect(item).toContain(`/kk/meetings/${meetingId}`);
    expect(mainOf((await get(`/en/news/${id}`)).body)).toContain('Translated from Kazakh.');
    expect(mainOf((await get(`/ru/meetings/${meetingId}`)).body)).toContain(`/ru/news/${id}`);
  });

  it('records who spoke and what they said, and no rapporteurs or co-speakers (the source names none)', async () => {
    const speakers = await t.database.db.selectFrom('agenda_speaker as s').innerJoin('agenda_item as a', 'a.id', 's.agenda_item_id').select('s.id').where('a.meeting_id', '=', meetingId).execute();
    expect(speakers).toEqual([]);
    const main = mainOf((await get(`/en/meetings/${meetingId}`)).body);
    expect(main).not.toContain('Rapporteur');
    expect(main).not.toContain('Co-speaker');
    expect(main).toMatch(/«мәслихат депутаттары Мемлекет басшысының[^»]*»<\/blockquote>\s*<figcaption>[^<]*<a [^>]*>Malik Kulshar<\/a>/);
  });
});

describe('every public page of the demo data in Kazakh Latin', () => {
  it('shows Kazakh in Latin: no Kazakh Cyrillic letter and next to no Cyrillic word outside text marked as another language (ru, en)', async () => {
    const people = await t.database.db.selectFrom('person').select('id').where('is_demo', '=', false).orderBy('id').execute();
    const deputy = await t.database.db.selectFrom('person').select('id').where('is_demo', '=', true).orderBy('id').executeTakeFirstOrThrow();
    const pages = [
      '/kk-latn',
      '/kk-latn/about',
      '/kk-latn/council',
      '/kk-latn/maslikhats',
      '/kk-latn/maslikhats/maslikhat-270000000',
      '/kk-latn/deputies',
      `/kk-latn/deputies/${deputy.id}`,
      ...people.map((p) => `/kk-latn/deputies/${p.id}`),
      '/kk-latn/meetings',
      `/kk-latn/meetings/${meetingId}`,
      '/kk-latn/news',
      `/kk-latn/news/${await newsId()}`,
    ];
    expect(people.length).toBeGreaterThan(0);
    const found: string[] = [];
    for (const page of pages) {
      const res = await get(page);
      expect({ page, status: res.statusCode }).toEqual({ page, status: 200 });
      const { latin, cyrillicKazakh } = textsOf(res.body);
      if (!/\p{L}/u.test(latin)) found.push(`${page}: no text`);
      const cyrillicWords = latin.match(/\p{Script=Cyrillic}+/gu) ?? [];
      if (/[әғқңөұүһіӘҒҚҢӨҰҮҺІ]/u.test(latin) || cyrillicWords.length > 2) found.push(`${page}: ${cyrillicWords.slice(0, 10).join(' ')}`);
      // Kazakh in Cyrillic only beside its Latin form (a name shown in every script), never instead of it.
      for (const text of cyrillicKazakh) if (!latin.includes(toKazakhLatin(text))) found.push(`${page}: ${text.slice(0, 60)}`);
    }
    expect(found).toEqual([]);
  });
});
