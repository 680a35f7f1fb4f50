// The registry as Popolo JSON (https://www.popoloproject.com/specs/): persons, organizations,
// memberships, areas and posts (electoral districts). A pure function of a registry dump: ids as
// strings, one primary name per record in the chosen language, every other language and every
// dated (former) name in other_names. Personal data is not in the dump, so it cannot leak here;
// identifiers are KATO, ISO 3166-2 and our slugs — never an IIN.
import type { DateString, MembershipRole } from '../../core/db/database.js';
import { allForms, localize } from '../../core/i18n/format.js';
import { languageTags, type Language } from '../../core/i18n/languages.js';
import type { LocalizedText } from '../../core/i18n/localized-text.js';
import { translate } from '../../core/i18n/messages.js';
import type { DatedNameRow, PublicContactRow, RegistryDump } from './open-data.repository.js';

/** Where a person's published photo is served (see registryPhotoRoutes in staff.routes.tsx). */
export const photoPath = (photoFile: string) => `/files/photos/${encodeURIComponent(photoFile)}`;

export interface PopoloOptions {
  /** Only what existed on this date (the dump is already filtered); undefined: everything. */
  date: DateString | undefined;
  /** Today in Kazakhstan: names "as of now" when there is no date. */
  today: DateString;
  lang: Language;
  /** Absolute base URL of this site, for sources (e.g. https://kenes.example.kz). */
  baseUrl: string;
  generatedAt: Date;
  /** The title of a role on a date, from the role-title table (e.g. secretary, then chairman). */
  roleTitle: (role: MembershipRole, organizationClassification: string, date: DateString) => LocalizedText | undefined;
}

interface OtherName {
  name: string;
  lang: string;
  note?: string;
  start_date?: string;
  end_date?: string;
}

interface PopoloLink {
  url: string;
  note?: string;
}

const formTags: Record<Language, string> = languageTags;

/** Drops null and undefined properties (Popolo consumers expect absent rather than null). */
function compact<T extends Record<string, unknown>>(record: T): T {
  for (const key of Object.keys(record)) if (record[key] === null || record[key] === undefined) delete record[key];
  return record;
}

const covers = (from: DateString | null, to: DateString | null, date: DateString) => (!from || from <= date) && (!to || to >= date);

/** The name row valid on the date; outside every period, the latest one (as the API does). */
function nameAsOf(rows: DatedNameRow[], date: DateString): DatedNameRow | undefined {
  return rows.find((r) => covers(r.validFrom, r.validTo, date)) ?? rows.toSorted((a, b) => (b.validFrom ?? '').localeCompare(a.validFrom ?? ''))[0];
}

/** Every form of every dated name except the primary one. */
function otherNames(rows: DatedNameRow[], primary: { row: DatedNameRow | undefined; text: string }, asOf: DateString): OtherName[] {
  const out: OtherName[] = [];
  for (const row of rows) {
    const dates = compact({ start_date: row.validFrom ?? undefined, end_date: row.validTo ?? undefined });
    const former = row !== primary.row && row.validTo !== null && row.validTo < asOf;
    for (const [lang, text] of Object.entries(allForms(row.name)) as [Language, string | null][]) {
      if (!text || (row === primary.row && text === primary.text)) continue;
      out.push(compact({ name: text, lang: formTags[lang], ...(former ? { note: 'former name' } : {}), ...dates }));
    }
    if (row.shortName) {
      for (const [lang, text] of Object.entries(allForms(row.shortName)) as [Language, string | null][]) {
        if (text) out.push(compact({ name: text, lang: formTags[lang], note: former ? 'former short name' : 'short name', ...dates }));
      }
    }
  }
  return out;
}

/** Other-language forms of an undated text. */
function translations(text: LocalizedText | null, primary: string): OtherName[] {
  if (!text) return [];
  return (Object.entries(allForms(text)) as [Language, string | null][])
    .filter(([, value]) => value && value !== primary)
    .map(([lang, value]) => ({ name: value!, lang: formTags[lang] }));
}

const popoloContactType: Record<PublicContactRow['type'], string> = {
  email: 'email',
  phone: 'voice',
  address: 'address',
  website: 'url',
  reception: 'reception',
};

function groupBy<T>(items: T[], key: (item: T) => string | null): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    if (k === null) continue;
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
}

