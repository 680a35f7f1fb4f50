import { parseHTML } from 'linkedom';
import type { VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { SaxesParser } from 'saxes';
import { describe, expect, it } from 'vitest';
import type { Language } from '../i18n/languages.js';
import { translate } from '../i18n/messages.js';
import { colourScale, sequentialBlues } from './colour-scale.js';
import { editionOn, geometryStats, projectedEdition, simplify } from './kazakhstan-geo.js';
import { KazakhstanMap, MapFigure, MapTable, mapCsv, type KazakhstanMapProps } from './kazakhstan-map.js';

const percent = (n: number) => `${Math.round(n * 100)} %`;
const count = (n: number) => String(n);

/** The 20 units' KATO codes of 2023 with values 1…20 in KATO order. */
const twentyKato = projectedEdition('2022').units.map((u) => u.kato);
const rising = new Map(twentyKato.map((kato, i) => [kato, i + 1]));

function props(overrides: Partial<KazakhstanMapProps> = {}): KazakhstanMapProps {
  return { asOf: '2023-01-01', values: rising, measure: 'Meetings', format: count, lang: 'en', ...overrides };
}

function dom(node: VNode) {
  const { document } = parseHTML(`<!doctype html><html><body>${renderToString(node)}</body></html>`);
  return document;
}

/** The viewBox's numbers [x, y, width, height]. */
const viewBox = (svg: Element) => (svg.getAttribute('viewBox') ?? '').split(' ').map(Number);

/** Relative luminance of a #rrggbb colour. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.039_28 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

describe('KazakhstanMap', () => {
  it('draws the 17 units valid on 21 October 2020 and the 20 valid on 1 January 2023', () => {
    const before = dom(<KazakhstanMap {...props({ asOf: '2020-10-21' })} />);
    const after = dom(<KazakhstanMap {...props()} />);
    expect(before.querySelectorAll('path[data-kato]')).toHaveLength(17);
    expect(after.querySelectorAll('path[data-kato]')).toHaveLength(20);
    expect(editionOn('2022-06-07')).toBe('2018');
    expect(editionOn('2022-06-08')).toBe('2022');
    // Abai, Jetisu and Ulytau regions exist only on the later map.
    const katos = (doc: Document) => [...doc.querySelectorAll('path[data-kato]')].map((p) => p.getAttribute('data-kato'));
    expect(katos(before)).not.toContain('100000000');
    expect(katos(after)).toEqual(expect.arrayContaining(['100000000', '330000000', '620000000']));
  });

  it('draws every unit as a non-empty path inside the viewBox', () => {
    for (const asOf of ['2020-10-21', '2023-01-01']) {
      const svg = dom(<KazakhstanMap {...props({ asOf })} />).querySelector('svg')!;
      const [x0, y0, width, height] = viewBox(svg);
      const paths = [...svg.querySelectorAll('path[data-kato]')];
      expect(paths.length).toBeGreaterThan(0);
      for (const path of paths) {
        const d = path.getAttribute('d') ?? '';
        const numbers = (d.match(/-?\d+(\.\d+)?/g) ?? []).map(Number);
        expect(numbers.length).toBeGreaterThan(6);
        const xs = numbers.filter((_, i) => i % 2 === 0);
        const ys = numbers.filter((_, i) => i % 2 === 1);
        expect(Math.min(...xs)).toBeGreaterThanOrEqual(x0!);
        expect(Math.max(...xs)).toBeLessThanOrEqual(x0! + width!);
        expect(Math.min(...ys)).toBeGreaterThanOrEqual(y0!);
        expect(Math.max(...ys)).toBeLessThanOrEqual(y0! + height!);
        // A unit is an area, not a dot: at least a few viewBox units across.
        expect(Math.max(...xs) - Math.min(...xs)).toBeGreaterThan(2);
      }
    }
  });

  it('is an image with a title and a description, scaled by its viewBox (no fixed size)', () => {
    const svg = dom(<KazakhstanMap {...props({ measure: 'Meetings held' })} />).querySelector('svg')!;
    expect(svg.getAttribute('role')).toBe('img');
    const [titleId, descId] = (svg.getAttribute('aria-labelledby') ?? '').split(' ');
    expect(svg.querySelector(`title[id="${titleId}"]`)?.textContent).toBe('Meetings held: Kazakhstan by region, 1 January 2023');
    expect(svg.querySelector(`desc[id="${descId}"]`)?.textContent).toContain('(units: 20)');
    expect(svg.getAttribute('width')).toBe('100%');
    expect(svg.hasAttribute('height')).toBe(false);
  });

  it('colours higher values darker, and marks the units without data', () => {
    const values = new Map<string, number | null>(rising);
    values.set('750000000', null);
    values.delete('790000000');
    const svg = dom(<KazakhstanMap {...props({ values })} />).querySelector('svg')!;
    const shaded = [...svg.querySelectorAll('path[data-value]')].map((p) => ({ value: Number(p.getAttribute('data-value')), fill: p.getAttribute('fill') ?? '' })).toSorted((a, b) => a.value - b.value);
    expect(shaded).toHaveLength(18);
    expect(shaded.every((s) => /^#[0-9a-f]{6}$/.test(s.fill))).toBe(true);
    for (let i = 1; i < shaded.length; i++) expect(luminance(shaded[i]!.fill)).toBeLessThanOrEqual(luminance(shaded[i - 1]!.fill));
    expect(luminance(shaded.at(-1)!.fill)).toBeLessThan(luminance(shaded[0]!.fill));
    const empty = [...svg.querySelectorAll('path.chart-map__unit--no-data')];
    expect(empty.map((p) => p.getAttribute('data-kato')).toSorted()).toEqual(['750000000', '790000000']);
    expect(empty.every((p) => p.getAttribute('fill') === 'url(#kz-map-no-data)')).toBe(true);
    expect(svg.querySelector('pattern#kz-map-no-data')).not.toBeNull();
    expect(empty.map((p) => p.querySelector('title')?.textContent).toSorted()).toEqual(['City of Almaty: No data', 'City of Shymkent: No data']);
  });

  it('names each unit with its value, by the date (Nur-Sultan in 2020, Astana in 2023) and in every language', () => {
    const title = (asOf: string, lang: Language) =>
      dom(<KazakhstanMap {...props({ asOf, lang })} />)
        .querySelector('path[data-kato="710000000"] title')
        ?.textContent;
    expect(title('2020-10-21', 'en')).toBe('City of Nur-Sultan: 18');
    expect(title('2023-01-01', 'en')).toBe('City of Astana: 18');
    expect(title('2023-01-01', 'ru')).toMatch(/^город Астана: 18$/);
    expect(title('2023-01-01', 'kk')).toMatch(/^Астана қаласы: 18$/);
    expect(title('2023-01-01', 'kk-latn')).toMatch(/^Astana qalasy: 18$/i);
  });

  it('shows a legend with the class bounds and the boundaries credit', () => {
    const svg = dom(<KazakhstanMap {...props({ values: new Map([['110000000', 0.1], ['150000000', 0.9]]), domain: [0, 1], format: percent, measure: 'Accepted' })} />).querySelector('svg')!;
    const items = [...svg.querySelectorAll('.chart-map__legend-item')].map((g) => ({ fill: g.querySelector('rect')?.getAttribute('fill'), label: g.querySelector('text')?.textContent }));
    expect(items).toEqual([
      { fill: sequentialBlues[0], label: '0 % – 20 %' },
      { fill: sequentialBlues[1], label: '20 % – 40 %' },
      { fill: sequentialBlues[2], label: '40 % – 60 %' },
      { fill: sequentialBlues[3], label: '60 % – 80 %' },
      { fill: sequentialBlues[4], label: '80 % – 100 %' },
      { fill: 'url(#kz-map-no-data)', label: 'No data' },
    ]);
    expect(svg.querySelector('.chart-map__credit')?.textContent).toBe('Boundaries: geokz, Alexander Rodionov (CC BY 4.0)');
    for (const lang of ['kk', 'ru'] as const) {
      const credit = dom(<KazakhstanMap {...props({ lang })} />).querySelector('.chart-map__credit')?.textContent;
      expect(credit).toBe(translate(lang, 'charts.mapCredit'));
      expect(credit).toContain('geokz');
    }
  });

  it('rounds the class bounds of counts and keeps apart values that are all equal', () => {
    expect(colourScale([3, 17, 41]).classes.map((c) => [c.from, c.to])).toEqual([
      [0, 10],
      [10, 20],
      [20, 30],
      [30, 40],
      [40, 50],
    ]);
    const flat = colourScale([0, 0, null]);
    expect(flat.classes[0]!.from).toBe(0);
    expect(flat.classes.at(-1)!.to).toBeGreaterThan(0);
    expect(flat.colourOf(0)).toBe(sequentialBlues[0]);
    expect(flat.colourOf(null)).toBeNull();
    expect(flat.colourOf(Number.NaN)).toBeNull();
  });

  it('leaves the links to the table: nothing in the picture takes focus (an image holds no controls)', () => {
    const linkFor = (kato: string) => `/en/maslikhats/${kato}`;
    const doc = dom(<MapFigure {...props({ linkFor })} />);
    expect(doc.querySelectorAll('svg a, svg [tabindex], svg [href]')).toHaveLength(0);
    const links = [...doc.querySelectorAll('table a')];
    expect(links).toHaveLength(20);
    expect(links[0]?.getAttribute('href')).toMatch(/^\/en\/maslikhats\/\d{9}$/);
  });

  it('is well-formed XML with names escaped and no script, whatever the names and the measure say', () => {
    const hostile = '<script>alert(1)</script> & "quoted" ]]> \u0001';
    const names = new Map(twentyKato.map((kato) => [kato, { en: `${hostile} ${kato}` }]));
    const xml = renderToString(<KazakhstanMap {...props({ names, measure: hostile })} />);
    const elements: string[] = [];
    const parser = new SaxesParser({ xmlns: true });
    parser.on('opentag', (tag) => elements.push(tag.local));
    parser.write(xml).close();
    expect(elements[0]).toBe('svg');
    expect(elements).not.toContain('script');
    expect(xml).not.toContain('<script');
    expect(xml).toContain('&lt;script');
    const svg = dom(<KazakhstanMap {...props({ names })} />).querySelector('svg')!;
    // Read as it shows: the same words ("]]>" kept apart by an invisible space).
    expect(svg.querySelector('path[data-kato="710000000"] title')?.textContent?.replace('\u200B', '')).toBe(`${hostile.replace('\u0001', '')} 710000000: 18`);
  });

  it('projects each edition once: a second map reuses the cached paths', () => {
    projectedEdition('2018');
    projectedEdition('2022');
    const before = { ...geometryStats };
    const first = renderToString(<KazakhstanMap {...props({ asOf: '2021-05-01' })} />);
    const second = renderToString(<KazakhstanMap {...props({ asOf: '2024-05-01', values: new Map() })} />);
    renderToString(<MapTable {...props()} />);
    expect(first).toContain('<path');
    expect(second).toContain('<path');
    expect(geometryStats).toEqual(before);
    expect(before.projections).toBeGreaterThanOrEqual(1);
    expect(projectedEdition('2022')).toBe(projectedEdition('2022'));
  });

  it('keeps the ends of a simplified line and drops points within the tolerance', () => {
    expect(
      simplify(
        [
          [0, 0],
          [1, 0.1],
          [2, 0],
          [3, 5],
          [4, 0],
        ],
        0.3,
      ),
    ).toEqual([
      [0, 0],
      [2, 0],
      [3, 5],
      [4, 0],
    ]);
  });
});

describe('MapTable', () => {
  it('has one row per unit with its name and value, "no data" where there is none', () => {
    const values = new Map(rising);
    values.delete('100000000');
    const doc = dom(<MapTable {...props({ values, linkFor: (kato) => `/en/x/${kato}` })} />);
    const rows = [...doc.querySelectorAll('tbody tr')].map((tr) => [...tr.children].map((c) => c.textContent));
    expect(rows).toHaveLength(20);
    expect(rows[0]).toEqual(['Abai Region', 'No data']);
    expect(rows).toContainEqual(['City of Shymkent', '20']);
    expect(doc.querySelector('caption')?.textContent).toBe('Meetings by region (1 January 2023)');
    expect([...doc.querySelectorAll('thead th')].map((th) => th.textContent)).toEqual(['Region', 'Meetings']);
    expect(doc.querySelectorAll('tbody th a')).toHaveLength(20);
  });

  it('lists the 17 units of 2020 under their names of the day, in Russian and Kazakh', () => {
    const ru = [...dom(<MapTable {...props({ asOf: '2020-10-21', lang: 'ru' })} />).querySelectorAll('tbody th')].map((th) => th.textContent);
    expect(ru).toHaveLength(17);
    expect(ru).toContain('город Нур-Султан');
    expect(ru).toContain('Туркестанская область');
    const kk = dom(<MapTable {...props({ lang: 'kk' })} />);
    expect(kk.querySelector('caption')?.textContent).toContain('өңірлер бойынша');
    expect(kk.querySelector('thead th')?.textContent).toBe('Өңір');
  });
});

describe('MapFigure', () => {
  it('puts the map, its table and the CSV download together', () => {
    const doc = dom(<MapFigure {...props({ lang: 'ru' })} csvHref="/ru/x.csv" />);
    expect(doc.querySelectorAll('figure svg[role="img"] path[data-kato]')).toHaveLength(20);
    expect(doc.querySelectorAll('figure table tbody tr')).toHaveLength(20);
    expect(doc.querySelector('figure a[download]')?.textContent).toBe('Скачать данные (CSV)');
  });
});

describe('mapCsv', () => {
  it('gives the KATO code, the name and the value of each unit, empty where there is none', () => {
    const lines = mapCsv(props({ asOf: '2020-10-21', values: new Map([['710000000', 0.5]]), measure: 'Share' })).split('\r\n');
    expect(lines[0]).toBe('\uFEFFKATO,Region,Share');
    expect(lines).toHaveLength(19);
    expect(lines).toContain('710000000,City of Nur-Sultan,0.5');
    expect(lines).toContain('750000000,City of Almaty,');
  });
});
