// What staff change in the registry: a maslikhat's deputies (its own staff) and the Council's members
// and decisions (the secretariat). Every change is audited inside its transaction, with a version check.
import { recordChange, type ChangeContext } from '../../core/audit/audit.js';
import type { Db } from '../../core/db/connect.js';
import type { DateString, DecisionKind } from '../../core/db/database.js';
import { todayInKazakhstan } from '../../core/db/dated.js';
import { pageWindow } from '../../core/db/query.js';
import { ConflictError, NotFoundError } from '../../core/errors.js';
import { newId } from '../../core/ids.js';
import type { LocalizedText } from '../../core/i18n/localized-text.js';
import { foldForSearch } from '../../core/text/fold.js';
import { recordDecision as writeDecision } from './decisions.js';
import * as memberships from './membership.repository.js';
import * as staff from './staff.repository.js';
import { putSetting } from './registry.repository.js';
import { findPerson, insertOrganizationsWithNames, searchPersons } from './directory.repository.js';

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

/** A person's name columns as staff enter them: the parts, the full name in each language and the folded search text. */
function personColumns(p: PersonNameInput) {
  return { name: fullName(p), family_name: p.familyName, given_name: p.givenName, patronymic: p.patronymic, birth_date: p.birthDate, gender: p.gender, search_text: searchText(p) };
}

function contactRows(c: DeputyContacts): (staff.ContactInput & { id: string })[] {
  const rows: (staff.ContactInput & { id: string })[] = [];
  if (c.publicEmail) rows.push({ id: newId(), type: 'email', value: c.publicEmail, is_public: true });
  if (c.publicPhone) rows.push({ id: newId(), type: 'phone', value: c.publicPhone, is_public: true });
  if (c.reception) rows.push({ id: newId(), type: 'reception', value: c.reception, is_public: true });
  if (c.internalPhone) rows.push({ id: newId(), type: 'phone', value: c.internalPhone, is_public: false });
  return rows;
}

/** Why the registry refused a change to the Council: shown at the form's field, with what the person needs to know. */
export type CouncilProblem =
  /** The decision admits a known number of members and all are entered. */
  | 'admission_complete'
  /** The organisation or person is a member already on the decision's day (by another decision). */
  | 'already_member'
  /** A post overlaps another: the chair's with another chair's, or the same person's. */
  | 'post_overlaps'
  | 'person_unknown'
  | 'end_before_start';

export class CouncilError extends Error {
  constructor(
    readonly reason: CouncilProblem,
    readonly values: Record<string, string | number> = {},
  ) {
    super(reason);
  }
}

/** An admission decision and who has been entered under it: "1 of 3 entered". */
export interface AdmissionProgress extends memberships.AdmissionDecisionRecord {
  entered: memberships.AdmittedRecord[];
  /** True when the decision says how many it admits and that many are entered. */
  complete: boolean;
}

const sameName = (a: LocalizedText | null, b: LocalizedText) =>
  (['kk', 'ru'] as const).some((lang) => Boolean(a?.[lang] && b[lang]) && memberships.foldName(a![lang]) === memberships.foldName(b[lang]));

