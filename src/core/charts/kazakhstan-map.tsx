// A choropleth map of Kazakhstan's first-level units, drawn on the server as SVG: the units valid on
// the day asked (17 before 8 June 2022, 20 from then) shaded by a measure, a legend with the class
// bounds, the boundaries' credit, and MapTable with the same data (and the links to each unit's
// page) for readers who cannot see it.
// No script and no inline style (the CSP allows neither); colours are presentation attributes.
import { DataTable } from '../html/components.js';
import { formatDate, localize } from '../i18n/format.js';
import type { Language } from '../i18n/languages.js';
import type { LocalizedText } from '../i18n/localized-text.js';
import { translate } from '../i18n/messages.js';
import { toCsv } from './chart-csv.js';
import { CsvDownload } from './chart-table.js';
import { colourScale, hasValue, type ColourClass } from './colour-scale.js';
import { editionOn, projectedEdition, type BoundaryEdition } from './kazakhstan-geo.js';
import { regionNameOn } from './region-names.js';
import { borderColour, fontFamily, textColour, xmlText } from './svg-text.js';

export interface KazakhstanMapProps {
  /** The day whose units and names are shown ('YYYY-MM-DD'). */
  asOf: string;
  /** KATO code → value; a unit missing or null has no data. */
  values: ReadonlyMap<string, number | null>;
  /** What the values measure, as a reader says it ("Reports accepted, %"). */
  measure: string;
  format: (value: number) => string;
  lang: Language;
  /**
   * A page about the unit (a path with its language, e.g. '/kk/maslikhats/…'), linked from the
   * table's rows. Not from the picture: a link inside an image (role="img") is interactive content
   * nested in a non-interactive one, which screen readers reach unannounced (axe nested-interactive,
   * even with tabindex="-1").
   */
  linkFor?: ((kato: string) => string | undefined) | undefined;
  /** The scale's extent (e.g. [0, 1] for shares); by default 0 (or the lowest value) to the highest, rounded. */
  domain?: readonly [number, number];
  /** Names that override the reference data's (e.g. as staff keep them in the registry). */
  names?: ReadonlyMap<string, LocalizedText>;
  /** Prefix of the element ids, unique on the page when it shows several maps. */
  id?: string;
}

export interface MapUnit {
  kato: string;
  name: string;
  value: number | null;
  colour: string | null;
  href: string | undefined;
  d: string;
}

export interface MapModel {
  edition: BoundaryEdition;
  width: number;
  height: number;
  units: MapUnit[];
  classes: ColourClass[];
}

/** What the map and its table show: each unit of the day with its name, value, colour and path. */
export function mapModel({ asOf, values, lang, linkFor, domain, names }: Pick<KazakhstanMapProps, 'asOf' | 'values' | 'lang' | 'linkFor' | 'domain' | 'names'>): MapModel {
  const geometry = projectedEdition(editionOn(asOf));
  const valueOf = (kato: string) => {
    const value = values.get(kato);
    return hasValue(value) ? value : null;
  };
  const scale = colourScale(geometry.units.map((u) => valueOf(u.kato)), domain);
  return {
    edition: geometry.edition,
    width: geometry.width,
    height: geometry.height,
    classes: scale.classes,
    units: geometry.units.map((unit) => {
      const value = valueOf(unit.kato);
      return {
        kato: unit.kato,
        name: localize(lang, names?.get(unit.kato) ?? regionNameOn(unit.kato, asOf)).text || unit.kato,
        value,
        colour: scale.colourOf(value),
        href: linkFor?.(unit.kato),
        d: unit.d,
      };
    }),
  };
}

const legendRow = 25;
const legendRows = 3;
const legendColumn = 300;

