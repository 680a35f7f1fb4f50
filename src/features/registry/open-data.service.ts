// Open data: the registry's organisations, persons and memberships as of a date (JSON API), the
// whole registry as Popolo JSON, and the deputies' list as CSV and XLSX. Everything here is public:
// personal fields (iin, birth_date) are never read, and only public contact details are.
import { loadExcel } from '../../core/lazy-modules.js';
import type { Db } from '../../core/db/connect.js';
import type { DateString, MembershipRole } from '../../core/db/database.js';
import { todayInKazakhstan } from '../../core/db/dated.js';
import { pageWindow } from '../../core/db/query.js';
import { ValidationError } from '../../core/errors.js';
import { allForms, localize } from '../../core/i18n/format.js';
import type { Language } from '../../core/i18n/languages.js';
import type { LocalizedText } from '../../core/i18n/localized-text.js';
import { translate, type MessageKey } from '../../core/i18n/messages.js';
import { toKazakhLatin } from '../../core/i18n/transliterate.js';
import { foldForSearch } from '../../core/text/fold.js';
import { csvBom, csvLine } from '../../core/text/csv.js';
import { findRoleTitle } from './membership.repository.js';
import * as repo from './open-data.repository.js';
import type { ContactDetail, OpenMembership, OpenOrganization, OpenPerson } from './open-data.schemas.js';
import { buildPopolo, photoPath } from './popolo.js';

export interface PageRequest {
  page: number;
  per_page: number;
}

export interface OpenDataPage<T> {
  date: DateString;
  page: number;
  per_page: number;
  total: number;
  data: T[];
}

/** How long a Popolo document is kept (per date and language) before it is built again. */
export const popoloCacheSeconds = 300;
const popoloCacheEntries = 16;

const nullableForms = (text: LocalizedText | null) => (text ? allForms(text) : null);

function presentContact(row: repo.PublicContactRow): ContactDetail {
  return { type: row.type, value: row.value, label: nullableForms(row.label) };
}

function contactsByOwner(rows: repo.PublicContactRow[], key: 'personId' | 'organizationId'): Map<string, ContactDetail[]> {
  const map = new Map<string, ContactDetail[]>();
  for (const row of rows) {
    const owner = row[key];
    if (!owner) continue;
    map.set(owner, [...(map.get(owner) ?? []), presentContact(row)]);
  }
  return map;
}

/** Role titles by (role, organisation classification, date), each looked up once per call. */
function roleTitleLookup(db: Db) {
  const cache = new Map<string, Promise<LocalizedText | undefined>>();
  return (role: string, classification: string, date: DateString) => {
    const key = `${role}|${classification}|${date}`;
    let found = cache.get(key);
    if (!found) {
      found = findRoleTitle(db, role, classification, date);
      cache.set(key, found);
    }
    return found;
  };
}

export interface DeputyRow {
  regionKato: string | null;
  region: string;
  maslikhat: string;
  role: string;
  districtNumber: number | null;
  districtName: string;
  nameKk: string;
  nameRu: string;
  party: string;
  startDate: DateString | null;
  email: string;
  phone: string;
  otherContacts: string;
  isDemo: boolean;
}

const deputyColumns: { key: keyof DeputyRow; header: MessageKey; width: number }[] = [
  { key: 'regionKato', header: 'openData.column.kato', width: 12 },
  { key: 'region', header: 'openData.column.region', width: 28 },
  { key: 'maslikhat', header: 'openData.column.maslikhat', width: 36 },
  { key: 'role', header: 'openData.column.role', width: 26 },
  { key: 'districtNumber', header: 'openData.column.districtNumber', width: 10 },
  { key: 'districtName', header: 'openData.column.districtName', width: 28 },
  { key: 'nameKk', header: 'openData.column.nameKk', width: 34 },
  { key: 'nameRu', header: 'openData.column.nameRu', width: 34 },
  { key: 'party', header: 'openData.column.party', width: 30 },
  { key: 'startDate', header: 'openData.column.startDate', width: 14 },
  { key: 'email', header: 'openData.column.email', width: 28 },
  { key: 'phone', header: 'openData.column.phone', width: 20 },
  { key: 'otherContacts', header: 'openData.column.otherContacts', width: 36 },
  { key: 'isDemo', header: 'openData.column.demo', width: 10 },
];

