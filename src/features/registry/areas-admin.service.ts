// What an administrator changes about areas: a correction of the current name, a new name from a date,
// a population figure for a year. Every change passes the area's version check and is audited with it.
import { recordChange, type ChangeContext } from '../../core/audit/audit.js';
import type { Db } from '../../core/db/connect.js';
import type { DateString } from '../../core/db/database.js';
import { todayInKazakhstan } from '../../core/db/dated.js';
import { ConflictError, NotFoundError } from '../../core/errors.js';
import { newId } from '../../core/ids.js';
import type { LocalizedText } from '../../core/i18n/localized-text.js';
import * as repo from './areas-admin.repository.js';

export type { AdminAreaRow, AreaNameRow, PopulationRow } from './areas-admin.repository.js';

/** A top-level area (region or city of republican significance) with the units under it. */
export interface AreaTreeRow extends repo.AdminAreaRow {
  children: repo.AdminAreaRow[];
}

/** A year's figure is the one on 1 January, as the Bureau of National Statistics publishes them. */
export const populationDateOfYear = (year: number): DateString => `${String(year).padStart(4, '0')}-01-01`;

export function createAreasAdminService(db: Db) {
  return {
    /** Every area named as of today, the units under an area listed with it. */
    async areaTree(): Promise<AreaTreeRow[]> {
      const rows = await repo.listAreasForAdmin(db, todayInKazakhstan());
      const ids = new Set(rows.map((r) => r.id));
      // A unit whose parent is unknown is listed at the top rather than lost.
      const top = rows.filter((r) => !r.parentId || !ids.has(r.parentId));
      return top.map((r) => ({ ...r, children: rows.filter((c) => c.parentId === r.id) }));
    },

    async area(id: string) {
      const area = await repo.findAreaForEdit(db, id);
      if (!area) throw NotFoundError();
      const tree = await this.areaTree();
      const all = tree.flatMap((r) => [r, ...r.children]);
      const self = all.find((r) => r.id === id);
      return {
        ...area,
        /** Today's name (the latest, for an area that has ended). */
        nameToday: self?.name ?? area.names[0]?.name ?? {},
        /** The open-ended name: the one corrections change and a new name follows. */
        current: area.names.find((n) => n.validTo === null) ?? area.names[0],
        parent: area.parentId ? all.find((r) => r.id === area.parentId) : undefined,
        children: all.filter((r) => r.parentId === id),
      };
    },

    /** Corrects the current name, or (with a date) gives the area a new name from that date. */
    async saveName(id: string, input: { name: LocalizedText; renamedFrom: DateString | null }, version: number, context: ChangeContext) {
      const before = await repo.findAreaForEdit(db, id);
      if (!before) throw NotFoundError();
      const current = before.names.find((n) => n.validTo === null) ?? before.names[0];
      await db.transaction().execute(async (trx) => {
        if (!(await repo.bumpAreaVersion(trx, id, version))) throw ConflictError();
        if (current && input.renamedFrom) await repo.renameArea(trx, id, current.id, newId(), input.renamedFrom, input.name, 'entered by staff');
        else if (current) await repo.correctAreaName(trx, current.id, input.name);
        await recordChange(trx, context, {
          entity: 'area',
          entityId: id,
          action: input.renamedFrom ? 'renamed' : 'updated',
          before: { kato: before.kato, name: current?.name ?? null, valid_from: current?.validFrom ?? null },
          after: { kato: before.kato, name: input.name, renamed_from: input.renamedFrom },
        });
      });
    },

    /** Records the population on 1 January of the year, replacing a figure already recorded for that year. */
    async recordPopulation(id: string, input: { year: number; population: number; source: string }, version: number, context: ChangeContext) {
      const area = await repo.findAreaForEdit(db, id);
      if (!area) throw NotFoundError();
      const onDate = populationDateOfYear(input.year);
      await db.transaction().execute(async (trx) => {
        if (!(await repo.bumpAreaVersion(trx, id, version))) throw ConflictError();
        const previous = await repo.findPopulation(trx, id, onDate);
        await repo.putPopulation(trx, { area_id: id, on_date: onDate, population: input.population, source: input.source });
        await recordChange(trx, context, {
          entity: 'area',
          entityId: id,
          action: 'population_recorded',
          before: previous ? { kato: area.kato, on_date: onDate, population: previous.population, source: previous.source } : null,
          after: { kato: area.kato, on_date: onDate, population: input.population, source: input.source },
        });
      });
    },
  };
}

export type AreasAdminService = ReturnType<typeof createAreasAdminService>;
