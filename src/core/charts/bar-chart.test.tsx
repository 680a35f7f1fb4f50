import { parseHTML } from 'linkedom';
import type { VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { SaxesParser } from 'saxes';
import { describe, expect, it } from 'vitest';
import { BarChart, BarFigure, shortLabel, type BarChartProps } from './bar-chart.js';
import { chartCsv } from './chart-table.js';
import { toCsv } from './chart-csv.js';

const rows = [
  { key: 'a', label: 'Akmola Region', value: 10 },
  { key: 'b', label: 'Aktobe Region', value: 40 },
  { key: 'c', label: 'City of Almaty', value: null },
  { key: 'd', label: 'West Kazakhstan Region with a very long name indeed', value: 25 },
];

const props = (overrides: Partial<BarChartProps> = {}): BarChartProps => ({
  title: 'Meetings by region',
  rows,
  measure: 'Meetings',
  labelHeader: 'Region',
  format: (n) => String(n),
  lang: 'en',
  ...overrides,
});

function dom(node: VNode) {
  return parseHTML(`<!doctype html><html><body>${renderToString(node)}</body></html>`).document;
}

describe('BarChart', () => {
  it('draws one bar per row, as long as its value, and marks the rows without data', () => {
    const svg = dom(<BarChart {...props()} />).querySelector('svg')!;
    expect(svg.getAttribute('role')).toBe('img');
    const [titleId, descId] = (svg.getAttribute('aria-labelledby') ?? '').split(' ');
    expect(svg.querySelector(`title[id="${titleId}"]`)?.textContent).toBe('Meetings by region');
    expect(svg.querySelector(`desc[id="${descId}"]`)?.textContent).toContain('(rows: 4)');
    const groups = [...svg.querySelectorAll('g.chart-bars__row')];
    expect(groups.map((g) => g.getAttribute('data-key'))).toEqual(['a', 'b', 'c', 'd']);
    const widthOf = (key: string) => Number(svg.querySelector(`g[data-key="${key}"] rect`)?.getAttribute('width'));
    expect(widthOf('b')).toBeGreaterThan(widthOf('d'));
    expect(widthOf('d')).toBeGreaterThan(widthOf('a'));
    expect(widthOf('a')).toBeGreaterThan(0);
    // Proportional: 40 is four times 10 (the axis starts at 0).
    expect(widthOf('b') / widthOf('a')).toBeCloseTo(4, 1);
    const empty = svg.querySelector('g.chart-bars__row--no-data')!;
    expect(empty.getAttribute('data-key')).toBe('c');
    expect(empty.querySelector('rect')).toBeNull();
    expect(empty.querySelector('title')?.textContent).toBe('City of Almaty: No data');
  });

  it('shortens long labels in the picture only', () => {
    const svg = dom(<BarChart {...props()} />).querySelector('svg')!;
    const d = svg.querySelector('g[data-key="d"]')!;
    expect(d.querySelector('text')?.textContent).toBe(shortLabel(rows[3]!.label));
    expect(d.querySelector('text')?.textContent?.endsWith('…')).toBe(true);
    expect(d.querySelector('title')?.textContent).toBe(`${rows[3]!.label}: 25`);
  });

  it('draws negative values to the left of zero and all-zero values without dividing by zero', () => {
    const svg = dom(<BarChart {...props({ rows: [{ key: 'p', label: 'Up', value: 5 }, { key: 'n', label: 'Down', value: -5 }] })} />).querySelector('svg')!;
    const p = svg.querySelector('g[data-key="p"] rect')!;
    const n = svg.querySelector('g[data-key="n"] rect')!;
    expect(Number(n.getAttribute('x')) + Number(n.getAttribute('width'))).toBeCloseTo(Number(p.getAttribute('x')), 1);
    const zeros = renderToString(<BarChart {...props({ rows: [{ key: 'z', label: 'Zero', value: 0 }] })} />);
    expect(zeros).not.toContain('NaN');
    expect(renderToString(<BarChart {...props({ rows: [] })} />)).toBe('');
  });

  it('is well-formed XML with labels escaped and no script', () => {
    const hostile = '<script>alert(1)</script> ]]> &';
    const xml = renderToString(<BarChart {...props({ title: hostile, rows: [{ key: 'x', label: hostile, value: 1 }] })} />);
    const tags: string[] = [];
    const parser = new SaxesParser({ xmlns: true });
    parser.on('opentag', (t) => tags.push(t.local));
    parser.write(xml).close();
    expect(tags[0]).toBe('svg');
    expect(tags).not.toContain('script');
  });
});

describe('BarFigure', () => {
  it('has the table beside the bars, one row per label, and the CSV link', () => {
    const doc = dom(<BarFigure {...props({ lang: 'kk', rows: rows.map((r) => ({ ...r, href: `/kk/x/${r.key}` })) })} csvHref="/kk/x.csv" />);
    const table = [...doc.querySelectorAll('figure table tbody tr')].map((tr) => [...tr.children].map((c) => c.textContent));
    expect(table).toEqual([
      ['Akmola Region', '10'],
      ['Aktobe Region', '40'],
      ['City of Almaty', 'Дерек жоқ'],
      [rows[3]!.label, '25'],
    ]);
    expect(doc.querySelector('caption')?.textContent).toBe('Meetings by region');
    expect(doc.querySelectorAll('tbody th a')).toHaveLength(4);
    expect(doc.querySelector('a[download]')?.getAttribute('href')).toBe('/kk/x.csv');
    expect(doc.querySelector('a[download]')?.textContent).toBe('Деректерді CSV түрінде жүктеп алу');
  });
});

describe('toCsv', () => {
  it('writes a header and the rows: BOM, CRLF, plain numbers, empty cells for no data, formulas defused', () => {
    expect(chartCsv('Region', 'Meetings', rows)).toBe(
      '\uFEFFRegion,Meetings\r\nAkmola Region,10\r\nAktobe Region,40\r\nCity of Almaty,\r\nWest Kazakhstan Region with a very long name indeed,25\r\n',
    );
    expect(toCsv(['a', 'b'], [['=HYPERLINK("x")', -12.5], ['x, "y"', Number.NaN]])).toBe('\uFEFFa,b\r\n"\'=HYPERLINK(""x"")",-12.5\r\n"x, ""y""",\r\n');
  });
});
