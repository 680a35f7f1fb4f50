// What other features and routes ask of the registry: areas, maslikhats and organisations by kind as of a date, the home organisation.
import type { Db } from '../../core/db/connect.js';
import type { OrganizationClassification } from '../../core/db/database.js';
import { todayInKazakhstan } from '../../core/db/dated.js';
import { NotFoundError } from '../../core/errors.js';
import { cachedForSeconds, type SiteInfo } from '../../core/site.js';
import * as repo from './registry.repository.js';
import { listMemberships, type MembershipRecord } from './membership.repository.js';
import type { LocalizedText } from '../../core/i18n/localized-text.js';
import { admissionProgress, type AdmissionProgress } from './staff.service.js';

export type { AreaRecord, OrganizationRecord } from './registry.repository.js';
export type { AdmissionProgress } from './staff.service.js';

export interface CouncilMember extends MembershipRecord {
  memberName: LocalizedText | null;
  representatives: (LocalizedText | null)[];
}

export interface HomeOrganization extends repo.OrganizationRecord {
  parent: repo.OrganizationRecord | undefined;
  /** What became of the parent body when it ended (the Senate → the Kurultai). */
  parentSuccession: (repo.SuccessionRecord & { successor: repo.OrganizationRecord | undefined }) | undefined;
}

async function loadHomeOrganization(db: Db): Promise<HomeOrganization> {
  const slug = (await repo.getSetting(db, 'home_organization')) ?? 'council-senate';
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

    /** The same maslikhats as a query for another feature's own statement (a related-links provider); see the repository. */
    regionMaslikhatsQuery: repo.regionMaslikhatsQuery,

    /** The id of the organisation with this slug (e.g. the seeds' 'council'), if it is in the registry. */
    organizationIdBySlug: (slug: string) => repo.findOrganizationIdBySlug(db, slug),

    listOrganizationsByIds: (ids: string[], date: string = todayInKazakhstan()) => repo.listOrganizationsByIds(db, ids, date),

    /** The organisations of these kinds (ministries and their departments, institutes, associations…) existing on a date. */
    organizationsOfClassifications: (classifications: readonly OrganizationClassification[], date: string = todayInKazakhstan()) => repo.listOrganizationsOfClassifications(db, classifications, date),

    /** The Council's members on a date: persons and organisations, each organisation with its representatives. */
    async councilMembers(councilId: string, date: string): Promise<CouncilMember[]> {
      const { rows } = await listMemberships(db, { organizationId: councilId, date }, { limit: 1000, offset: 0 });
      const organizations = await repo.listOrganizationsByIds(db, [...new Set(rows.flatMap((r) => [r.memberOrganizationId, r.onBehalfOfId]).filter((x): x is string => !!x))], date);
      const orgName = new Map(organizations.map((o) => [o.id, o.name]));
      const representatives = rows.filter((r) => r.role === 'representative');
      return rows
        .filter((r) => r.role !== 'representative')
        .map((r) => ({
          ...r,
          memberName: r.personName ?? (r.memberOrganizationId ? orgName.get(r.memberOrganizationId) ?? null : null),
          representatives: r.memberOrganizationId ? representatives.filter((rep) => rep.onBehalfOfId === r.memberOrganizationId).map((rep) => rep.personName) : [],
        }));
    },

    /** A meeting's adopted admission decisions, each with the members entered under it ("1 of 3 entered"). */
    admissionsOfMeeting: (meetingId: string): Promise<AdmissionProgress[]> => admissionProgress(db, { meetingId }),

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
