// The language cookie: remembered from the /{lang}/ prefix, Secure when the site is served over https.
import { describe, expect, it } from 'vitest';
import { createTestApp } from '../../../test/support/test-app.js';

function languageCookie(setCookie: string | string[] | undefined): string | undefined {
  return [setCookie ?? []].flat().find((c) => c.startsWith('kenes_lang='));
}

describe('language cookie', () => {
  it('is Secure when KENES_PUBLIC_URL is https', async () => {
    const t = await createTestApp({ env: { KENES_PUBLIC_URL: 'https://kenes.example' } });
    try {
      const res = await t.app.inject('/ru/');
      const cookie = languageCookie(res.headers['set-cookie']);
      expect(cookie).toMatch(/^kenes_lang=ru;/);
      expect(cookie).toMatch(/; Secure/);
      expect(cookie).toMatch(/; HttpOnly/);
    } finally {
      await t.close();
    }
  });

  it('is not Secure over plain http (local use), where a browser would not send it back', async () => {
    const t = await createTestApp();
    try {
      const cookie = languageCookie((await t.app.inject('/en/')).headers['set-cookie']);
      expect(cookie).toMatch(/^kenes_lang=en;/);
      expect(cookie).not.toMatch(/Secure/);
    } finally {
      await t.close();
    }
  });
});
