// Registry test data: persons, maslikhat deputies (with districts and parties), heads, and the
// Council's collective members admitted by a decision. Built on the registry's own repository
// inserts, on top of the seeded reference data (areas, maslikhats `maslikhat-<KATO>`, the Council
// `council-senate`, parties `party-*`, convocations `maslikhats-2021` / `maslikhats-2023`).
//
//   const astana = await maslikhatId(db, '710000000');
//   const d = await createDeputy(db, { maslikhat: '710000000', person: { name: { kk: 'Мұқашев Төлеубек' } },
//     party: 'party-amanat', district: { number: 5 }, startDate: '2023-03-19' });
//   const council = await createCollectiveMembers(db, { organization: 'council-senate', admittedOn: '2020-10-21',
//     members: [{ name: { en: 'Union of Lawyers' } }] });
//
// Every function takes the test database (`t.database.db`) first and returns the new rows' ids.
import type { Db } from '../../src/core/db/connect.js';
import type { DateString, DecisionKind, MembershipRole, OrganizationClassification } from '../../src/core/db/database.js';
import { newId } from '../../src/core/ids.js';
import type { LocalizedText } from '../../src/core/i18n/localized-text.js';
import { toKazakhLatin } from '../../src/core/i18n/transliterate.js';
import { foldForSearch } from '../../src/core/text/fold.js';
import {
  insertContactDetails,
  insertElectoralDistricts,
  insertMemberships,
  insertPersons,
} from '../../src/features/registry/membership.repository.js';
import { recordDecision } from '../../src/features/registry/decisions.js';
import { insertOrganization } from '../../src/features/registry/registry.repository.js';

export type ContactType = 'email' | 'phone' | 'address' | 'website' | 'reception';

export interface ContactInput {
  type: ContactType;
  value: string;
  label?: LocalizedText;
  /** Default true: only public contact details ever reach open data. */
  isPublic?: boolean;
}

export interface PersonInput {
  /** Full name per language; a string is taken as the Kazakh (and Russian) form. Default: a unique test name. */
  name?: LocalizedText | string;
  familyName?: LocalizedText;
  givenName?: LocalizedText;
  patronymic?: LocalizedText;
  gender?: 'female' | 'male';
  /** Personal data (never in open data): set it to prove it stays out. */
  iin?: string;
  birthDate?: DateString;
  isDemo?: boolean;
  contacts?: ContactInput[];
  source?: string;
  /** A stored photo's file name ('<sha256>.webp'); the file itself is not created. */
  photoFile?: string;
}

export interface CreatedPerson {
  id: string;
  name: LocalizedText;
}

let counter = 0;
const unique = () => `${++counter}${newId().slice(-4)}`;

const asText = (name: LocalizedText | string): LocalizedText => (typeof name === 'string' ? { kk: name, ru: name } : name);

/** The folded forms of every stored spelling, as the registry keeps them for fuzzy search. */
export function searchTextFor(name: LocalizedText): string {
  const forms = [name.kk, name.kk ? toKazakhLatin(name.kk) : undefined, name.ru, name.en].filter((s): s is string => Boolean(s));
  return [...new Set(forms.map(foldForSearch))].join(' ');
}

/** The id of an organisation by its slug (e.g. 'council-senate', 'maslikhat-710000000', 'party-amanat'). */
export async function organizationId(db: Db, slug: string): Promise<string> {
  const row = await db.selectFrom('organization').select('id').where('slug', '=', slug).executeTakeFirst();
  if (!row) throw new Error(`No organisation "${slug}" in the test database`);
  return row.id;
}

/** A region-level maslikhat by the KATO of its area ('710000000' is Astana) or by its slug. */
export async function maslikhatId(db: Db, katoOrSlug: string): Promise<string> {
  return organizationId(db, /^\d{9}$/.test(katoOrSlug) ? `maslikhat-${katoOrSlug}` : katoOrSlug);
}

/** The id of an area by KATO. */
export async function areaId(db: Db, kato: string): Promise<string> {
  return (await db.selectFrom('area').select('id').where('kato', '=', kato).executeTakeFirstOrThrow()).id;
}

