import { DataTable, Text } from '../../../core/html/components.js';
import { usePage } from '../../../core/html/page-context.js';
import type { MaslikhatView } from '../directory.service.js';
import { AsOfForm, AsOfLine, Contacts, DateRange, DemoNotice, DemoTag, DistrictLabel, Party, PersonLink, Problems, useDatedHref, type AsOfProps } from './shared.js';
import type { RelatedLink, RelatedSection } from '../../../core/related.js';
import { RelatedSections } from '../../../core/html/related-sections.js';
import { upperFirst } from '../../../core/text/upper-first.js';

export function MaslikhatPage({
  view,
  sections = [],
  related = [],
  date,
  today,
  dateInput,
  problems,
}: { view: MaslikhatView; sections?: RelatedSection[]; related?: RelatedLink[] } & AsOfProps) {
  const page = usePage();
  const { t } = page;
  const dated = useDatedHref(date, today);
  const { maslikhat, area } = view;
  const deputyCount = view.partyList.length + view.districts.reduce((n, d) => n + d.seats.length, 0);
  return (
    <>
      <Problems problems={problems} />
      <p>
        <a href={dated('/maslikhats')}>{t('directory.maslikhat.back')}</a>
      </p>
      <h1>
        <Text value={maslikhat.name} />
      </h1>
      <AsOfLine date={date} today={today} id="maslikhat-as-of" />
      {!view.existed && (
        <div class="notice notice--info">
          <p>
            {maslikhat.foundingDate && date < maslikhat.foundingDate
              ? t('directory.maslikhat.notYet', { date: page.date(maslikhat.foundingDate) })
              : t('directory.maslikhat.ended', { date: page.date(maslikhat.dissolutionDate ?? date) })}
          </p>
        </div>
      )}
      {view.hasDemo && <DemoNotice />}

      <dl class="summary-list">
        {area && (
          <div>
            <dt>{t('directory.maslikhat.region')}</dt>
            <dd>
              <Text value={area.name} />
              {area.centre && (
                <>
                  {' '}
                  ({t('directory.maslikhat.centre', { centre: page.localize(area.centre).text })})
                </>
              )}
            </dd>
          </div>
        )}
        <div>
          <dt>{view.headTitle ? upperFirst(page.localize(view.headTitle).text) : t('directory.maslikhat.head')}</dt>
          <dd>
            {view.heads.length ? (
              view.heads.map((h, i) => (
                <span key={h.membershipId}>
                  {i > 0 && ', '}
                  <PersonLink seat={h} dated={dated} /> (<DateRange start={h.startDate} end={h.endDate} />)
                </span>
              ))
            ) : (
              <span class="hint">{t('directory.maslikhat.noHead')}</span>
            )}
          </dd>
        </div>
        {view.convocationName && (
          <div>
            <dt>{t('directory.maslikhat.convocation')}</dt>
            <dd>
              <Text value={view.convocationName} />
            </dd>
          </div>
        )}
        <div>
          <dt>{t('directory.maslikhat.deputies')}</dt>
          <dd>
            {deputyCount
              ? t('directory.maslikhat.deputyCount', { count: deputyCount, districts: view.districts.reduce((n, d) => n + d.seats.length, 0), list: view.partyList.length })
              : t('directory.maslikhat.noDeputies')}
          </dd>
        </div>
      </dl>

      <AsOfForm action={`/maslikhats/${maslikhat.slug}`} dateInput={dateInput} problems={problems} />

      <h2 id="districts">{t('directory.maslikhat.districtsTitle')}</h2>
      {view.districts.length ? (
        <DataTable describedBy="districts" columns={[t('directory.colDistrict'), t('directory.colDeputy'), t('directory.colParty'), t('directory.colContacts')]}>
          {view.districts.flatMap((d) =>
            d.seats.map((s, i) => (
              <tr key={s.membershipId}>
                {i === 0 && (
                  <th scope="row" rowSpan={d.seats.length}>
                    <DistrictLabel number={d.number} name={d.name} />
                  </th>
                )}
                <td>
                  <PersonLink seat={s} dated={dated} />
                </td>
                <td>
                  <Party name={s.onBehalfOfName} districtSeat />
                </td>
                <td>
                  <Contacts contacts={view.contacts.get(s.personId!)} />
                </td>
              </tr>
            )),
          )}
        </DataTable>
      ) : (
        <p class="hint">{t('directory.maslikhat.noDistrictDeputies')}</p>
      )}

      <h2 id="party-list">{t('directory.maslikhat.partyListTitle')}</h2>
      {view.partyList.length ? (
        <DataTable describedBy="party-list" columns={[t('directory.colDeputy'), t('directory.colParty'), t('directory.colContacts')]}>
          {view.partyList.map((s) => (
            <tr key={s.membershipId}>
              <th scope="row">
                <PersonLink seat={s} dated={dated} />
              </th>
              <td>
                <Party name={s.onBehalfOfName} districtSeat={false} />
              </td>
              <td>
                <Contacts contacts={view.contacts.get(s.personId!)} />
              </td>
            </tr>
          ))}
        </DataTable>
      ) : (
        <p class="hint">{t('directory.maslikhat.noListDeputies')}</p>
      )}

      <h2 id="commissions">{t('directory.maslikhat.commissionsTitle')}</h2>
      {view.commissions.length ? (
        view.commissions.map((c) => (
          <section key={c.id} aria-labelledby={`commission-${c.slug}`}>
            <h3 id={`commission-${c.slug}`}>
              <Text value={c.name} />
              {c.isDemo && <DemoTag />}
            </h3>
            {c.members.length ? (
              <ul>
                {c.members.map((m) => (
                  <li key={m.membershipId}>
                    <PersonLink seat={m} dated={dated} />
                    {m.role === 'head' && <> — {t('directory.maslikhat.commissionChair')}</>}
                  </li>
                ))}
              </ul>
            ) : (
              <p class="hint">{t('directory.maslikhat.noCommissionMembers')}</p>
            )}
          </section>
        ))
      ) : (
        <p class="hint">{t('directory.maslikhat.noCommissions')}</p>
      )}

      <RelatedSections sections={sections} idPrefix="hub" />

      {related.length > 0 && (
        <section aria-labelledby="related">
          <h2 id="related">{t('directory.maslikhat.related')}</h2>
          <ul>
            {related.map((link) => (
              <li key={link.href}>
                <a href={page.href(link.href)}>{t(link.messageKey, link.values)}</a>
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
