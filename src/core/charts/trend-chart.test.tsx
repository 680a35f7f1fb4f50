import { parseHTML } from 'linkedom';
import type { VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { SaxesParser } from 'saxes';
import { describe, expect, it } from 'vitest';
import { TrendChart, TrendFigure, type TrendChartProps } from './trend-chart.js';

const points = [
  { key: '2024-01-01', label: '2024 Q1', value: 3 },
  { key: '2024-04-01', label: '2024 Q2', value: 7 },
  { key: '2024-07-01', label: '2024 Q3', value: null },
  { key: '2024-10-01', label: '2024 Q4', value: 12 },
  { key: '2025-01-01', label: '2025 Q1', value: 9 },
];

const props = (overrides: Partial<TrendChartProps> = {}): TrendChartProps => ({ title: 'Meetings per quarter', points, measure: 'Meetings', format: (n) => String(n), lang: 'en', ...overrides });

function dom(node: VNode) {
  return parseHTML(`<!doctype html><html><body>${renderToString(node)}</body></html>`).document;
}

describe('TrendChart', () => {
  it('draws a line through the periods with a gap where one has no value', () => {
    const svg = dom(<TrendChart {...props()} />).querySelector('svg')!;
    expect(svg.getAttribute('role')).toBe('img');
    expect(svg.querySelector('desc')?.textContent).toBe('Meetings, 2024 Q1 to 2025 Q1 (5 periods). The table gives every value.');
    const d = svg.querySelector('path.chart-trend__line')?.getAttribute('d') ?? '';
    // Two runs: Q1–Q2, then Q4–Q1.
    expect(d.match(/M/g)).toHaveLength(2);
    const marks = [...svg.querySelectorAll('circle.chart-trend__point')];
    expect(marks.map((c) => c.getAttribute('data-key'))).toEqual(['2024-01-01', '2024-04-01', '2024-10-01', '2025-01-01']);
    // Higher values sit higher (smaller y).
    const cy = (key: string) => Number(svg.querySelector(`circle[data-key="${key}"]`)?.getAttribute('cy'));
    expect(cy('2024-10-01')).toBeLessThan(cy('2025-01-01'));
    expect(cy('2025-01-01')).toBeLessThan(cy('2024-01-01'));
    expect(svg.querySelector('.chart-trend__point--no-data title')?.textContent).toBe('2024 Q3: No data');
  });

  it('draws columns from zero, as tall as their values', () => {
    const svg = dom(<TrendChart {...props({ kind: 'column' })} />).querySelector('svg')!;
    const heightOf = (key: string) => Number(svg.querySelector(`rect[data-key="${key}"]`)?.getAttribute('height'));
    expect(svg.querySelectorAll('rect.chart-trend__point')).toHaveLength(4);
    expect(heightOf('2024-10-01') / heightOf('2024-01-01')).toBeCloseTo(4, 1);
    expect(svg.querySelector('path.chart-trend__line')).toBeNull();
  });

  it('labels at most eight periods under the axis, evenly, the last always', () => {
    const many = Array.from({ length: 24 }, (_, i) => ({ key: `p${i}`, label: `P${i}`, value: i }));
    const labels = [...dom(<TrendChart {...props({ points: many })} />).querySelectorAll('.chart-trend__period')].map((t) => t.textContent);
    expect(labels).toEqual(['P2', 'P5', 'P8', 'P11', 'P14', 'P17', 'P20', 'P23']);
    const few = [...dom(<TrendChart {...props()} />).querySelectorAll('.chart-trend__period')].map((t) => t.textContent);
    expect(few).toEqual(points.map((p) => p.label));
  });

  it('is well-formed XML with labels escaped and no script; nothing for no periods', () => {
    const hostile = '<script>x</script> ]]>';
    const xml = renderToString(<TrendChart {...props({ title: hostile, points: [{ key: 'a', label: hostile, value: 0 }] })} />);
    const tags: string[] = [];
    const parser = new SaxesParser({ xmlns: true });
    parser.on('opentag', (t) => tags.push(t.local));
    parser.write(xml).close();
    expect(tags).not.toContain('script');
    expect(xml).not.toContain('NaN');
    expect(renderToString(<TrendChart {...props({ points: [] })} />)).toBe('');
  });
});

describe('TrendFigure', () => {
  it('has a table of the periods in Russian, "no data" where a period has none', () => {
    const doc = dom(<TrendFigure {...props({ lang: 'ru' })} />);
    expect([...doc.querySelectorAll('thead th')].map((th) => th.textContent)).toEqual(['Период', 'Meetings']);
    const rows = [...doc.querySelectorAll('tbody tr')].map((tr) => [...tr.children].map((c) => c.textContent));
    expect(rows).toHaveLength(5);
    expect(rows[2]).toEqual(['2024 Q3', 'Нет данных']);
    expect(doc.querySelector('desc')?.textContent).toBe('Meetings, с 2024 Q1 по 2025 Q1 (5 периодов). Все значения приведены в таблице.');
  });
});
