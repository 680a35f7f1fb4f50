// The one Database type: every table the product has, as Kysely sees it.
import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';
import type { LocalizedText } from '../i18n/localized-text.js';

/** A `date` column: always 'YYYY-MM-DD' strings (see value-types.ts). */
export type DateString = string;
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T> = ColumnType<T, T | string, T | string>;

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

export type OrganizationClassification = 'parliament' | 'chamber' | 'council' | 'maslikhat' | 'government_body' | 'institute' | 'media' | 'association' | 'party';
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

export interface AccountTable {
  id: string;
  email: string;
  display_name: string;
  password_hash: string | null;
  is_active: Generated<boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export type Role = 'admin' | 'secretariat' | 'council_member' | 'maslikhat_staff' | 'deputy' | 'partner';

export interface RoleGrantTable {
  id: string;
  account_id: string;
  role: Role;
  organization_id: string;
  valid_from: DateString | null;
  valid_to: DateString | null;
  created_at: Timestamp;
}

export interface Database {
  setting: SettingTable;
  area: AreaTable;
  area_name: AreaNameTable;
  area_identifier: AreaIdentifierTable;
  area_population: AreaPopulationTable;
  organization: OrganizationTable;
  organization_name: OrganizationNameTable;
  organization_succession: OrganizationSuccessionTable;
  account: AccountTable;
  role_grant: RoleGrantTable;
}

export type AreaRow = Selectable<AreaTable>;
export type OrganizationRow = Selectable<OrganizationTable>;
export type NewAccount = Insertable<AccountTable>;
