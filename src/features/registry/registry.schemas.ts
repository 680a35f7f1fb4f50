// Request and response schemas of the registry API (they also generate the OpenAPI document).
import { z } from 'zod';

export const localizedTextSchema = z
  .object({
    kk: z.string().nullable(),
    'kk-latn': z.string().nullable().describe('Derived from kk by the 2021 Kazakh Latin alphabet'),
    ru: z.string().nullable(),
    en: z.string().nullable(),
  })
  .meta({ id: 'LocalizedText' });

export const asOfQuerySchema = z.object({
  date: z.iso
    .date({ error: 'date must be a calendar date, YYYY-MM-DD' })
    .optional()
    .describe('Show the registry as it was on this date (YYYY-MM-DD, Kazakhstan time). Default: today.'),
});

export const areaSchema = z
  .object({
    id: z.uuid(),
    kato: z.string().describe('KATO code of the unit'),
    iso_3166_2: z.string().nullable().describe('ISO 3166-2 code valid on the date'),
    classification: z.enum(['region', 'city']).describe('region (oblys) or city of republican significance'),
    name: localizedTextSchema.describe('Name valid on the date'),
    centre: localizedTextSchema.nullable(),
    time_zone: z.string().describe('IANA time zone'),
    valid_from: z.iso.date().nullable(),
    valid_to: z.iso.date().nullable().describe('Last day the unit existed (inclusive)'),
    population: z
      .object({ value: z.number().int(), date: z.iso.date(), source: z.string().nullable() })
      .nullable()
      .describe('The latest figure on or before the date, else the earliest after it'),
  })
  .meta({ id: 'Area' });

export const areaListSchema = z.object({
  date: z.iso.date(),
  count: z.number().int(),
  data: z.array(areaSchema),
});

export const areaParamsSchema = z.object({ id: z.uuid({ error: 'id must be a UUID' }) });

export const errorSchema = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      problems: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
      request_id: z.string(),
    }),
  })
  .meta({ id: 'Error' });
