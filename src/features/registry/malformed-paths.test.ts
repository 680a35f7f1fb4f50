// A registry page addressed with a malformed id names nothing: every HTML route of the registry
// with an id in its path answers 404 in the request's language, for a person allowed to use it.
// The routes are read from the app (as the fuzz suite does), so a new one is covered unlisted.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { translate } from '../../core/i18n/messages.js';
import { languageTags, type Language } from '../../core/i18n/languages.js';
import { signedInWithEveryStaffRole, type Browser } from '../../../test/support/factories.js';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';

let t: TestApp;
let browser: Browser;

/** The registry's paths: its public pages, the deputies' office, the Council's, the reference data, the photos. */
const registryPath = /^\/(:lang\/(maslikhats|deputies|council|office\/maslikhats\/:slug\/(deputies|import)|office\/council\/(members|posts|decisions|admit)|office\/admin\/(reference|organizations|areas))|files\/photos)(\/|$)/;
const withId = /:(id|uploadId|name)\b/;
const languages: Language[] = ['kk', 'kk-latn', 'ru', 'en'];

beforeAll(async () => {
  t = await createTestApp();
  ({ browser } = await signedInWithEveryStaffRole(t.app, t.database.db));
});
afterAll(() => t.close());

describe('a malformed id in a registry path', () => {
  it('is a 404 page in the request\'s language on every registry route with an id', async () => {
    const routes = t.app.registeredRoutes.filter((r) => registryPath.test(r.url) && withId.test(r.url));
    expect(routes.length).toBeGreaterThanOrEqual(15);
    for (const [i, route] of routes.entries()) {
      const lang = languages[i % languages.length]!;
      const url = route.url
        .replace(':lang', lang)
        .replace(':slug', 'maslikhat-270000000')
        .replace(/:(id|uploadId)\b/, 'not-a-uuid')
        .replace(':name', 'not-a-photo.webp');
      const res = route.method === 'GET' ? await browser.get(url) : await browser.post(url, { version: '1' });
      // The photos are outside /:lang: the page is in the browser's language, remembered in its cookie.
      const expected = route.url.startsWith('/:lang') ? lang : (browser.cookie('kenes_lang') as Language);
      expect({ route: `${route.method} ${route.url}`, status: res.statusCode }).toEqual({ route: `${route.method} ${route.url}`, status: 404 });
      expect(res.body).toContain(`<html lang="${languageTags[expected]}"`);
      expect(res.body).toContain(`<h1>${translate(expected, 'errorTitle.not_found')}</h1>`);
    }
  });

  it('is still found when the id is well formed in capitals', async () => {
    const area = await t.database.db.selectFrom('area').select('id').executeTakeFirstOrThrow();
    expect((await browser.get(`/en/office/admin/areas/${area.id.toUpperCase()}/edit`)).statusCode).toBe(200);
  });
});