/** A person, with optional personal data and contact details (public unless `isPublic: false`). */
export async function createPerson(db: Db, input: PersonInput = {}): Promise<CreatedPerson> {
  const id = newId();
  const n = unique();
  const name = asText(input.name ?? { kk: `Сынақ Адам ${n}`, ru: `Тестов Тест ${n}`, en: `Test Person ${n}` });
  await insertPersons(db, [
    {
      id,
      name,
      family_name: input.familyName ?? null,
      given_name: input.givenName ?? null,
      patronymic: input.patronymic ?? null,
      gender: input.gender ?? null,
      iin: input.iin ?? null,
      birth_date: input.birthDate ?? null,
      is_demo: input.isDemo ?? false,
      search_text: searchTextFor(name),
      source: input.source ?? 'test factory',
    },
  ]);
  await addContacts(db, { personId: id }, input.contacts ?? []);
  if (input.photoFile) await db.updateTable('person').set({ photo_file: input.photoFile }).where('id', '=', id).execute();
  return { id, name };
}

/** Contact details of a person or an organisation. */
export async function addContacts(db: Db, owner: { personId?: string; organizationId?: string }, contacts: ContactInput[]): Promise<string[]> {
  const rows = contacts.map((c) => ({
    id: newId(),
    person_id: owner.personId ?? null,
    organization_id: owner.organizationId ?? null,
    type: c.type,
    value: c.value,
    label: c.label ?? null,
    is_public: c.isPublic ?? true,
  }));
  await insertContactDetails(db, rows);
  return rows.map((r) => r.id);
}

/** An organisation (an association, a department, a district maslikhat…), under a parent if given. */
export async function createOrganization(
  db: Db,
  input: {
    name: LocalizedText;
    slug?: string;
    classification?: OrganizationClassification;
    /** Slug of the parent organisation. */
    parent?: string;
    /** KATO of its area. */
    areaKato?: string;
    foundingDate?: DateString | null;
    dissolutionDate?: DateString | null;
    /** Earlier names, oldest first: each with its last day; the current name starts the day after the last one. */
    formerNames?: { name: LocalizedText; validFrom?: DateString | null; validTo: DateString }[];
    contacts?: ContactInput[];
  },
): Promise<string> {
  const id = newId();
  const former = input.formerNames ?? [];
  const dayAfter = (d: DateString) => new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  await insertOrganization(
    db,
    {
      id,
      slug: input.slug ?? `test-organization-${unique()}`,
      classification: input.classification ?? 'association',
      maslikhat_level: null,
      parent_id: input.parent ? await organizationId(db, input.parent) : null,
      area_id: input.areaKato ? await areaId(db, input.areaKato) : null,
      founding_date: input.foundingDate ?? null,
      dissolution_date: input.dissolutionDate ?? null,
      description: null,
      source: 'test factory',
    },
    [
      ...former.map((n) => ({ id: newId(), name: n.name, short_name: null, valid_from: n.validFrom ?? null, valid_to: n.validTo })),
      { id: newId(), name: input.name, short_name: null, valid_from: former.length ? dayAfter(former.at(-1)!.validTo) : (input.foundingDate ?? null), valid_to: null },
    ],
  );
  if (input.contacts?.length) await addContacts(db, { organizationId: id }, input.contacts);
  return id;
}

/** A recorded decision of an organisation (e.g. the Council admitting members). */
export async function createDecision(
  db: Db,
  input: { organization: string; date: DateString; kind?: DecisionKind; number?: string | null; title?: LocalizedText },
): Promise<string> {
  return recordDecision(db, {
    organizationId: await organizationId(db, input.organization),
    number: input.number ?? null,
    date: input.date,
    kind: input.kind ?? 'admission',
    title: input.title ?? { kk: 'Мүшелікке қабылдау туралы', ru: 'О приёме в члены', en: 'On admission to membership' },
    body: null,
  });
}

export interface DeputyInput {
  /** The maslikhat: KATO of its area ('710000000') or its slug. */
  maslikhat: string;
  /** An existing person's id, or a new person's details. */
  person?: string | PersonInput;
  /** 'deputy' (default) or 'head' (secretary / chairman, titled by date). */
  role?: Extract<MembershipRole, 'deputy' | 'head' | 'deputy_head'>;
  /** Slug of the party the deputy was elected for (membership.on_behalf_of). */
  party?: string;
  /** Single-member district: created in the maslikhat unless one with this number exists. */
  district?: { number: number; name?: LocalizedText };
  /** Slug of the convocation ('maslikhats-2021', 'maslikhats-2023'). */
  convocation?: string;
  startDate?: DateString | null;
  endDate?: DateString | null;
  isDemo?: boolean;
}

export interface CreatedDeputy {
  personId: string;
  membershipId: string;
  organizationId: string;
  districtId: string | null;
}

