// The open-data catalogue: each public dataset, its formats (links per language, names in the bulk zip) and its columns, described in the locales.
import type { Language } from '../../core/i18n/languages.js';
import type { MessageKey } from '../../core/i18n/messages.js';

export type DatasetId = 'registry' | 'deputies' | 'areas' | 'meetings' | 'minutes' | 'news' | 'plans' | 'planReports';

export interface DatasetFormat {
  /** Shown as is: JSON, CSV, XLSX, Popolo JSON, Akoma Ntoso, iCalendar, Atom. */
  label: string;
  /** The download in the page's language; undefined for files linked from each item's page (and in the bulk zip). */
  href: ((lang: Language) => string) | undefined;
  /** Where the format's files are inside the bulk zip ({lang} for each of kk, ru, en; {id} for each item). */
  inZip: string;
}

export interface DatasetColumn {
  /** The field's name as it appears in the files (JSON key, iCalendar property, Atom element)… */
  name: string;
  /** …or, for a file whose headers are in its language (the deputies' CSV and XLSX), the header's message. */
  header?: MessageKey;
  description: MessageKey;
}

export interface Dataset {
  id: DatasetId;
  title: MessageKey;
  description: MessageKey;
  formats: DatasetFormat[];
  columns: DatasetColumn[];
}

/** The languages the bulk zip carries each translated file in (kk-latn is derived from kk on the site). */
export const zipLanguages = ['kk', 'ru', 'en'] as const satisfies readonly Language[];

export const licence = { name: 'CC BY 4.0', url: 'https://creativecommons.org/licenses/by/4.0/' };

const col = (name: string, description: MessageKey): DatasetColumn => ({ name, description });
const header = (key: MessageKey, description: MessageKey): DatasetColumn => ({ name: '', header: key, description });

export const datasets: Dataset[] = [
  {
    id: 'registry',
    title: 'openData.dataset.registry.title',
    description: 'openData.dataset.registry.description',
    formats: [
      { label: 'Popolo JSON', href: (lang) => `/open-data/popolo.json?lang=${lang === 'kk-latn' ? 'kk' : lang}`, inZip: 'registry/popolo-{lang}.json' },
      { label: 'JSON', href: () => '/api/v1/memberships', inZip: 'registry/popolo-{lang}.json' },
    ],
    columns: [
      col('organizations', 'openData.field.organizations'),
      col('persons', 'openData.field.persons'),
      col('memberships', 'openData.field.memberships'),
      col('start_date, end_date', 'openData.field.period'),
      col('on_behalf_of_id', 'openData.field.onBehalfOf'),
      col('contact_details', 'openData.field.contactDetails'),
    ],
  },
  {
    id: 'deputies',
    title: 'openData.dataset.deputies.title',
    description: 'openData.dataset.deputies.description',
    formats: [
      { label: 'CSV', href: (lang) => `/open-data/deputies.csv?lang=${lang}`, inZip: 'registry/deputies-{lang}.csv' },
      { label: 'XLSX', href: (lang) => `/open-data/deputies.xlsx?lang=${lang}`, inZip: 'registry/deputies-{lang}.xlsx' },
    ],
    columns: [
      header('openData.column.kato', 'openData.field.kato'),
      header('openData.column.maslikhat', 'openData.field.maslikhat'),
      header('openData.column.role', 'openData.field.role'),
      header('openData.column.districtNumber', 'openData.field.district'),
      header('openData.column.nameKk', 'openData.field.name'),
      header('openData.column.party', 'openData.field.party'),
      header('openData.column.startDate', 'openData.field.startDate'),
      header('openData.column.email', 'openData.field.publicContacts'),
      header('openData.column.demo', 'openData.field.demo'),
    ],
  },
  {
    id: 'areas',
    title: 'openData.dataset.areas.title',
    description: 'openData.dataset.areas.description',
    formats: [{ label: 'JSON', href: () => '/api/v1/areas', inZip: 'registry/areas.json' }],
    columns: [col('id', 'openData.field.id'), col('kato', 'openData.field.kato'), col('name', 'openData.field.localizedName'), col('valid_from, valid_to', 'openData.field.period')],
  },
  {
    id: 'meetings',
    title: 'openData.dataset.meetings.title',
    description: 'openData.dataset.meetings.description',
    formats: [
      { label: 'iCalendar', href: (lang) => `/${lang}/meetings.ics`, inZip: 'meetings/meetings-{lang}.ics' },
      { label: 'Atom', href: (lang) => `/${lang}/meetings.atom`, inZip: 'meetings/meetings-{lang}.atom' },
    ],
    columns: [
      col('UID', 'openData.field.id'),
      col('SUMMARY', 'openData.field.title'),
      col('DTSTART, DTEND', 'openData.field.meetingTime'),
      col('LOCATION', 'openData.field.place'),
      col('STATUS', 'openData.field.meetingStatus'),
      col('URL', 'openData.field.url'),
    ],
  },
  {
    id: 'minutes',
    title: 'openData.dataset.minutes.title',
    description: 'openData.dataset.minutes.description',
    formats: [{ label: 'Akoma Ntoso (XML)', href: undefined, inZip: 'minutes/{id}-akoma-ntoso.xml' }],
    columns: [
      col('akomaNtoso/debate/meta', 'openData.field.aknMeta'),
      col('debateBody/debateSection', 'openData.field.aknSection'),
      col('speech/@by', 'openData.field.aknSpeech'),
    ],
  },
  {
    id: 'news',
    title: 'openData.dataset.news.title',
    description: 'openData.dataset.news.description',
    formats: [{ label: 'Atom', href: (lang) => `/${lang}/feed.atom`, inZip: 'news/news-{lang}.atom' }],
    columns: [
      col('id', 'openData.field.id'),
      col('title', 'openData.field.title'),
      col('summary', 'openData.field.summary'),
      col('content', 'openData.field.content'),
      col('published, updated', 'openData.field.published'),
      col('link', 'openData.field.url'),
    ],
  },
  {
    id: 'plans',
    title: 'openData.dataset.plans.title',
    description: 'openData.dataset.plans.description',
    formats: [
      { label: 'JSON', href: () => '/api/v1/plans', inZip: 'plan/plans.json, plan/plan-{id}.json' },
      { label: 'CSV', href: undefined, inZip: 'plan/plan-{id}-progress-{lang}.csv' },
    ],
    columns: [
      col('id', 'openData.field.id'),
      col('title', 'openData.field.title'),
      col('period_start, period_end', 'openData.field.period'),
      col('status', 'openData.field.planStatus'),
      col('items', 'openData.field.planItems'),
      col('reports_accepted, reports_due', 'openData.field.reportCounts'),
      col('is_demo', 'openData.field.demo'),
    ],
  },
  {
    id: 'planReports',
    title: 'openData.dataset.planReports.title',
    description: 'openData.dataset.planReports.description',
    formats: [{ label: 'JSON', href: () => '/api/v1/plan-reports', inZip: 'plan/plan-reports.json' }],
    columns: [
      col('item_id', 'openData.field.planItem'),
      col('body', 'openData.field.reportingBody'),
      col('period_start, period_end, due_on', 'openData.field.reportPeriod'),
      col('accepted_at', 'openData.field.acceptedAt'),
      col('late', 'openData.field.late'),
      col('text', 'openData.field.reportText'),
      col('values', 'openData.field.indicatorValues'),
    ],
  },
];
