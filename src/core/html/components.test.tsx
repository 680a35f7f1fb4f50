import type { VNode } from 'preact';
import { describe, expect, it } from 'vitest';
import { pagePath, pageQuery } from '../http/pagination.js';
import type { Language } from '../i18n/languages.js';
import { Pagination } from './components.js';
import { renderFragment } from './render.js';
import { testPageContext } from '../../../test/support/page-context.js';

function render(node: VNode, lang: Language = 'en'): string {
  return renderFragment(testPageContext(lang), node);
}

const newsPage = (p: number) => `/en${pagePath('/news', p)}`;

describe('Pagination', () => {
  it('is left out when everything fits on one page', () => {
    expect(render(<Pagination page={1} pages={1} pageHref={newsPage} />)).toBe('');
  });

  it('has no "previous" on the first page and no "next" on the last', () => {
    const first = render(<Pagination page={1} pages={3} pageHref={newsPage} />);
    expect(first).toContain('<nav class="pagination" aria-label="Pages">');
    expect(first).not.toContain('rel="prev"');
    expect(first).toContain('<span aria-current="page">Page 1 of 3</span>');
    expect(first).toContain('<a href="/en/news?page=2" rel="next">Next page</a>');

    const last = render(<Pagination page={3} pages={3} pageHref={newsPage} />);
    expect(last).toContain('<a href="/en/news?page=2" rel="prev">Previous page</a>');
    expect(last).toContain('Page 3 of 3');
    expect(last).not.toContain('rel="next"');
  });

  it('links page 1 by the list\'s own address, without ?page=1', () => {
    expect(render(<Pagination page={2} pages={3} pageHref={newsPage} />)).toContain('<a href="/en/news" rel="prev">');
  });

  it('keeps the list\'s filters in every link', () => {
    const filtered = (p: number) => `/en/office/admin/audit?${new URLSearchParams({ entity: 'meeting', action: 'a&b', page: String(p) }).toString()}`;
    const html = render(<Pagination page={2} pages={3} pageHref={filtered} />);
    expect(html).toContain('href="/en/office/admin/audit?entity=meeting&amp;action=a%26b&amp;page=1" rel="prev"');
    expect(html).toContain('href="/en/office/admin/audit?entity=meeting&amp;action=a%26b&amp;page=3" rel="next"');
  });

  it('leads back from a page past the end to the last page, not to another empty one', () => {
    const beyond = render(<Pagination page={99} pages={3} pageHref={newsPage} />);
    expect(beyond).toContain('<a href="/en/news?page=3" rel="prev">');
    expect(beyond).toContain('Page 99 of 3');
    expect(beyond).not.toContain('rel="next"');

    const beyondOnlyPage = render(<Pagination page={5} pages={1} pageHref={newsPage} />);
    expect(beyondOnlyPage).toContain('<a href="/en/news" rel="prev">');
  });

  it('speaks the page\'s language and takes its own name when a page has two', () => {
    const kk = render(<Pagination page={2} pages={3} pageHref={newsPage} label="Өткен отырыстар" />, 'kk');
    expect(kk).toContain('aria-label="Өткен отырыстар"');
    expect(kk).toContain('3 беттің 2-беті');
    expect(kk).toContain('Алдыңғы бет');
  });
});

describe('pageQuery', () => {
  it('reads ?page= and takes anything else as page 1, never an error', () => {
    expect(pageQuery.parse({ page: '2' })).toEqual({ page: 2 });
    for (const page of [undefined, '', 'abc', '0', '-1', '2.5', '100001']) expect(pageQuery.parse({ page })).toEqual({ page: 1 });
    expect(pageQuery.parse(undefined)).toEqual({ page: 1 });
  });
});
