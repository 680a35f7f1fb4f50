// What staff change in the registry: a maslikhat's deputies (its own staff) and the Council's members
// and decisions (the secretariat). Every change is audited inside its transaction, with a version check.
import { recordChange, type ChangeContext } from '../../core/audit/audit.js';
import type { Db } from '../../core/db/connect.js';
import type { DateString, DecisionKind } from '../../core/db/database.js';
import { todayInKazakhstan } from '../../core/db/dated.js';
import { ConflictError, NotFoundError } from '../../core/errors.js';
import { newId } from '../../core/ids.js';
import type { LocalizedText } from '../../core/i18n/localized-text.js';
import { foldForSearch } from '../../core/text/fold.js';
import * as memberships from './membership.repository.js';
import * as staff from './staff.repository.js';
import { putSetting } from './registry.repository.js';
import { insertOrganizationsWithNames } from './directory.repository.js';

export interface PersonNameInput {
  familyName: LocalizedText;
  givenName: LocalizedText;
  patronymic: LocalizedText | null;
  birthDate: DateString | null;
  gender: 'female' | 'male' | null;
}

export interface DeputyContacts {
  publicEmail: string | null;
  publicPhone: string | null;
  reception: string | null;
  /** For staff only: never published. */
  internalPhone: string | null;
}

export interface DeputyInput extends PersonNameInput {
  contacts: DeputyContacts;
  partyId: string | null;
  districtNumber: number | null;
  districtName: LocalizedText | null;
  startDate: DateString;
}

function fullName(p: PersonNameInput): LocalizedText {
  const out: LocalizedText = {};
  for (const lang of ['kk', 'ru', 'en'] as const) {
    const parts = [p.familyName[lang], p.givenName[lang], p.patronymic?.[lang]].filter(Boolean);
    if (parts.length >= 2) out[lang] = parts.join(' ');
  }
  return out;
}

function searchText(p: PersonNameInput): string {
  const name = fullName(p);
  return [...new Set([name.kk, name.ru, name.en].filter(Boolean).map((n) => foldForSearch(n!)))].join(' ');
}

function contactRows(c: DeputyContacts): (staff.ContactInput & { id: string })[] {
  const rows: (staff.ContactInput & { id: string })[] = [];
  if (c.publicEmail) rows.push({ id: newId(), type: 'email', value: c.publicEmail, is_public: true });
  if (c.publicPhone) rows.push({ id: newId(), type: 'phone', value: c.publicPhone, is_public: true });
  if (c.reception) rows.push({ id: newId(), type: 'reception', value: c.reception, is_public: true });
  if (c.internalPhone) rows.push({ id: newId(), type: 'phone', value: c.internalPhone, is_public: false });
  return rows;
}

/** Deputies on one page of the office list. */
export const deputiesPageSize = 100;

