// Loads the reference data (reference-data/*.json, *.csv) into the database. Idempotent: it adds
// what is missing and never overwrites a row that exists, so staff corrections survive a re-seed.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import type { Db } from '../../core/db/connect.js';
import { newId } from '../../core/ids.js';
import { localizedTextData } from '../../core/i18n/localized-text.js';
import { referenceDataDir } from '../../core/paths.js';
import * as repo from './registry.repository.js';

const date = z.iso.date();
const datedName = z.object({ valid_from: date.nullable(), valid_to: date.nullable(), name: localizedTextData });

/** reference-data/areas.json: the regions and cities of republican significance, with their maslikhats. */
const areasFile = z.object({
  source: z.string(),
  areas: z.array(
    z.object({
      kato: z.string(),
      classification: z.enum(['region', 'city']),
      valid_from: date.nullable(),
      valid_to: date.nullable(),
      time_zone: z.string(),
      names: z.array(datedName),
      centre: localizedTextData.nullable(),
      identifiers: z.array(z.object({ scheme: z.literal('iso_3166_2'), identifier: z.string(), valid_from: date.nullable(), valid_to: date.nullable() })),
      maslikhat: z.object({ names: z.array(datedName) }),
    }),
  ),
});

/** reference-data/institutions.json: the national bodies, their successions, role titles and convocations. */
const institutionsFile = z.object({
  homeOrganization: z.string(),
  organizations: z.array(
    z.object({
      slug: z.string(),
      classification: z.enum(['parliament', 'chamber', 'council', 'party']),
      name_history: z.array(datedName).optional(),
      parent: z.string().optional(),
      founding_date: date.nullable(),
      dissolution_date: date.nullable(),
      name: localizedTextData,
      short_name: localizedTextData.nullable(),
      description: localizedTextData.nullable(),
      source: z.string().nullable(),
    }),
  ),
  successions: z.array(z.object({ predecessor: z.string(), successor: z.string(), effective_date: date, note: localizedTextData.nullable() })),
  roleTitles: z.array(
    z.object({ role: z.string(), organization_classification: z.string(), valid_from: date.nullable(), valid_to: date.nullable(), label: localizedTextData, source: z.string().nullable() }),
  ),
  convocations: z.array(z.object({ slug: z.string(), name: localizedTextData, election_date: date.nullable(), valid_from: date.nullable(), valid_to: date.nullable() })),
});

/** reference-data/kz-region-population.csv. */
const populationFile = z.array(z.object({ kato_or_iso: z.string(), population: z.string(), date: z.string(), source: z.string() }));

const referenceFiles = ['areas.json', 'institutions.json', 'kz-region-population.csv'];
const readReference = (file: string) => readFileSync(path.join(referenceDataDir, file), 'utf8');

/** A fingerprint of the reference files, so start-up seeds only when they changed. */
export function referenceDataVersion(): string {
  const hash = createHash('sha256');
  for (const file of referenceFiles) hash.update(readReference(file));
  return hash.digest('hex').slice(0, 16);
}

const nextDay = (day: string): string => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

export const maslikhatSlug = (kato: string) => `maslikhat-${kato}`;

export interface SeedReport {
  areasAdded: number;
  organizationsAdded: number;
  populationRows: number;
}

export async function seedReferenceData(db: Db, onProgress?: (step: string) => void): Promise<SeedReport> {
  const areas = areasFile.parse(JSON.parse(readReference('areas.json')));
  const institutions = institutionsFile.parse(JSON.parse(readReference('institutions.json')));
  const population = populationFile.parse(parse(readReference('kz-region-population.csv'), { columns: true, skip_empty_lines: true }));
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
    for (const area of areas.areas) {
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
            source: areas.source,
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
            source: areas.source,
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