export function buildPopolo(dump: RegistryDump, options: PopoloOptions) {
  const { lang, today } = options;
  const asOf = options.date ?? today;
  const text = (value: LocalizedText | null | undefined): string | undefined => {
    const t = localize(lang, value).text;
    return t === '' ? undefined : t;
  };
  const aboutUrl = `${options.baseUrl}/${lang}/about`;
  const sources = (source: string | null): PopoloLink[] | undefined => {
    if (!source) return undefined;
    return /^https?:\/\/\S+$/.test(source) ? [{ url: source }] : [{ url: aboutUrl, note: source }];
  };

  const contactsByPerson = groupBy(dump.contacts, (c) => c.personId);
  const contactsByOrganization = groupBy(dump.contacts, (c) => c.organizationId);
  const contactDetails = (rows: PublicContactRow[] | undefined) =>
    rows?.map((c) => compact({ type: popoloContactType[c.type], value: c.value, label: text(c.label), note: c.type === 'reception' ? 'reception' : undefined }));

  const areaNames = groupBy(dump.areaNames, (n) => n.ownerId);
  const areaIdentifiers = groupBy(dump.areaIdentifiers, (i) => i.areaId);
  const areas = dump.areas.map((area) => {
    const names = areaNames.get(area.id) ?? [];
    const primaryRow = nameAsOf(names, area.validTo && area.validTo < asOf ? area.validTo : asOf);
    const name = text(primaryRow?.name) ?? area.kato;
    const identifiers = [
      { scheme: 'kato', identifier: area.kato },
      ...(areaIdentifiers.get(area.id) ?? [])
        .filter((i) => !(i.scheme === 'kato' && i.identifier === area.kato))
        .map((i) => compact({ scheme: i.scheme, identifier: i.identifier, start_date: i.validFrom ?? undefined, end_date: i.validTo ?? undefined })),
    ];
    return compact({
      id: area.id,
      name,
      other_names: otherNames(names, { row: primaryRow, text: name }, asOf),
      identifier: area.kato,
      identifiers,
      classification: area.classification,
      parent_id: area.parentId,
      start_date: area.validFrom,
      end_date: area.validTo,
      sources: sources(area.source),
    });
  });

  const organizationNames = groupBy(dump.organizationNames, (n) => n.ownerId);
  const organizationById = new Map(dump.organizations.map((o) => [o.id, o]));
  const organizations = dump.organizations.map((org) => {
    const names = organizationNames.get(org.id) ?? [];
    const primaryRow = nameAsOf(names, org.dissolutionDate && org.dissolutionDate < asOf ? org.dissolutionDate : asOf);
    const name = text(primaryRow?.name) ?? org.slug;
    return compact({
      id: org.id,
      name,
      other_names: otherNames(names, { row: primaryRow, text: name }, asOf),
      identifiers: [{ scheme: 'kenes', identifier: org.slug }],
      classification: org.classification,
      parent_id: org.parentId,
      area_id: org.areaId,
      description: text(org.description),
      founding_date: org.foundingDate,
      dissolution_date: org.dissolutionDate,
      contact_details: contactDetails(contactsByOrganization.get(org.id)),
      sources: sources(org.source),
    });
  });
  const areaOfOrganization = (id: string): string | undefined => {
    const org = organizationById.get(id);
    return org?.areaId ?? (org?.parentId ? (organizationById.get(org.parentId)?.areaId ?? undefined) : undefined);
  };

  const persons = dump.persons.map((person) => {
    const name = text(person.name) ?? person.id;
    return compact({
      id: person.id,
      name,
      other_names: translations(person.name, name),
      family_name: text(person.familyName),
      given_name: text(person.givenName),
      patronymic_name: text(person.patronymic),
      gender: person.gender,
      image: person.photoFile ? `${options.baseUrl}${photoPath(person.photoFile)}` : undefined,
      contact_details: contactDetails(contactsByPerson.get(person.id)),
      sources: sources(person.source),
      is_demo: person.isDemo,
    });
  });
  const personDemo = new Map(dump.persons.map((p) => [p.id, p.isDemo]));

  const posts = dump.districts.map((district) => {
    const label = (l: Language) => {
      const name = localize(l, district.name).text;
      return name
        ? translate(l, 'openData.districtNamed', { number: district.number, name })
        : translate(l, 'openData.district', { number: district.number });
    };
    const primary = label(lang);
    return compact({
      id: district.id,
      label: primary,
      other_label: (['kk', 'kk-latn', 'ru', 'en'] as const).filter((l) => l !== lang).map(label).filter((l) => l !== primary),
      role: 'deputy',
      organization_id: district.organizationId,
      area_id: areaOfOrganization(district.organizationId),
      start_date: district.validFrom,
      end_date: district.validTo,
    });
  });

  const memberships = dump.memberships.map((m) => {
    // The title of the membership's day: as of the requested date, else its last day (or today).
    const titleDate = options.date ?? (m.endDate && m.endDate < today ? m.endDate : m.startDate && m.startDate > today ? m.startDate : today);
    const label = options.roleTitle(m.role, m.organizationClassification, titleDate) ?? m.label;
    return compact({
      id: m.id,
      label: text(label),
      role: m.role,
      person_id: m.personId,
      member_id: m.memberOrganizationId,
      member: m.memberOrganizationId ? { '@type': 'Organization', id: m.memberOrganizationId } : undefined,
      organization_id: m.organizationId,
      post_id: m.electoralDistrictId,
      on_behalf_of_id: m.onBehalfOfId,
      area_id: areaOfOrganization(m.organizationId),
      start_date: m.startDate,
      end_date: m.endDate,
      start_decision_id: m.startDecisionId,
      end_decision_id: m.endDecisionId,
      sources: sources(m.source),
      is_demo: m.isDemo || (m.personId ? (personDemo.get(m.personId) ?? false) : false),
    });
  });

  return {
    meta: {
      generated_at: options.generatedAt.toISOString(),
      date: options.date ?? null,
      lang: formTags[lang],
      specification: 'https://www.popoloproject.com/specs/',
      note: 'Primary names are in the language given by lang; other languages and former names are in other_names. Demonstration records have is_demo: true.',
      license: 'https://creativecommons.org/licenses/by/4.0/',
      sources: aboutUrl,
    },
    persons,
    organizations,
    memberships,
    areas,
    posts,
  };
}

export type PopoloDocument = ReturnType<typeof buildPopolo>;