export function createOpenDataService(db: Db) {
  async function areaIdFor(region: string | undefined): Promise<string | undefined> {
    if (!region) return undefined;
    const id = await repo.findAreaIdByCode(db, region);
    if (!id) throw ValidationError([{ field: 'querystring.region', messageKey: 'openData.error.unknownRegion', values: { value: region } }]);
    return id;
  }

  async function organizationIdFor(key: string | undefined): Promise<string | undefined> {
    if (!key) return undefined;
    const id = await repo.findOrganizationIdByKey(db, key);
    if (!id) throw ValidationError([{ field: 'querystring.organization', messageKey: 'openData.error.unknownOrganization', values: { value: key } }]);
    return id;
  }

  const pageOf = (p: PageRequest) => pageWindow(p.page, p.per_page);

  async function presentMemberships(rows: repo.OpenMembershipRow[], date: DateString): Promise<OpenMembership[]> {
    const title = roleTitleLookup(db);
    return Promise.all(
      rows.map(async (m) => {
        // The title of the role on the date (secretary, then chairman) from the role-title table; else the membership's own label.
        const label = (await title(m.role, m.organizationClassification, date)) ?? m.label;
        return {
          id: m.id,
          organization: { id: m.organizationId, slug: m.organizationSlug, classification: m.organizationClassification, name: nullableForms(m.organizationName) },
          person: m.personId && m.personName ? { id: m.personId, name: allForms(m.personName) } : null,
          member_organization: m.memberOrganizationId
            ? { id: m.memberOrganizationId, slug: m.memberOrganizationSlug!, classification: m.memberOrganizationClassification!, name: nullableForms(m.memberOrganizationName) }
            : null,
          role: m.role,
          label: nullableForms(label ?? null),
          on_behalf_of:
            m.onBehalfOfId && m.onBehalfOfClassification
              ? { id: m.onBehalfOfId, slug: m.onBehalfOfSlug!, classification: m.onBehalfOfClassification, name: nullableForms(m.onBehalfOfName) }
              : null,
          electoral_district: m.districtNumber !== null ? { number: m.districtNumber, name: nullableForms(m.districtName) } : null,
          convocation: m.convocationId && m.convocationName ? { id: m.convocationId, slug: m.convocationSlug!, name: allForms(m.convocationName) } : null,
          area: m.areaId && m.areaKato ? { id: m.areaId, kato: m.areaKato, name: nullableForms(m.areaName) } : null,
          start_date: m.startDate,
          end_date: m.endDate,
          end_reason: m.endReason,
          start_decision_id: m.startDecisionId,
          end_decision_id: m.endDecisionId,
          is_demo: m.isDemo || m.personIsDemo === true,
        };
      }),
    );
  }

  async function deputyRows(query: { date?: string | undefined; region?: string | undefined; lang: Language }): Promise<{ date: DateString; rows: DeputyRow[] }> {
    const date = query.date ?? todayInKazakhstan();
    const areaId = await areaIdFor(query.region);
    const { rows } = await repo.listMemberships(
      db,
      { date, areaId, roles: ['deputy', 'head'] satisfies MembershipRole[], organizationClassification: 'maslikhat' },
      { limit: 100_000, offset: 0 },
    );
    const personIds = [...new Set(rows.map((r) => r.personId).filter((id): id is string => id !== null))];
    const contacts = personIds.length ? await repo.listPublicContacts(db, { personIds }) : [];
    const byPerson = new Map<string, repo.PublicContactRow[]>();
    for (const c of contacts) if (c.personId) byPerson.set(c.personId, [...(byPerson.get(c.personId) ?? []), c]);
    const title = roleTitleLookup(db);
    const { lang } = query;
    const text = (value: LocalizedText | null) => localize(lang, value).text;
    const kazakh = (value: string | undefined) => (value && lang === 'kk-latn' ? toKazakhLatin(value) : (value ?? ''));
    const out: DeputyRow[] = [];
    for (const r of rows) {
      const own = byPerson.get(r.personId ?? '') ?? [];
      const label = (await title(r.role, r.organizationClassification, date)) ?? r.label;
      out.push({
        regionKato: r.areaKato,
        region: text(r.areaName),
        maslikhat: text(r.organizationName),
        role: label ? text(label) : translate(lang, r.role === 'head' ? 'openData.role.head' : 'openData.role.deputy'),
        districtNumber: r.districtNumber,
        districtName: text(r.districtName),
        nameKk: kazakh(r.personName?.kk),
        nameRu: r.personName?.ru ?? '',
        party: text(r.onBehalfOfName),
        startDate: r.startDate,
        email: own.filter((c) => c.type === 'email').map((c) => c.value).join('; '),
        phone: own.filter((c) => c.type === 'phone').map((c) => c.value).join('; '),
        otherContacts: own
          .filter((c) => c.type !== 'email' && c.type !== 'phone')
          .map((c) => `${translate(lang, `openData.contact.${c.type}`)}: ${c.value}`)
          .join('; '),
        isDemo: r.isDemo || r.personIsDemo === true,
      });
    }
    return { date, rows: out };
  }

  const popoloCache = new Map<string, { at: number; body: Promise<Buffer> }>();

  return {
    async organizations(query: PageRequest & { date?: string | undefined; region?: string | undefined; organization?: string | undefined }): Promise<OpenDataPage<OpenOrganization>> {
      const date = query.date ?? todayInKazakhstan();
      const [areaId, organizationId] = await Promise.all([areaIdFor(query.region), organizationIdFor(query.organization)]);
      const { rows, total } = await repo.listOrganizations(db, { date, areaId, organizationId }, pageOf(query));
      const contacts = contactsByOwner(await repo.listPublicContacts(db, { organizationIds: rows.map((r) => r.id) }), 'organizationId');
      return {
        date,
        page: query.page,
        per_page: query.per_page,
        total,
        data: rows.map((o) => ({
          id: o.id,
          slug: o.slug,
          name: nullableForms(o.name),
          short_name: nullableForms(o.shortName),
          classification: o.classification,
          maslikhat_level: o.maslikhatLevel,
          parent_id: o.parentId,
          area_id: o.areaId,
          area_kato: o.areaKato,
          founding_date: o.foundingDate,
          dissolution_date: o.dissolutionDate,
          description: nullableForms(o.description),
          contact_details: contacts.get(o.id) ?? [],
        })),
      };
    },

    async persons(
      query: PageRequest & { date?: string | undefined; region?: string | undefined; organization?: string | undefined; q?: string | undefined },
    ): Promise<OpenDataPage<OpenPerson>> {
      const date = query.date ?? todayInKazakhstan();
      const [areaId, organizationId] = await Promise.all([areaIdFor(query.region), organizationIdFor(query.organization)]);
      const folded = query.q ? foldForSearch(query.q) : undefined;
      if (query.q !== undefined && !folded) {
        return { date, page: query.page, per_page: query.per_page, total: 0, data: [] };
      }
      const { rows, total } = await repo.listPersons(db, { date, areaId, organizationId, foldedQuery: folded }, pageOf(query));
      const contacts = contactsByOwner(await repo.listPublicContacts(db, { personIds: rows.map((r) => r.id) }), 'personId');
      return {
        date,
        page: query.page,
        per_page: query.per_page,
        total,
        data: rows.map((p) => ({
          id: p.id,
          name: allForms(p.name),
          family_name: nullableForms(p.familyName),
          given_name: nullableForms(p.givenName),
          patronymic: nullableForms(p.patronymic),
          gender: p.gender,
          photo_url: p.photoFile ? photoPath(p.photoFile) : null,
          is_demo: p.isDemo,
          contact_details: contacts.get(p.id) ?? [],
        })),
      };
    },

    async memberships(
      query: PageRequest & { date?: string | undefined; region?: string | undefined; organization?: string | undefined; role?: MembershipRole | undefined },
    ): Promise<OpenDataPage<OpenMembership>> {
      const date = query.date ?? todayInKazakhstan();
      const [areaId, organizationId] = await Promise.all([areaIdFor(query.region), organizationIdFor(query.organization)]);
      const { rows, total } = await repo.listMemberships(db, { date, areaId, organizationId, roles: query.role ? [query.role] : undefined }, pageOf(query));
      return { date, page: query.page, per_page: query.per_page, total, data: await presentMemberships(rows, date) };
    },

    /**
     * The whole registry (or what existed on a date) as Popolo JSON, serialised. Kept for
     * popoloCacheSeconds per date, language and base URL in this instance.
     */
    popolo(query: { date?: string | undefined; lang: Language; baseUrl: string }): Promise<Buffer> {
      const key = `${query.date ?? '*'}|${query.lang}|${query.baseUrl}`;
      const now = Date.now();
      const cached = popoloCache.get(key);
      if (cached && now - cached.at < popoloCacheSeconds * 1000) return cached.body;
      const body = (async () => {
        const today = todayInKazakhstan();
        const dump = await repo.dumpRegistry(db, query.date);
        const lookup = roleTitleLookup(db);
        const titles = new Map<string, LocalizedText | undefined>();
        for (const m of dump.memberships) {
          const titleDate = query.date ?? (m.endDate && m.endDate < today ? m.endDate : m.startDate && m.startDate > today ? m.startDate : today);
          const k = `${m.role}|${m.organizationClassification}|${titleDate}`;
          if (!titles.has(k)) titles.set(k, await lookup(m.role, m.organizationClassification, titleDate));
        }
        const document = buildPopolo(dump, {
          date: query.date,
          today,
          lang: query.lang,
          baseUrl: query.baseUrl,
          generatedAt: new Date(),
          roleTitle: (role, classification, date) => titles.get(`${role}|${classification}|${date}`),
        });
        return Buffer.from(JSON.stringify(document), 'utf8');
      })();
      popoloCache.delete(key);
      popoloCache.set(key, { at: now, body });
      body.catch(() => popoloCache.delete(key));
      while (popoloCache.size > popoloCacheEntries) popoloCache.delete(popoloCache.keys().next().value!);
      return body;
    },

    deputyRows,

    /** The deputies' list as CSV: UTF-8 with a BOM, CRLF, formula triggers neutralised (core/text/csv.ts). */
    async deputiesCsv(query: { date?: string | undefined; region?: string | undefined; lang: Language }): Promise<{ date: DateString; body: Buffer; rows: number }> {
      const { date, rows } = await deputyRows(query);
      const yes = translate(query.lang, 'openData.yes');
      const lines = [`${csvBom}${csvLine(deputyColumns.map((c) => translate(query.lang, c.header)))}`];
      for (const row of rows) {
        lines.push(
          csvLine(
            deputyColumns.map((c) => {
              const value = row[c.key];
              if (typeof value === 'boolean') return value ? yes : '';
              return value === null ? '' : String(value);
            }),
          ),
        );
      }
      return { date, body: Buffer.from(lines.join(''), 'utf8'), rows: rows.length };
    },

    /** The deputies' list as an Excel workbook: a header row, frozen under it, with filters and column widths. */
    async deputiesXlsx(query: { date?: string | undefined; region?: string | undefined; lang: Language }): Promise<{ date: DateString; body: Buffer; rows: number }> {
      const { date, rows } = await deputyRows(query);
      const yes = translate(query.lang, 'openData.yes');
      const workbook = new (await loadExcel()).Workbook();
      workbook.creator = 'Kenes';
      workbook.created = new Date();
      const sheet = workbook.addWorksheet(translate(query.lang, 'openData.deputiesSheet').slice(0, 31), {
        views: [{ state: 'frozen', xSplit: 0, ySplit: 1 }],
      });
      sheet.columns = deputyColumns.map((c) => ({ header: translate(query.lang, c.header), key: c.key, width: c.width }));
      sheet.getRow(1).font = { bold: true };
      sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: deputyColumns.length } };
      sheet.getColumn('startDate').numFmt = 'yyyy-mm-dd';
      for (const row of rows) {
        // Plain values only: a text starting with "=" stays text (exceljs writes formulas only when asked to).
        sheet.addRow({
          ...row,
          startDate: row.startDate ? new Date(`${row.startDate}T00:00:00Z`) : null,
          isDemo: row.isDemo ? yes : '',
        });
      }
      const body = Buffer.from(await workbook.xlsx.writeBuffer());
      return { date, body, rows: rows.length };
    },
  };
}

export type OpenDataService = ReturnType<typeof createOpenDataService>;
