import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { translate } from '../i18n/messages.js';
import { renderingPage, usePage } from './page-context.js';
import { renderFragment } from './render.js';
import { testPageContext } from '../../../test/support/page-context.js';

function Home() {
  const page = usePage();
  return <a href={page.href('/')}>{page.t('nav.home')}</a>;
}

/** A component that renders another language's fragment in the middle of its own render. */
function WithNested() {
  const inner = renderFragment(testPageContext('ru'), <Home />);
  return (
    <p data-inner={inner}>
      <Home />
    </p>
  );
}

describe('the page a component reads (usePage)', () => {
  it('is the context the render was given', () => {
    expect(renderFragment(testPageContext('en'), <Home />)).toBe('<a href="/en/">Home</a>');
    expect(renderFragment(testPageContext('kk'), <Home />)).toBe(`<a href="/kk/">${translate('kk', 'nav.home')}</a>`);
  });

  it('comes back to the outer page after a render inside a render', () => {
    const html = renderFragment(testPageContext('en'), <WithNested />);
    expect(html).toContain(`data-inner="&lt;a href=&quot;/ru/&quot;>${translate('ru', 'nav.home')}&lt;/a>"`);
    expect(html).toContain('<a href="/en/">Home</a></p>');
  });

  it('is not there outside a render, even after a render that failed', () => {
    expect(() => usePage()).toThrow(/outside a page render/);
    const failing = () => {
      usePage();
      throw new Error('the view failed');
    };
    expect(() => renderingPage(testPageContext('en'), failing)).toThrow('the view failed');
    expect(() => usePage()).toThrow(/outside a page render/);
  });

  // Reading a Preact context needs preact/hooks, whose option hooks run for every element of every
  // page once the module is loaded: the demo meeting page took twice as long to render with them.
  it('needs no Preact hooks: nothing in src loads preact/hooks', () => {
    const src = path.resolve(import.meta.dirname, '../..');
    const files = readdirSync(src, { recursive: true, encoding: 'utf8' }).filter((f) => /\.tsx?$/.test(f));
    expect(files.length).toBeGreaterThan(100);
    const loading = files.filter((f) => /from ['"]preact\/hooks['"]|import\(['"]preact\/hooks['"]\)/.test(readFileSync(path.join(src, f), 'utf8')));
    expect(loading).toEqual([]);
  });
});
