// A page's context for rendering views and components in a test, in one language, without a request.
import type { Language } from '../../src/core/i18n/languages.js';
import type { PageContext } from '../../src/core/html/page-context.js';
import { inLanguage } from '../../src/core/html/render.js';

export function testPageContext(lang: Language, overrides: Partial<PageContext> = {}): PageContext {
  return {
    ...inLanguage(lang),
    pathWithoutLang: '/',
    origin: 'https://kenes.example',
    asset: (name) => `/assets/${name}`,
    csrfToken: 'token',
    site: { name: { en: 'Kenes' }, shortName: null, parentName: null, foundingDate: null, dissolutionDate: null, description: null },
    signedIn: undefined,
    ...overrides,
  };
}
