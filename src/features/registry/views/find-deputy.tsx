// "Find my deputy": by place (region → maslikhat → district, each step a plain GET form that works
// without JavaScript) or by name (fuzzy, any spelling).
import { DataTable, SelectField, Text, TextField } from '../../../core/html/components.js';
import { usePage } from '../../../core/html/page-context.js';
import type { LocalizedText } from '../../../core/i18n/localized-text.js';
import type { FindView, NameMatch } from '../directory.service.js';
import { nameQueryMaxLength } from '../directory.service.js';
import { AsOfLine, DistrictLabel, Party, PersonLink, Problems, useDatedHref, type AsOfProps } from './shared.js';

function NamePosts({ match, headTitle, dated }: { match: NameMatch; headTitle: LocalizedText | undefined; dated: (path: string) => string }) {
  const { t, localize } = usePage();
  if (!match.posts.length) return <span class="hint">{t('directory.find.noMaslikhatPost')}</span>;
  return (
    <>
      {match.posts.map((p, i) => (
        <span key={p.membershipId}>
          {i > 0 && '; '}
          {p.role === 'head' ? (headTitle ? localize(headTitle).text : t('directory.role.head')) : t('directory.role.deputy')}
          {', '}
          <a href={dated(`/maslikhats/${p.organizationSlug}`)}>
            <Text value={p.organizationName} />
          </a>
          {p.role === 'deputy' && (
            <>
              {', '}
              {p.districtNumber !== null ? <DistrictLabel number={p.districtNumber} name={p.districtName} /> : t('directory.partyListSeat')}
            </>
          )}
        </span>
      ))}
    </>
  );
}

export function FindDeputyPage({ view, date, today, dateInput }: { view: FindView } & AsOfProps) {
  const page = usePage();
  const { t, href, localize } = page;
  const dated = useDatedHref(date, today);
  const { input, problems, place, names } = view;
  const showMaslikhatSelect = Boolean(view.region) && view.maslikhats.length > 0;
  const dateValid = !problems.some((p) => p.field === 'date');
  const collation = page.lang === 'kk-latn' ? 'kk' : page.lang;
  return (
    <>
      <Problems problems={problems} />
      <h1>{t('directory.find.title')}</h1>
      <p class="lead">{t('directory.find.lead')}</p>
      <AsOfLine date={date} today={today} />

      {place && (
        <section aria-labelledby="place-results">
          <h2 id="place-results">
            {t('directory.find.placeResultsTitle', { maslikhat: localize(place.maslikhat.name).text })}
          </h2>
          {place.districts.length === 0 ? (
            <p>{place.districtQuery ? t('directory.find.noDistrict', { query: place.districtQuery }) : t('directory.find.noDistricts')}</p>
          ) : (
            <DataTable caption={t('directory.find.placeResultsCaption')} columns={[t('directory.colDistrict'), t('directory.colDeputy'), t('directory.colParty')]}>
              {place.districts.map((d) => (
                <tr key={d.number}>
                  <th scope="row">
                    <DistrictLabel number={d.number} name={d.name} />
                  </th>
                  <td>
                    {d.seats.length ? (
                      d.seats.map((s, i) => (
                        <span key={s.membershipId}>
                          {i > 0 && ', '}
                          <PersonLink seat={s} dated={dated} />
                        </span>
                      ))
                    ) : (
                      <span class="hint">{t('directory.find.vacant')}</span>
                    )}
                  </td>
                  <td>
                    {d.seats.map((s, i) => (
                      <span key={s.membershipId}>
                        {i > 0 && ', '}
                        <Party name={s.onBehalfOfName} districtSeat />
                      </span>
                    ))}
                  </td>
                </tr>
              ))}
            </DataTable>
          )}
          {place.partyList.length > 0 && (
            <p>
              {t('directory.find.partyListNote', { count: place.partyList.length })}{' '}
              <a href={dated(`/maslikhats/${place.maslikhat.slug}`) + '#party-list'}>{t('directory.find.partyListLink')}</a>
            </p>
          )}
        </section>
      )}

      {names && (
        <section aria-labelledby="name-results">
          <h2 id="name-results">{t('directory.find.nameResultsTitle', { query: input.q })}</h2>
          <p>{view.namesLimited ? t('directory.find.nameResultsLimited', { count: names.length }) : t('directory.find.nameResultsCount', { count: names.length })}</p>
          {names.length > 0 && (
            <ul>
              {names.map((m) => (
                <li key={m.id}>
                  <PersonLink seat={{ personId: m.id, personName: m.name, isDemo: m.isDemo }} dated={dated} /> — <NamePosts match={m} headTitle={view.headTitle} dated={dated} />
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
      <h2 id="by-place">{t('directory.find.byPlaceTitle')}</h2>
      <form class="form-narrow" action={href('/deputies')} method="get" novalidate aria-labelledby="by-place">
        <SelectField
          name="region"
          label={t('directory.find.regionLabel')}
          hint={t('directory.find.regionHint')}
          value={input.region}
          options={view.areas.map((a) => ({ value: a.kato, label: localize(a.name).text })).toSorted((a, b) => a.label.localeCompare(b.label, collation))}
          placeholder={t('directory.find.regionEmpty')}
          problems={problems}
        />
        {showMaslikhatSelect && (
          <SelectField
            name="maslikhat"
            label={t('directory.find.maslikhatLabel')}
            value={input.maslikhat || (view.maslikhats.length === 1 ? view.maslikhats[0]!.slug : '')}
            options={view.maslikhats.map((m) => ({ value: m.slug, label: localize(m.name).text }))}
            placeholder={t('directory.find.maslikhatEmpty')}
            problems={problems}
          />
        )}
        <TextField name="district" label={t('directory.find.districtLabel')} hint={t('directory.find.districtHint')} value={input.district} problems={problems} />
        <TextField name="date" label={t('directory.dateLabel')} hint={t('directory.dateHint')} value={dateInput} problems={problems} />
        <button class="button" type="submit">
          {view.region ? t('directory.find.findButton') : t('directory.find.continueButton')}
        </button>
      </form>

      <h2 id="by-name">{t('directory.find.byNameTitle')}</h2>
      <form class="form-narrow" action={href('/deputies')} method="get" novalidate aria-labelledby="by-name">
        <TextField name="q" type="search" label={t('directory.find.nameLabel')} hint={t('directory.find.nameHint', { max: nameQueryMaxLength })} value={input.q} problems={problems} />
        {dateInput && dateValid && <input type="hidden" name="date" value={dateInput} />}
        <button class="button" type="submit">
          {t('directory.find.searchButton')}
        </button>
      </form>

    </>
  );
}
