// Request and response schemas of the open-data API (/api/v1/organizations, /persons, /memberships)
// and the query strings of the downloads (/open-data/…). They also generate the OpenAPI document.
import { z } from 'zod';
import { languages } from '../../core/i18n/languages.js';
import { localizedTextSchema } from './registry.schemas.js';

export { membershipRoles, organizationClassifications } from '../../core/db/database.js';
import { membershipRoles, organizationClassifications } from '../../core/db/database.js';

const dateParam = z.iso
  .date({ error: 'date must be a calendar date, YYYY-MM-DD' })
  .optional()
  .describe('The registry as it was on this date (YYYY-MM-DD, Kazakhstan time). Default: today.');

const regionParam = z
  .string()
  .regex(/^(\d{9}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i, { error: 'region must be a KATO code (9 digits) or an area id' })
  .optional()
  .describe('A region or city of republican significance, by KATO code (e.g. 710000000) or area id: the organisations in it and those under them.');

const organizationParam = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9-]{0,99}$/, { error: 'organization must be an organisation id or slug' })
  .optional();

const pageParams = {
  page: z.coerce.number().int().min(1).max(1_000_000).default(1).describe('Page number, from 1'),
  per_page: z.coerce.number().int().min(1).max(500).default(100).describe('Items per page (1–500)'),
};

export const organizationsQuerySchema = z.object({
  date: dateParam,
  region: regionParam,
  organization: organizationParam.describe('An organisation id or slug (e.g. council-senate): it and the organisations under it.'),
  ...pageParams,
});

export const personsQuerySchema = z.object({
  date: dateParam,
  region: regionParam,
  organization: organizationParam.describe('An organisation id or slug: the persons with a membership in it on the date.'),
  q: z
    .string()
    .trim()
    .min(2)
    .max(100)
    .optional()
    .describe('Fuzzy name search in any spelling: Kazakh or Russian Cyrillic, 2021 Kazakh Latin, passport Latin (best matches first).'),
  ...pageParams,
});

export const membershipsQuerySchema = z.object({
  date: dateParam,
  region: regionParam,
  organization: organizationParam.describe('An organisation id or slug: the memberships in it.'),
  role: z.enum(membershipRoles).optional().describe('Only memberships with this role'),
  ...pageParams,
});

export const downloadQuerySchema = z.object({
  date: dateParam,
  region: regionParam,
  lang: z.enum(languages).default('kk').describe('Language of the column headers and of names that have one language only'),
});

export const popoloQuerySchema = z.object({
  date: z.iso
    .date({ error: 'date must be a calendar date, YYYY-MM-DD' })
    .optional()
    .describe('Only what existed on this date. Default: everything, with its dates.'),
  lang: z.enum(languages).default('kk').describe('Language of the primary names; the other languages are in other_names'),
});

const contactDetailSchema = z
  .object({
    type: z.enum(['email', 'phone', 'address', 'website', 'reception']),
    value: z.string(),
    label: localizedTextSchema.nullable(),
  })
  .meta({ id: 'ContactDetail', description: 'A public contact detail (internal ones are never published)' });

const organizationRefSchema = z
  .object({
    id: z.uuid(),
    slug: z.string(),
    classification: z.enum(organizationClassifications),
    name: localizedTextSchema.nullable().describe('Name valid on the date'),
  })
  .meta({ id: 'OrganizationRef' });

export const openOrganizationSchema = z
  .object({
    id: z.uuid(),
    slug: z.string().describe('Stable readable key'),
    name: localizedTextSchema.nullable().describe('Name valid on the date'),
    short_name: localizedTextSchema.nullable(),
    classification: z.enum(organizationClassifications),
    maslikhat_level: z.enum(['region', 'city_of_republican_significance', 'city', 'district']).nullable(),
    parent_id: z.uuid().nullable().describe('The organisation this one sits under'),
    area_id: z.uuid().nullable(),
    area_kato: z.string().nullable(),
    founding_date: z.iso.date().nullable(),
    dissolution_date: z.iso.date().nullable().describe('Last day the organisation existed (inclusive)'),
    description: localizedTextSchema.nullable(),
    contact_details: z.array(contactDetailSchema),
  })
  .meta({ id: 'OpenOrganization' });

export const openPersonSchema = z
  .object({
    id: z.uuid(),
    name: localizedTextSchema,
    family_name: localizedTextSchema.nullable(),
    given_name: localizedTextSchema.nullable(),
    patronymic: localizedTextSchema.nullable(),
    gender: z.enum(['female', 'male']).nullable(),
    photo_url: z.string().nullable().describe('Path of the published photo (WebP), relative to this site'),
    is_demo: z.boolean().describe('True for demonstration records: drop them for real use'),
    contact_details: z.array(contactDetailSchema),
  })
  .meta({ id: 'OpenPerson' });

export const openMembershipSchema = z
  .object({
    id: z.uuid(),
    organization: organizationRefSchema,
    person: z.object({ id: z.uuid(), name: localizedTextSchema }).nullable().describe('The member, when a person'),
    member_organization: organizationRefSchema.nullable().describe('The member, when an organisation (a collective member)'),
    role: z.enum(membershipRoles),
    label: localizedTextSchema.nullable().describe('The title of the role on the date (e.g. secretary or chairman of a maslikhat)'),
    on_behalf_of: organizationRefSchema.nullable().describe('The party of a deputy, or the collective member a representative sits for'),
    electoral_district: z.object({ number: z.number().int(), name: localizedTextSchema.nullable() }).nullable(),
    convocation: z.object({ id: z.uuid(), slug: z.string(), name: localizedTextSchema }).nullable(),
    area: z.object({ id: z.uuid(), kato: z.string(), name: localizedTextSchema.nullable() }).nullable().describe("The organisation's area (or its parent's)"),
    start_date: z.iso.date().nullable(),
    end_date: z.iso.date().nullable().describe('Last day of the membership (inclusive)'),
    end_reason: z.string().nullable(),
    start_decision_id: z.uuid().nullable().describe('The decision that admitted the member'),
    end_decision_id: z.uuid().nullable(),
    is_demo: z.boolean().describe('True for demonstration records: drop them for real use'),
  })
  .meta({ id: 'OpenMembership' });

const pageLinksSchema = z.object({
  self: z.string(),
  next: z.string().nullable(),
  prev: z.string().nullable(),
});

function pageOf<T extends z.ZodType>(item: T) {
  return z.object({
    date: z.iso.date(),
    page: z.number().int(),
    per_page: z.number().int(),
    total: z.number().int(),
    links: pageLinksSchema,
    data: z.array(item),
  });
}

export const organizationPageSchema = pageOf(openOrganizationSchema);
export const personPageSchema = pageOf(openPersonSchema);
export const membershipPageSchema = pageOf(openMembershipSchema);

export type OpenOrganization = z.infer<typeof openOrganizationSchema>;
export type OpenPerson = z.infer<typeof openPersonSchema>;
export type OpenMembership = z.infer<typeof openMembershipSchema>;
export type ContactDetail = z.infer<typeof contactDetailSchema>;
