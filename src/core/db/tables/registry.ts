// The registry's tables: settings, areas, organisations and their names, convocations, persons, memberships, decisions.
import type { Generated } from 'kysely';
import type { LocalizedText } from '../../i18n/localized-text.js';
import type { DateString, Json, LaterTimestamp, Timestamp } from './column-types.js';

export interface SettingTable {
  key: string;
  value: Json<unknown>;
  updated_at: Timestamp;
}

export interface AreaTable {
  id: string;
  kato: string;
  /** 'region' (oblys) or 'city' (city of republican significance). */
  classification: 'region' | 'city';
  parent_id: string | null;
  valid_from: DateString | null;
  /** Inclusive: the last day the unit existed. */
  valid_to: DateString | null;
  time_zone: string;
  centre: Json<LocalizedText> | null;
  source: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface AreaNameTable {
  id: string;
  area_id: string;
  name: Json<LocalizedText>;
  valid_from: DateString | null;
  valid_to: DateString | null;
  source: string | null;
}

export interface AreaIdentifierTable {
  id: string;
  area_id: string;
  scheme: 'iso_3166_2' | 'kato';
  identifier: string;
  valid_from: DateString | null;
  valid_to: DateString | null;
}

export interface AreaPopulationTable {
  area_id: string;
  on_date: DateString;
  population: number;
  source: string | null;
}

export const organizationClassifications = ['parliament', 'chamber', 'council', 'maslikhat', 'commission', 'government_body', 'institute', 'media', 'association', 'party'] as const;
export type OrganizationClassification = (typeof organizationClassifications)[number];
export type MaslikhatLevel = 'region' | 'city_of_republican_significance' | 'city' | 'district';

export interface OrganizationTable {
  id: string;
  /** Stable, readable key used in URLs and by the seed (e.g. 'council-senate', 'maslikhat-750000000'). */
  slug: string;
  classification: OrganizationClassification;
  maslikhat_level: MaslikhatLevel | null;
  /** The body this one sits under (the Council under the Senate; a district maslikhat under its region's). */
  parent_id: string | null;
  area_id: string | null;
  founding_date: DateString | null;
  /** Inclusive: the last day the organisation existed. */
  dissolution_date: DateString | null;
  description: Json<LocalizedText> | null;
  source: string | null;
  is_demo: Generated<boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface OrganizationNameTable {
  id: string;
  organization_id: string;
  name: Json<LocalizedText>;
  short_name: Json<LocalizedText> | null;
  valid_from: DateString | null;
  valid_to: DateString | null;
}

export interface OrganizationSuccessionTable {
  id: string;
  predecessor_id: string;
  successor_id: string;
  effective_date: DateString;
  note: Json<LocalizedText> | null;
}

export interface ConvocationTable {
  id: string;
  slug: string;
  name: Json<LocalizedText>;
  election_date: DateString | null;
  valid_from: DateString | null;
  valid_to: DateString | null;
}

export interface PersonTable {
  id: string;
  name: Json<LocalizedText>;
  family_name: Json<LocalizedText> | null;
  given_name: Json<LocalizedText> | null;
  patronymic: Json<LocalizedText> | null;
  birth_date: DateString | null;
  gender: 'female' | 'male' | null;
  /** Individual identification number: personal, internal only (see personal-data.ts). */
  iin: string | null;
  /** Content hash of the stored photo. */
  photo_file: string | null;
  is_demo: Generated<boolean>;
  /** Every form of the name folded to plain Latin, for fuzzy search (see registry search). */
  search_text: Generated<string>;
  source: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface ElectoralDistrictTable {
  id: string;
  organization_id: string;
  number: number;
  name: Json<LocalizedText> | null;
  convocation_id: string | null;
  valid_from: DateString | null;
  valid_to: DateString | null;
  is_demo: Generated<boolean>;
}

export interface ImportUploadTable {
  id: string;
  /** Whose rows: the deputies' import (registry), or a work plan's (plan). */
  kind: 'deputies' | 'plan';
  payload: Json<unknown>;
  created_at: Timestamp;
}

export type DecisionKind = 'admission' | 'withdrawal' | 'plan_adoption' | 'recommendation' | 'other';

export interface DecisionTable {
  id: string;
  organization_id: string;
  number: string | null;
  decision_date: DateString;
  kind: DecisionKind;
  title: Json<LocalizedText>;
  body: Json<LocalizedText> | null;
  meeting_id: Generated<string | null>;
  agenda_item_id: Generated<string | null>;
  votes_for: Generated<number | null>;
  votes_against: Generated<number | null>;
  votes_abstain: Generated<number | null>;
  result: Generated<'adopted' | 'rejected' | null>;
  voting: Generated<'not_started' | 'open' | 'closed'>;
  /** When the decision's effect was written to the registry (an admission's membership). */
  applied_at: LaterTimestamp;
  applied_by: Generated<string | null>;
  /** How many members an admission admits (as its text says), so the registry can tell when all are entered. */
  admissions_expected: Generated<number | null>;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}

export const membershipRoles = ['deputy', 'head', 'deputy_head', 'member', 'collective_member', 'representative', 'staff'] as const;
export type MembershipRole = (typeof membershipRoles)[number];

export interface MembershipTable {
  id: string;
  organization_id: string;
  person_id: string | null;
  member_organization_id: string | null;
  role: MembershipRole;
  label: Json<LocalizedText> | null;
  /** The party (for a deputy) or the collective member (for its representative). */
  on_behalf_of_id: string | null;
  electoral_district_id: string | null;
  convocation_id: string | null;
  start_date: DateString | null;
  /** Inclusive: the last day of the membership. */
  end_date: DateString | null;
  start_decision_id: string | null;
  end_decision_id: string | null;
  end_reason: string | null;
  is_demo: Generated<boolean>;
  source: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface ContactDetailTable {
  id: string;
  person_id: string | null;
  organization_id: string | null;
  type: 'email' | 'phone' | 'address' | 'website' | 'reception';
  value: string;
  label: Json<LocalizedText> | null;
  is_public: boolean;
}

export interface RoleTitleTable {
  id: string;
  role: string;
  organization_classification: string;
  label: Json<LocalizedText>;
  valid_from: DateString | null;
  valid_to: DateString | null;
  source: string | null;
}

export interface RegistryTables {
  setting: SettingTable;
  area: AreaTable;
  area_name: AreaNameTable;
  area_identifier: AreaIdentifierTable;
  area_population: AreaPopulationTable;
  organization: OrganizationTable;
  organization_name: OrganizationNameTable;
  organization_succession: OrganizationSuccessionTable;
  convocation: ConvocationTable;
  person: PersonTable;
  electoral_district: ElectoralDistrictTable;
  decision: DecisionTable;
  membership: MembershipTable;
  contact_detail: ContactDetailTable;
  role_title: RoleTitleTable;
  import_upload: ImportUploadTable;
}
