// What the office forms show first: a record from the staff service as the answers its form holds.
import type { StaffService } from './staff.service.js';
import type { DeputyAnswers } from './views/office/deputies.js';
import type { OrganizationAnswers } from './views/office/reference.js';

type Membership = Awaited<ReturnType<StaffService['membership']>>;
type OrganizationForEdit = Awaited<ReturnType<StaffService['organizationForEdit']>>;

/** A deputy's record as the deputy form's answers. */
export function deputyAnswers(m: Membership): DeputyAnswers {
  return {
    familyNameKk: m.familyName?.kk ?? '',
    givenNameKk: m.givenName?.kk ?? '',
    patronymicKk: m.patronymic?.kk ?? '',
    familyNameRu: m.familyName?.ru ?? '',
    givenNameRu: m.givenName?.ru ?? '',
    patronymicRu: m.patronymic?.ru ?? '',
    birthDate: m.birthDate ?? '',
    gender: m.gender ?? '',
    partyId: m.onBehalfOfId ?? '',
    districtNumber: m.districtNumber ? String(m.districtNumber) : '',
    districtName: m.districtName?.kk ?? '',
    startDate: m.startDate ?? '',
    publicEmail: m.contacts.publicEmail ?? '',
    publicPhone: m.contacts.publicPhone ?? '',
    reception: m.contacts.reception ?? '',
    internalPhone: m.contacts.internalPhone ?? '',
    membershipVersion: String(m.version),
    personVersion: String(m.personVersion ?? 1),
  };
}

/** The name an institution has now (the open one, else its first). */
export const currentName = (org: Pick<OrganizationForEdit, 'names'>) => org.names.find((n) => n.validTo === null) ?? org.names[0];

/** An institution's record as the organisation form's answers. */
export function organizationAnswers(org: OrganizationForEdit): OrganizationAnswers {
  const current = currentName(org);
  return {
    nameKk: current?.name.kk ?? '',
    nameRu: current?.name.ru ?? '',
    nameEn: current?.name.en ?? '',
    shortKk: current?.shortName?.kk ?? '',
    shortRu: current?.shortName?.ru ?? '',
    shortEn: current?.shortName?.en ?? '',
    renamedFrom: '',
    foundingDate: org.foundingDate ?? '',
    dissolutionDate: org.dissolutionDate ?? '',
    descriptionKk: org.description?.kk ?? '',
    descriptionRu: org.description?.ru ?? '',
    descriptionEn: org.description?.en ?? '',
    version: String(org.version),
  };
}