export function createStaffService(db: Db) {
  async function districtFor(trx: Db, organizationId: string, number: number | null, name: LocalizedText | null): Promise<string | null> {
    if (number === null) return null;
    const existing = await staff.findDistrict(trx, organizationId, number);
    if (existing) return existing.id;
    const id = newId();
    await memberships.insertElectoralDistricts(trx, [{ id, organization_id: organizationId, number, name, convocation_id: null }]);
    return id;
  }

  return {
    partiesToday: () => staff.listPartiesAsOf(db, todayInKazakhstan()),

    organizationBySlug: async (slug: string) => {
      const org = await staff.findOrganizationIdBySlug(db, slug);
      if (!org) throw NotFoundError();
      return org;
    },

    /** Today's deputies, a page at a time (a city maslikhat with its districts can have thousands). */
    async currentDeputies(organizationId: string, page: number) {
      const { rows, total } = await memberships.listMemberships(db, { organizationId, date: todayInKazakhstan(), roles: ['deputy', 'head'] }, { limit: deputiesPageSize, offset: (page - 1) * deputiesPageSize });
      return { rows, total, page, pages: Math.max(1, Math.ceil(total / deputiesPageSize)) };
    },

    async membership(membershipId: string, organizationId: string) {
      const m = await staff.findMembershipForEdit(db, membershipId);
      // A membership of another organisation is "not found" here: its existence is not this page's business.
      if (!m || m.organizationId !== organizationId) throw NotFoundError();
      const contacts = m.personId ? await staff.findPersonContacts(db, m.personId) : [];
      const find = (type: string, isPublic: boolean) => contacts.find((c) => c.type === type && c.isPublic === isPublic)?.value ?? null;
      return { ...m, contacts: { publicEmail: find('email', true), publicPhone: find('phone', true), reception: find('reception', true), internalPhone: find('phone', false) } satisfies DeputyContacts };
    },

    async addDeputy(organizationId: string, input: DeputyInput, context: ChangeContext): Promise<string> {
      const personId = newId();
      const membershipId = newId();
      await db.transaction().execute(async (trx) => {
        await memberships.insertPersons(trx, [
          {
            id: personId,
            name: fullName(input),
            family_name: input.familyName,
            given_name: input.givenName,
            patronymic: input.patronymic,
            birth_date: input.birthDate,
            gender: input.gender,
            search_text: searchText(input),
            source: 'entered by staff',
          },
        ]);
        const districtId = await districtFor(trx, organizationId, input.districtNumber, input.districtName);
        await memberships.insertMemberships(trx, [
          { id: membershipId, organization_id: organizationId, person_id: personId, role: 'deputy', on_behalf_of_id: input.partyId, electoral_district_id: districtId, start_date: input.startDate, source: 'entered by staff' },
        ]);
        await staff.replacePersonContacts(trx, personId, contactRows(input.contacts));
        await recordChange(trx, context, { entity: 'person', entityId: personId, action: 'created', after: { name: fullName(input), gender: input.gender, contacts: input.contacts } });
        await recordChange(trx, context, {
          entity: 'membership',
          entityId: membershipId,
          action: 'created',
          after: { organization_id: organizationId, person_id: personId, role: 'deputy', on_behalf_of_id: input.partyId, district: input.districtNumber, start_date: input.startDate },
        });
      });
      return membershipId;
    },

    async editDeputy(organizationId: string, membershipId: string, input: DeputyInput, versions: { membership: number; person: number }, context: ChangeContext) {
      const before = await this.membership(membershipId, organizationId);
      if (!before.personId) throw NotFoundError();
      await db.transaction().execute(async (trx) => {
        const personOk = await staff.updatePersonNames(trx, before.personId!, versions.person, {
          name: fullName(input),
          family_name: input.familyName,
          given_name: input.givenName,
          patronymic: input.patronymic,
          birth_date: input.birthDate,
          gender: input.gender,
          search_text: searchText(input),
        });
        const districtId = await districtFor(trx, organizationId, input.districtNumber, input.districtName);
        const membershipOk = await staff.updateMembership(trx, membershipId, versions.membership, { on_behalf_of_id: input.partyId, electoral_district_id: districtId, start_date: input.startDate });
        if (!personOk || !membershipOk) throw ConflictError();
        await staff.replacePersonContacts(trx, before.personId!, contactRows(input.contacts));
        await recordChange(trx, context, {
          entity: 'membership',
          entityId: membershipId,
          action: 'updated',
          before: { name: before.personName, on_behalf_of_id: before.onBehalfOfId, district: before.districtNumber, start_date: before.startDate },
          after: { name: fullName(input), on_behalf_of_id: input.partyId, district: input.districtNumber, start_date: input.startDate, contacts: input.contacts },
        });
      });
    },

    async endMembership(organizationId: string, membershipId: string, input: { endDate: DateString; reason: string; decisionId?: string | null }, version: number, context: ChangeContext) {
      const before = await this.membership(membershipId, organizationId);
      await db.transaction().execute(async (trx) => {
        const ok = await staff.updateMembership(trx, membershipId, version, { end_date: input.endDate, end_reason: input.reason, end_decision_id: input.decisionId ?? null });
        if (!ok) throw ConflictError();
        await recordChange(trx, context, {
          entity: 'membership',
          entityId: membershipId,
          action: 'ended',
          before: { end_date: before.endDate, end_reason: before.endReason },
          after: { end_date: input.endDate, end_reason: input.reason, end_decision_id: input.decisionId ?? null },
        });
      });
    },

    // ── Reference data kept by administrators ──

    institutions: () => staff.listInstitutions(db, todayInKazakhstan()),

    /** Which organisation's council the platform serves: a setting, audited, never a name in code. */
    async setHomeOrganization(organization: { id: string; slug: string }, previousSlug: string, context: ChangeContext) {
      await db.transaction().execute(async (trx) => {
        await putSetting(trx, 'home_organization', organization.slug);
        await recordChange(trx, context, { entity: 'setting', entityId: 'home_organization', action: 'updated', before: { value: previousSlug }, after: { value: organization.slug } });
      });
    },

    async organizationForEdit(id: string) {
      const org = await staff.findOrganizationForEdit(db, id);
      if (!org) throw NotFoundError();
      return org;
    },

    /**
     * Saves an organisation: its dates and description, and either a correction of its current name
     * or a new name from a date (the old one stays, for pages about the past).
     */
    async saveOrganization(
      id: string,
      input: { name: LocalizedText; shortName: LocalizedText | null; renamedFrom: DateString | null; foundingDate: DateString | null; dissolutionDate: DateString | null; description: LocalizedText | null },
      version: number,
      context: ChangeContext,
    ) {
      const before = await this.organizationForEdit(id);
      const current = before.names.find((n) => n.validTo === null) ?? before.names[0];
      await db.transaction().execute(async (trx) => {
        if (!(await staff.updateOrganization(trx, id, version, { founding_date: input.foundingDate, dissolution_date: input.dissolutionDate, description: input.description }))) throw ConflictError();
        if (current && input.renamedFrom) await staff.renameOrganization(trx, id, current.id, newId(), input.renamedFrom, input.name, input.shortName);
        else if (current) await staff.correctOrganizationName(trx, current.id, input.name, input.shortName);
        await recordChange(trx, context, {
          entity: 'organization',
          entityId: id,
          action: input.renamedFrom ? 'renamed' : 'updated',
          before: { name: current?.name ?? null, founding_date: before.foundingDate, dissolution_date: before.dissolutionDate, description: before.description },
          after: { name: input.name, renamed_from: input.renamedFrom, founding_date: input.foundingDate, dissolution_date: input.dissolutionDate, description: input.description },
        });
      });
    },

    // ── The Council ──

    decisions: (organizationId: string) => staff.listDecisions(db, organizationId),

    async decision(id: string, organizationId: string) {
      const d = await staff.findDecision(db, id);
      if (!d || d.organizationId !== organizationId) throw NotFoundError();
      return d;
    },

    async recordDecision(organizationId: string, input: { number: string | null; date: DateString; kind: DecisionKind; title: LocalizedText; body: LocalizedText | null }, context: ChangeContext): Promise<string> {
      const id = newId();
      await db.transaction().execute(async (trx) => {
        await memberships.insertDecision(trx, { id, organization_id: organizationId, number: input.number, decision_date: input.date, kind: input.kind, title: input.title, body: input.body });
        await recordChange(trx, context, { entity: 'decision', entityId: id, action: 'created', after: { organization_id: organizationId, number: input.number, date: input.date, kind: input.kind, title: input.title } });
      });
      return id;
    },

    /** Admits a member by a recorded decision: a person, or an organisation with its representative. */
    async admit(
      councilId: string,
      input: { decisionId: string; person: PersonNameInput | null; organization: { name: LocalizedText; classification: 'government_body' | 'institute' | 'media' | 'association' } | null; representative: PersonNameInput | null },
      context: ChangeContext,
    ): Promise<string> {
      const decision = await this.decision(input.decisionId, councilId);
      const membershipId = newId();
      await db.transaction().execute(async (trx) => {
        let personId: string | null = null;
        let memberOrganizationId: string | null = null;
        if (input.person) {
          personId = newId();
          await memberships.insertPersons(trx, [{ id: personId, name: fullName(input.person), family_name: input.person.familyName, given_name: input.person.givenName, patronymic: input.person.patronymic, search_text: searchText(input.person), source: 'entered by staff' }]);
        } else if (input.organization) {
          memberOrganizationId = newId();
          const slug = `org-${memberOrganizationId.slice(-12)}`;
          await insertOrganizationsWithNames(trx, [
            { id: memberOrganizationId, name_id: newId(), slug, classification: input.organization.classification, name: input.organization.name, short_name: null, parent_id: null, area_id: null, founding_date: null, description: null, source: 'entered by staff' },
          ]);
        }
        await memberships.insertMemberships(trx, [
          {
            id: membershipId,
            organization_id: councilId,
            person_id: personId,
            member_organization_id: memberOrganizationId,
            role: personId ? 'member' : 'collective_member',
            start_date: decision.decisionDate,
            start_decision_id: decision.id,
            source: 'entered by staff',
          },
        ]);
        if (memberOrganizationId && input.representative) {
          const repId = newId();
          await memberships.insertPersons(trx, [{ id: repId, name: fullName(input.representative), family_name: input.representative.familyName, given_name: input.representative.givenName, patronymic: input.representative.patronymic, search_text: searchText(input.representative), source: 'entered by staff' }]);
          await memberships.insertMemberships(trx, [
            { id: newId(), organization_id: councilId, person_id: repId, role: 'representative', on_behalf_of_id: memberOrganizationId, start_date: decision.decisionDate, start_decision_id: decision.id, source: 'entered by staff' },
          ]);
        }
        await staff.markDecisionApplied(trx, decision.id, context.actorAccountId);
        await recordChange(trx, context, {
          entity: 'membership',
          entityId: membershipId,
          action: 'admitted',
          after: { organization_id: councilId, person_id: personId, member_organization_id: memberOrganizationId, start_date: decision.decisionDate, start_decision_id: decision.id },
        });
      });
      return membershipId;
    },

    /** Ends a Council membership by a withdrawal decision: the decision's day is the last day. */
    async withdraw(councilId: string, membershipId: string, decisionId: string, version: number, context: ChangeContext) {
      const decision = await this.decision(decisionId, councilId);
      await this.endMembership(councilId, membershipId, { endDate: decision.decisionDate, reason: 'withdrawal', decisionId: decision.id }, version, context);
    },
  };
}

export type StaffService = ReturnType<typeof createStaffService>;
