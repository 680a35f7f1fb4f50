// People and maslikhats in the search index, by name (similar spellings find them too). Every
// person has a public page (/deputies/{id}); a maslikhat its hub (/maslikhats/{slug}) and the home
// organisation its Council page. A person's region is that of the maslikhat they last sat in.
import { sql } from 'kysely';
import { organizationNameAsOf, todayInKazakhstan } from '../../core/db/dated.js';
import type { Executor } from '../../core/db/query.js';
import { documentsInLanguages, type HomeOrganization, type SearchSource } from '../../core/search/search-index.js';

export function deputySearchSource(): SearchSource {
  return {
    type: 'deputy',
    labelKey: 'search.type.deputy',
    names: true,
    tables: ['person', 'membership'],
    async documents(db: Executor, ids?: readonly string[]) {
      let query = db
        .selectFrom('person as p')
        .select(['p.id', 'p.name'])
        .select(
          sql<string | null>`(select a.kato from membership ms join organization o on o.id = ms.organization_id
             left join organization po on po.id = o.parent_id join area a on a.id = coalesce(o.area_id, po.area_id)
             where ms.person_id = p.id and o.classification = 'maslikhat' order by ms.start_date desc nulls last, ms.id limit 1)`.as('kato'),
        );
      if (ids) query = query.where('p.id', 'in', ids);
      const rows = await query.execute();
      return rows.flatMap((p) => documentsInLanguages({ subjectId: p.id, path: `/deputies/${p.id}`, regionKato: p.kato, audience: 'public' }, p.name, []));
    },
  };
}

export function organizationSearchSource(home: HomeOrganization): SearchSource {
  return {
    type: 'organization',
    labelKey: 'search.type.organization',
    names: true,
    tables: ['organization', 'organization_name', 'area'],
    async documents(db: Executor, ids?: readonly string[]) {
      const homeId = (await home.homeOrganization()).id;
      const today = todayInKazakhstan();
      let query = db
        .selectFrom('organization as o')
        .leftJoin('organization as po', 'po.id', 'o.parent_id')
        .leftJoin('area as a', (join) => join.on(sql<boolean>`a.id = coalesce(o.area_id, po.area_id)`))
        .select(['o.id', 'o.slug', 'o.description', 'a.kato'])
        .select(organizationNameAsOf('o.id', today).as('name'))
        .select(organizationNameAsOf('o.id', today, 'short_name').as('shortName'))
        .where((eb) => eb.or([eb('o.classification', '=', 'maslikhat'), eb('o.id', '=', homeId)]));
      if (ids) query = query.where('o.id', 'in', ids);
      const rows = await query.execute();
      return rows.flatMap((o) =>
        o.name
          ? documentsInLanguages({ subjectId: o.id, path: o.id === homeId ? '/council' : `/maslikhats/${o.slug}`, regionKato: o.kato, audience: 'public' }, o.name, [o.shortName, o.description])
          : [],
      );
    },
  };
}