export function KazakhstanMap(props: Omit<KazakhstanMapProps, 'linkFor'>) {
  const { asOf, measure, format, lang, id = 'kz-map' } = props;
  const model = mapModel(props);
  const t = (key: Parameters<typeof translate>[1], values?: Parameters<typeof translate>[2]) => xmlText(translate(lang, key, values));
  const noDataFill = `url(#${id}-no-data)`;
  const noData = t('charts.noData');
  const legendTop = model.height + 8;
  const legend = [
    ...model.classes.map((c) => ({ key: `${c.from}`, fill: c.colour, label: xmlText(`${format(c.from)} – ${format(c.to)}`) })),
    { key: 'no-data', fill: noDataFill, label: noData },
  ];
  const creditY = legendTop + 28 + legendRows * legendRow + 12;
  const height = creditY + 8;
  return (
    <svg
      xmlns="http://www.w3.org/2000/svg"
      class="chart chart--map"
      role="img"
      aria-labelledby={`${id}-title ${id}-desc`}
      viewBox={`0 0 ${model.width} ${height}`}
      width="100%"
      preserveAspectRatio="xMidYMin meet"
      font-family={fontFamily}
      data-edition={model.edition}
    >
      <title id={`${id}-title`}>{t('charts.mapTitle', { measure, date: formatDate(lang, asOf) })}</title>
      <desc id={`${id}-desc`}>{t('charts.mapDesc', { measure, count: model.units.length })}</desc>
      <defs>
        <pattern id={`${id}-no-data`} patternUnits="userSpaceOnUse" width="6" height="6" patternTransform="rotate(45)">
          <rect width="6" height="6" fill="#ffffff" />
          <line x1="0" y1="0" x2="0" y2="6" stroke="#6f777b" stroke-width="2.5" />
        </pattern>
      </defs>
      <g class="chart-map__units" stroke={borderColour} stroke-width="0.6" stroke-linejoin="round" fill-rule="evenodd">
        {model.units.map((unit) => (
          <path
            key={unit.kato}
            class={unit.colour ? 'chart-map__unit' : 'chart-map__unit chart-map__unit--no-data'}
            d={unit.d}
            fill={unit.colour ?? noDataFill}
            data-kato={unit.kato}
            data-value={unit.value === null ? undefined : String(unit.value)}
          >
            <title>{xmlText(`${unit.name}: ${unit.value === null ? noData : format(unit.value)}`)}</title>
          </path>
        ))}
      </g>
      <g class="chart-map__legend" font-size="15" fill={textColour}>
        <text x="6" y={legendTop + 16} font-weight="bold">
          {xmlText(measure)}
        </text>
        {legend.map((item, i) => {
          const x = 6 + Math.floor(i / legendRows) * legendColumn;
          const y = legendTop + 28 + (i % legendRows) * legendRow;
          return (
            <g key={item.key} class="chart-map__legend-item">
              <rect x={x} y={y} width="22" height="16" fill={item.fill} stroke={borderColour} stroke-width="0.6" />
              <text x={x + 30} y={y + 13}>
                {item.label}
              </text>
            </g>
          );
        })}
      </g>
      <text class="chart-map__credit" x="6" y={creditY} font-size="12" fill="#505a5f">
        {t('charts.mapCredit')}
      </text>
    </svg>
  );
}

/** The map's data as a table: one row per unit (region, value), in KATO order. */
export function MapTable(props: Omit<KazakhstanMapProps, 'id'>) {
  const { asOf, measure, format, lang } = props;
  const model = mapModel(props);
  return (
    <DataTable caption={translate(lang, 'charts.mapTableCaption', { measure, date: formatDate(lang, asOf) })} columns={[translate(lang, 'charts.region'), { label: measure, numeric: true }]}>
      {model.units.map((unit) => (
        <tr key={unit.kato} data-kato={unit.kato}>
          <th scope="row">{unit.href ? <a href={unit.href}>{unit.name}</a> : unit.name}</th>
          <td class="numeric">{unit.value === null ? translate(lang, 'charts.noData') : format(unit.value)}</td>
        </tr>
      ))}
    </DataTable>
  );
}

/** Map, table and (when given) the CSV download, as one figure. */
export function MapFigure(props: KazakhstanMapProps & { csvHref?: string }) {
  const { csvHref, linkFor, ...map } = props;
  return (
    <figure class="chart-figure">
      <KazakhstanMap {...map} />
      <MapTable {...map} linkFor={linkFor} />
      {csvHref && <CsvDownload href={csvHref} lang={map.lang} />}
    </figure>
  );
}

/** The map's data as CSV: KATO code, region name, value (empty where there is none). */
export function mapCsv(props: Omit<KazakhstanMapProps, 'id'>): string {
  const model = mapModel(props);
  return toCsv(
    ['KATO', translate(props.lang, 'charts.region'), props.measure],
    model.units.map((u) => [u.kato, u.name, u.value]),
  );
}