export async function admissionProgress(db: Db, filter: Parameters<typeof memberships.listAdmissionDecisions>[1]): Promise<AdmissionProgress[]> {
  const decisions = await memberships.listAdmissionDecisions(db, filter);
  const admitted = await memberships.listAdmitted(
    db,
    decisions.map((d) => d.id),
  );
  return decisions.map((d) => {
    const entered = admitted.filter((a) => a.decisionId === d.id);
    return { ...d, entered, complete: d.admissionsExpected !== null && entered.length >= d.admissionsExpected };
  });
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
      return memberships.listMemberships(db, { organizationId, date: todayInKazakhstan(), roles: ['deputy', 'head'] }, pageWindow(page, deputiesPageSize));
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
        await memberships.insertPersons(trx, [{ id: personId, ...personColumns(input), source: 'entered by staff' }]);
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

    /** A deputy's new photo (already re-encoded and stored as photoFile), with its audit entry, in one transaction. */
    async changeDeputyPhoto(organizationId: string, membershipId: string, photoFile: string, context: ChangeContext): Promise<void> {
      const { personId } = await this.membership(membershipId, organizationId);
      if (!personId) throw NotFoundError();
      await db.transaction().execute(async (trx) => {
        const before = await staff.setPersonPhoto(trx, personId, photoFile);
        await recordChange(trx, context, { entity: 'person', entityId: personId, action: 'photo_changed', before: { photo_file: before }, after: { photo_file: photoFile } });
      });
    },

    async editDeputy(organizationId: string, membershipId: string, input: DeputyInput, versions: { membership: number; person: number }, context: ChangeContext) {
      const before = await this.membership(membershipId, organizationId);
      if (!before.personId) throw NotFoundError();
      await db.transaction().execute(async (trx) => {
        const personOk = await staff.updatePersonNames(trx, before.personId!, versions.person, personColumns(input));
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

    async recordDecision(
      organizationId: string,
      input: { number: string | null; date: DateString; kind: DecisionKind; title: LocalizedText; body: LocalizedText | null; admissionsExpected?: number | null },
      context: ChangeContext,
    ): Promise<string> {
      const admissionsExpected = input.kind === 'admission' ? (input.admissionsExpected ?? null) : null;
      return db.transaction().execute(async (trx) => {
        const id = await writeDecision(trx, { organizationId, ...input });
        await recordChange(trx, context, {
          entity: 'decision',
          entityId: id,
          action: 'created',
          after: { organization_id: organizationId, number: input.number, date: input.date, kind: input.kind, title: input.title, admissions_expected: admissionsExpected },
        });
        return id;
      });
    },

    /** The Council's admission decisions with who has been entered under each (latest first). */
    admissions: (councilId: string) => admissionProgress(db, { organizationId: councilId }),

    /**
     * Admits a member by a recorded decision: a person, or an organisation with its representative.
     * Idempotent: the same member submitted again under the same decision (a second submit, a double
     * click, two screens at once) is the membership entered the first time, nothing new. An
     * organisation already in the registry under that name is admitted as itself, not copied.
     */
    async admit(
      councilId: string,
      input: { decisionId: string; person: PersonNameInput | null; organization: { name: LocalizedText; classification: 'government_body' | 'institute' | 'media' | 'association' } | null; representative: PersonNameInput | null },
      context: ChangeContext,
    ): Promise<{ membershipId: string; created: boolean }> {
      const decision = await this.decision(input.decisionId, councilId);
      const name = input.person ? fullName(input.person) : input.organization?.name;
      if (!name) throw new Error('admit: a person or an organisation is needed');
      return db.transaction().execute(async (trx) => {
        await memberships.lockDecision(trx, decision.id);
        const [progress] = await admissionProgress(trx, { ids: [decision.id] });
        const entered = progress?.entered ?? [];
        const again = entered.find((e) => (input.person ? e.personId !== null : e.memberOrganizationId !== null) && sameName(e.name, name));
        if (again) return { membershipId: again.membershipId, created: false };
        if (progress?.complete) throw new CouncilError('admission_complete', { count: entered.length });

        let personId: string | null = null;
        let memberOrganizationId: string | null = null;
        let organizationCreated = false;
        if (input.person) {
          personId = newId();
          await memberships.insertPersons(trx, [{ id: personId, ...personColumns(input.person), source: 'entered by staff' }]);
        } else if (input.organization) {
          const [known] = await memberships.findOrganizationsByName(trx, [input.organization.name.kk ?? '', input.organization.name.ru ?? '']);
          if (known) {
            const current = await memberships.findCurrentMemberships(trx, councilId, { memberOrganizationId: known.id }, decision.decisionDate);
            if (current.length) throw new CouncilError('already_member', { date: current[0]!.startDate ?? '' });
            memberOrganizationId = known.id;
          } else {
            memberOrganizationId = newId();
            organizationCreated = true;
            const slug = `org-${memberOrganizationId.slice(-12)}`;
            await insertOrganizationsWithNames(trx, [
              { id: memberOrganizationId, name_id: newId(), slug, classification: input.organization.classification, name: input.organization.name, short_name: null, parent_id: null, area_id: null, founding_date: null, description: null, source: 'entered by staff' },
            ]);
          }
        }
        const membershipId = newId();
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
          await memberships.insertPersons(trx, [{ id: repId, ...personColumns(input.representative), source: 'entered by staff' }]);
          await memberships.insertMemberships(trx, [
            { id: newId(), organization_id: councilId, person_id: repId, role: 'representative', on_behalf_of_id: memberOrganizationId, start_date: decision.decisionDate, start_decision_id: decision.id, source: 'entered by staff' },
          ]);
        }
        await staff.markDecisionApplied(trx, decision.id, context.actorAccountId);
        await recordChange(trx, context, {
          entity: 'membership',
          entityId: membershipId,
          action: 'admitted',
          after: { organization_id: councilId, person_id: personId, member_organization_id: memberOrganizationId, organization_created: organizationCreated, name, start_date: decision.decisionDate, start_decision_id: decision.id },
        });
        return { membershipId, created: true };
      });
    },

    // ── The Council's posts: its chair and deputy chairs, dated, each held by a person ──

    posts: (councilId: string) => memberships.listPosts(db, councilId),

    /** People in the registry whose names resemble the query (any spelling), to name one to a post. */
    async findPersons(query: string): Promise<{ id: string; name: LocalizedText }[]> {
      const folded = foldForSearch(query);
      if (folded.length < 2) return [];
      return (await searchPersons(db, folded, 0.5, 20)).map((p) => ({ id: p.id, name: p.name }));
    },

    /**
     * Names a person to a post of the Council from a day (to a day, when known): someone already in
     * the registry, or a new person. The Council has one chair at a time; a person holds one post at a time.
     */
    async appointToPost(
      councilId: string,
      input: { role: memberships.PostRole; personId: string | null; newPerson: PersonNameInput | null; label: LocalizedText | null; startDate: DateString; endDate: DateString | null },
      context: ChangeContext,
    ): Promise<string> {
      if (input.personId && !(await findPerson(db, input.personId))) throw new CouncilError('person_unknown');
      if (!input.personId && !input.newPerson) throw new CouncilError('person_unknown');
      if (input.endDate && input.endDate < input.startDate) throw new CouncilError('end_before_start');
      const membershipId = newId();
      await db.transaction().execute(async (trx) => {
        // The Council's row lock: two appointments at once are checked one after the other.
        await trx.selectFrom('organization').select('id').where('id', '=', councilId).forUpdate().execute();
        const [clash] = await memberships.findOverlappingPosts(trx, councilId, { role: input.role, personId: input.personId, start: input.startDate, end: input.endDate });
        if (clash) {
          const name = clash.personName?.kk ?? clash.personName?.ru ?? clash.personName?.en ?? '';
          throw new CouncilError('post_overlaps', { name, role: clash.role, start: clash.startDate ?? '…', end: clash.endDate ?? '', open: clash.endDate ? 'no' : 'yes' });
        }
        let personId = input.personId;
        if (!personId && input.newPerson) {
          personId = newId();
          const p = input.newPerson;
          await memberships.insertPersons(trx, [{ id: personId, ...personColumns(p), source: 'entered by staff' }]);
          await recordChange(trx, context, { entity: 'person', entityId: personId, action: 'created', after: { name: fullName(p), gender: p.gender } });
        }
        await memberships.insertMemberships(trx, [
          { id: membershipId, organization_id: councilId, person_id: personId, role: input.role, label: input.label, start_date: input.startDate, end_date: input.endDate, source: 'entered by staff' },
        ]);
        await recordChange(trx, context, {
          entity: 'membership',
          entityId: membershipId,
          action: 'appointed',
          after: { organization_id: councilId, person_id: personId, role: input.role, label: input.label, start_date: input.startDate, end_date: input.endDate },
        });
      });
      return membershipId;
    },

    async post(councilId: string, membershipId: string) {
      const m = await staff.findMembershipForEdit(db, membershipId);
      if (!m || m.organizationId !== councilId || (m.role !== 'head' && m.role !== 'deputy_head')) throw NotFoundError();
      return m;
    },

    /** Ends a post on a day (inclusive): the holder's term is over. A stale form is a conflict. */
    async endPost(councilId: string, membershipId: string, endDate: DateString, version: number, context: ChangeContext) {
      const before = await this.post(councilId, membershipId);
      if (before.startDate && endDate < before.startDate) throw new CouncilError('end_before_start', { date: before.startDate });
      await db.transaction().execute(async (trx) => {
        if (!(await staff.updateMembership(trx, membershipId, version, { end_date: endDate, end_reason: 'term_ended' }))) throw ConflictError();
        await recordChange(trx, context, { entity: 'membership', entityId: membershipId, action: 'ended', before: { end_date: before.endDate, end_reason: before.endReason }, after: { end_date: endDate, end_reason: 'term_ended' } });
      });
    },

    /** Ends a Council membership by a withdrawal decision: the decision's day is the last day. */
    async withdraw(councilId: string, membershipId: string, decisionId: string, version: number, context: ChangeContext) {
      const decision = await this.decision(decisionId, councilId);
      await this.endMembership(councilId, membershipId, { endDate: decision.decisionDate, reason: 'withdrawal', decisionId: decision.id }, version, context);
    },
  };
}

export type StaffService = ReturnType<typeof createStaffService>;

/** The records the office views show, as this service returns them (views never import the repository). */
export type { MembershipRecord, PostRecord } from './membership.repository.js';