/** A member of a maslikhat (a deputy by default), with a person, party and district as given. */
export async function createDeputy(db: Db, input: DeputyInput): Promise<CreatedDeputy> {
  const orgId = await maslikhatId(db, input.maslikhat);
  const personId = typeof input.person === 'string' ? input.person : (await createPerson(db, input.person ?? {})).id;
  let districtId: string | null = null;
  if (input.district) {
    const existing = await db
      .selectFrom('electoral_district')
      .select('id')
      .where('organization_id', '=', orgId)
      .where('number', '=', input.district.number)
      .executeTakeFirst();
    districtId = existing?.id ?? newId();
    if (!existing) {
      await insertElectoralDistricts(db, [{ id: districtId, organization_id: orgId, number: input.district.number, name: input.district.name ?? null, convocation_id: null }]);
    }
  }
  const convocationId = input.convocation
    ? (await db.selectFrom('convocation').select('id').where('slug', '=', input.convocation).executeTakeFirstOrThrow()).id
    : null;
  const membershipId = newId();
  await insertMemberships(db, [
    {
      id: membershipId,
      organization_id: orgId,
      person_id: personId,
      role: input.role ?? 'deputy',
      on_behalf_of_id: input.party ? await organizationId(db, input.party) : null,
      electoral_district_id: districtId,
      convocation_id: convocationId,
      start_date: input.startDate === undefined ? '2023-03-19' : input.startDate,
      end_date: input.endDate ?? null,
      is_demo: input.isDemo ?? false,
      source: 'test factory',
    },
  ]);
  return { personId, membershipId, organizationId: orgId, districtId };
}

export interface CollectiveMemberInput {
  name: LocalizedText;
  slug?: string;
  classification?: OrganizationClassification;
  /** A representative who sits in the body on the member's behalf (role 'representative'). */
  representative?: PersonInput;
}

export interface CreatedCollectiveMembers {
  decisionId: string;
  organizationId: string;
  members: { organizationId: string; membershipId: string; representativeId: string | null; representativeMembershipId: string | null }[];
}

/**
 * Organisations admitted together as collective members of a body (the Council by default) by one
 * decision of that body dated `admittedOn`; their memberships start on that day.
 */
export async function createCollectiveMembers(
  db: Db,
  input: { organization?: string; admittedOn: DateString; members: CollectiveMemberInput[]; decisionNumber?: string; endDate?: DateString | null },
): Promise<CreatedCollectiveMembers> {
  const body = input.organization ?? 'council-senate';
  const bodyId = await organizationId(db, body);
  const decisionId = await createDecision(db, { organization: body, date: input.admittedOn, kind: 'admission', number: input.decisionNumber ?? null });
  const members: CreatedCollectiveMembers['members'] = [];
  for (const member of input.members) {
    const memberId = await createOrganization(db, {
      name: member.name,
      ...(member.slug ? { slug: member.slug } : {}),
      classification: member.classification ?? 'association',
    });
    const membershipId = newId();
    await insertMemberships(db, [
      {
        id: membershipId,
        organization_id: bodyId,
        member_organization_id: memberId,
        role: 'collective_member',
        start_date: input.admittedOn,
        end_date: input.endDate ?? null,
        start_decision_id: decisionId,
        source: 'test factory',
      },
    ]);
    let representativeId: string | null = null;
    let representativeMembershipId: string | null = null;
    if (member.representative) {
      representativeId = (await createPerson(db, member.representative)).id;
      representativeMembershipId = newId();
      await insertMemberships(db, [
        {
          id: representativeMembershipId,
          organization_id: bodyId,
          person_id: representativeId,
          role: 'representative',
          on_behalf_of_id: memberId,
          start_date: input.admittedOn,
          end_date: input.endDate ?? null,
          start_decision_id: decisionId,
          source: 'test factory',
        },
      ]);
    }
    members.push({ organizationId: memberId, membershipId, representativeId, representativeMembershipId });
  }
  return { decisionId, organizationId: bodyId, members };
}

/**
 * A person who is an individual member of a body (the Council by default) from a day (to a day, when
 * given), or holds one of its posts (`role: 'head'` chairs it, 'deputy_head' is a deputy chair); returns the person's id.
 */
export async function createCouncilMember(
  db: Db,
  name: LocalizedText,
  options: { from?: DateString; to?: DateString; organization?: string; role?: Extract<MembershipRole, 'member' | 'head' | 'deputy_head'>; label?: LocalizedText } = {},
): Promise<string> {
  const person = await createPerson(db, { name });
  await insertMemberships(db, [
    {
      id: newId(),
      organization_id: await organizationId(db, options.organization ?? 'council-senate'),
      person_id: person.id,
      role: options.role ?? 'member',
      label: options.label ?? null,
      start_date: options.from ?? '2020-10-21',
      end_date: options.to ?? null,
      source: 'test factory',
    },
  ]);
  return person.id;
}
