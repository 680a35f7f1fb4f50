// What other features and routes ask of the registry: areas and maslikhats as of a date, the home organisation.
import type { Db } from '../../core/db/connect.js';
import { todayInKazakhstan } from '../../core/db/dated.js';
import { NotFoundError } from '../../core/errors.js';
import { cachedForSeconds, type SiteInfo } from '../../core/site.js';
import * as repo from './registry.repository.js';

export type { AreaRecord, OrganizationRecord } from './registry.repository.js';

export interface HomeOrganization extends repo.OrganizationRecord {
  parent: repo.OrganizationRecord | undefined;
  /** What became of the parent body when it ended (the Senate → the Kurultai). */
  parentSuccession: (repo.SuccessionRecord & { successor: repo.OrganizationRecord | undefined }) | undefined;
}

async function loadHomeOrganization(db: Db): Promise<HomeOrganization> {
  const slug = (await repo.getSetting<string>(db, 'home_organization')) ?? 'council-senate';
  const today = todayInKazakhstan();
  const bare = await repo.findOrganizationBySlug(db, slug, today);
  if (!bare) throw new Error(`The home organisation "${slug}" is not in the registry; run "kenes seed".`);
  const asOf = bare.dissolutionDate && bare.dissolutionDate < today ? bare.dissolutionDate : today;
  const org = asOf === today ? bare : (await repo.findOrganizationBySlug(db, slug, asOf))!;
  const parent = org.parentId ? await repo.findOrganizationById(db, org.parentId, asOf) : undefined;
  const succession = parent ? await repo.findSuccession(db, parent.id) : undefined;
  const successor = succession ? await repo.findOrganizationById(db, succession.successorId, today) : undefined;
  return { ...org, parent, parentSuccession: succession && { ...succession, successor } };
}

export function createRegistryService(db: Db) {
  // Read on every page (the layout names it); cached briefly, see cachedForSeconds.
  const homeOrganization = cachedForSeconds(() => loadHomeOrganization(db));
  return {
    listAreas: (date: string = todayInKazakhstan()) => repo.listAreas(db, date),

    async getArea(id: string, date: string = todayInKazakhstan()) {
      const area = await repo.findArea(db, id, date);
      if (!area) throw NotFoundError();
      return area;
    },

    listRegionMaslikhats: (date: string = todayInKazakhstan()) => repo.listRegionMaslikhats(db, date),

    listOrganizationsByIds: (ids: string[], date: string = todayInKazakhstan()) => repo.listOrganizationsByIds(db, ids, date),

    /** The organisation whose council the platform serves, named as of its last day when it has ended. */
    homeOrganization,

    async siteInfo(): Promise<SiteInfo> {
      const home = await homeOrganization();
      return {
        name: home.name,
        shortName: home.shortName,
        parentName: home.parent?.name ?? null,
        foundingDate: home.foundingDate,
        dissolutionDate: home.dissolutionDate,
        description: home.description,
      };
    },
  };
}

export type RegistryService = ReturnType<typeof createRegistryService>;
