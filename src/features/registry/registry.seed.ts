// Loads the reference data (reference-data/*.json, *.csv) into the database. Idempotent: it adds
// what is missing and never overwrites a row that exists, so staff corrections survive a re-seed.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import type { Db } from '../../core/db/connect.js';
import type { DateString } from '../../core/db/database.js';
import { newId } from '../../core/ids.js';
import type { LocalizedText } from '../../core/i18n/localized-text.js';
import { referenceDataDir } from '../../core/paths.js';
import * as repo from './registry.repository.js';

interface DatedNameData {
  valid_from: DateString | null;
  valid_to: DateString | null;
  name: LocalizedText;
}

interface AreaData {
  kato: string;
  classification: 'region' | 'city';
  valid_from: DateString | null;
  valid_to: DateString | null;
  time_zone: string;
  names: DatedNameData[];
  centre: LocalizedText | null;
  identifiers: { scheme: 'iso_3166_2'; identifier: string; valid_from: DateString | null; valid_to: DateString | null }[];
  maslikhat: { names: DatedNameData[] };
}

interface InstitutionData {
  homeOrganization: string;
  organizations: {
    slug: string;
    classification: 'parliament' | 'chamber' | 'council' | 'party';
    name_history?: DatedNameData[];
    parent?: string;
    founding_date: DateString | null;
    dissolution_date: DateString | null;
    name: LocalizedText;
    short_name: LocalizedText | null;
    description: LocalizedText | null;
    source: string | null;
  }[];
  successions: { predecessor: string; successor: string; effective_date: DateString; note: LocalizedText | null }[];
  roleTitles: { role: string; organization_classification: string; valid_from: DateString | null; valid_to: DateString | null; label: LocalizedText; source: string | null }[];
  convocations: { slug: string; name: LocalizedText; election_date: DateString | null; valid_from: DateString | null; valid_to: DateString | null }[];
}

const referenceFiles = ['areas.json', 'institutions.json', 'kz-region-population.csv'];
const readReference = (file: string) => readFileSync(path.join(referenceDataDir, file), 'utf8');

/** A fingerprint of the reference files, so start-up seeds only when they changed. */
export function referenceDataVersion(): string {
  const hash = createHash('sha256');
  for (const file of referenceFiles) hash.update(readReference(file));
  return hash.digest('hex').slice(0, 16);
}

const nextDay = (date: DateString): DateString => new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

export const maslikhatSlug = (kato: string) => `maslikhat-${kato}`;

export interface SeedReport {
  areasAdded: number;
  organizationsAdded: number;
  populationRows: number;
}

export async function seedReferenceData(db: Db, onProgress?: (step: string) => void): Promise<SeedReport> {
  const areasFile = JSON.parse(readReference('areas.json')) as { source: string; areas: AreaData[] };
  const institutions = JSON.parse(readReference('institutions.json')) as InstitutionData;
  const population = parse(readReference('kz-region-population.csv'), { columns: true, skip_empty_lines: true }) as {
    kato_or_iso: string;
    population: string;
    date: string;
    source: string;
  }[];
  const report: SeedReport = { areasAdded: 0, organizationsAdded: 0, populationRows: 0 };

  await db.transaction().execute(async (trx) => {
    onProgress?.('institutions');
    for (const org of institutions.organizations) {
      if (await repo.findOrganizationIdBySlug(trx, org.slug)) continue;
      const parentId = org.parent ? await repo.findOrganizationIdBySlug(trx, org.parent) : undefined;
      await repo.insertOrganization(
        trx,
        {
          id: newId(),
          slug: org.slug,
          classification: org.classification,
          maslikhat_level: null,
          parent_id: parentId ?? null,
          area_id: null,
          founding_date: org.founding_date,
          dissolution_date: org.dissolution_date,
          description: org.description,
          source: org.source,
        },
        [
          ...(org.name_history ?? []).map((n) => ({ ...n, id: newId(), short_name: null })),
          {
            id: newId(),
            name: org.name,
            short_name: org.short_name,
            valid_from: org.name_history?.length ? nextDay(org.name_history.at(-1)!.valid_to!) : org.founding_date,
            valid_to: null,
          },
        ],
      );
      report.organizationsAdded++;
    }
    for (const s of institutions.successions) {
      const predecessor = await repo.findOrganizationIdBySlug(trx, s.predecessor);
      const successor = await repo.findOrganizationIdBySlug(trx, s.successor);
      if (!predecessor || !successor) continue;
      await repo.insertSuccessionIfMissing(trx, {
        id: newId(),
        predecessor_id: predecessor,
        successor_id: successor,
        effective_date: s.effective_date,
        note: s.note,
      });
    }
    await repo.putSettingIfMissing(trx, 'home_organization', institutions.homeOrganization);
    for (const title of institutions.roleTitles) await repo.insertRoleTitleIfMissing(trx, { id: newId(), ...title });
    for (const convocation of institutions.convocations) await repo.insertConvocationIfMissing(trx, { id: newId(), ...convocation });

    onProgress?.('areas and maslikhats');
    for (const area of areasFile.areas) {
      let areaId = await repo.findAreaIdByKato(trx, area.kato);
      if (!areaId) {
        areaId = newId();
        await repo.insertArea(
          trx,
          {
            id: areaId,
            kato: area.kato,
            classification: area.classification,
            valid_from: area.valid_from,
            valid_to: area.valid_to,
            time_zone: area.time_zone,
            centre: area.centre,
            source: areasFile.source,
          },
          area.names.map((n) => ({ ...n, id: newId() })),
          area.identifiers.map((i) => ({ ...i, id: newId() })),
        );
        report.areasAdded++;
      }
      const slug = maslikhatSlug(area.kato);
      if (!(await repo.findOrganizationIdBySlug(trx, slug))) {
        await repo.insertOrganization(
          trx,
          {
            id: newId(),
            slug,
            classification: 'maslikhat',
            maslikhat_level: area.classification === 'city' ? 'city_of_republican_significance' : 'region',
            parent_id: null,
            area_id: areaId,
            founding_date: area.valid_from,
            dissolution_date: area.valid_to,
            description: null,
            source: areasFile.source,
          },
          area.maslikhat.names.map((n) => ({ ...n, id: newId(), short_name: null })),
        );
        report.organizationsAdded++;
      }
    }

    onProgress?.('population');
    for (const row of population) {
      if (!/^KZ-\d\d$/.test(row.kato_or_iso)) continue; // the country total and residual rows are not areas
      const areaId = await repo.findAreaIdByIdentifier(trx, 'iso_3166_2', row.kato_or_iso);
      if (!areaId) continue;
      await repo.insertPopulationIfMissing(trx, {
        area_id: areaId,
        on_date: row.date,
        population: Number(row.population),
        source: row.source,
      });
      report.populationRows++;
    }
    await repo.putSetting(trx, 'reference_data_version', referenceDataVersion());
  });
  return report;
}

/** Seeds only when the reference files differ from what the database last loaded. */
export async function seedReferenceDataIfChanged(db: Db): Promise<SeedReport | undefined> {
  const loaded = await repo.getSetting(db, 'reference_data_version');
  if (loaded === referenceDataVersion()) return undefined;
  return seedReferenceData(db);
}
