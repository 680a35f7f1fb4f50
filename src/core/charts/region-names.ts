// The names of the first-level units by date, in kk/ru/en (kk-latn derived), from the registry's
// reference data (reference-data/areas.json) — read once. A page that has the names staff keep in
// the database passes them to the map instead.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { localizedTextData, type LocalizedText } from '../i18n/localized-text.js';
import { referenceDataDir } from '../paths.js';

const date = z.iso.date().nullable();
const areasFile = z.object({
  areas: z.array(
    z.object({
      kato: z.string(),
      names: z.array(z.object({ valid_from: date, valid_to: date, name: localizedTextData })),
    }),
  ),
});

type DatedNames = z.infer<typeof areasFile>['areas'][number]['names'];
let areaNames: Map<string, DatedNames> | undefined;

function names(): Map<string, DatedNames> {
  areaNames ??= new Map(areasFile.parse(JSON.parse(readFileSync(path.join(referenceDataDir, 'areas.json'), 'utf8'))).areas.map((a) => [a.kato, a.names]));
  return areaNames;
}

/** A unit's name on a day (Nur-Sultan from 23 Mar 2019 to 16 Sep 2022…); the nearest one when none covers the day. */
export function regionNameOn(kato: string, asOf: string): LocalizedText | null {
  const dated = names().get(kato);
  if (!dated?.length) return null;
  const covering = dated.find((n) => (n.valid_from === null || n.valid_from <= asOf) && (n.valid_to === null || n.valid_to >= asOf));
  return (covering ?? (asOf < (dated[0]?.valid_from ?? '') ? dated[0] : dated.at(-1)))?.name ?? null;
}
