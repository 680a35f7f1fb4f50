import { DataTable, Text } from '../../../core/html/components.js';
import { usePage } from '../../../core/html/page-context.js';
import { allForms } from '../../../core/i18n/format.js';
import { languageTags, languages, type Language } from '../../../core/i18n/languages.js';
import type { MessageKey } from '../../../core/i18n/messages.js';
import type { PersonPostView, PersonView } from '../directory.service.js';
import { AsOfForm, AsOfLine, Contacts, DateRange, DemoNotice, DemoTag, DistrictLabel, Problems, useDatedHref, type AsOfProps } from './shared.js';
import { upperFirst } from '../../../core/text/upper-first.js';

const nameLabels: Record<Language, MessageKey> = {
  kk: 'directory.person.nameKk',
  'kk-latn': 'directory.person.nameKkLatn',
  ru: 'directory.person.nameRu',
  en: 'directory.person.nameEn',
};

function PostTitle({ post }: { post: PersonPostView }) {
  const { t, localize } = usePage();
  if (post.label) return <Text value={post.label} />;
  if (post.title) return <>{upperFirst(localize(post.title).text)}</>;
  return <>{t(`directory.role.${post.role}`)}</>;
}

function PostsTable({ posts, describedBy, dated }: { posts: PersonPostView[]; describedBy: string; dated: (path: string) => string }) {
  const { t } = usePage();
  return (
    <DataTable describedBy={describedBy} columns={[t('directory.colOrganization'), t('directory.colPost'), t('directory.colPartyOrDistrict'), t('directory.colDates')]}>
      {posts.map((p) => (
        <tr key={p.membershipId}>
          <th scope="row">
            {p.organizationClassification === 'maslikhat' ? (
              <a href={dated(`/maslikhats/${p.organizationSlug}`)}>
                <Text value={p.organizationName} />
              </a>
            ) : (
              <Text value={p.organizationName} />
            )}
          </th>
          <td>
            <PostTitle post={p} />
            {p.isDemo && <DemoTag />}
          </td>
          <td>
            {p.onBehalfOfName && (
              <p>
                <Text value={p.onBehalfOfName} />
              </p>
            )}
            {p.districtNumber !== null ? (
              <p>
                <DistrictLabel number={p.districtNumber} name={p.districtName} />
              </p>
            ) : p.role === 'deputy' ? (
              <p>{t('directory.partyListSeat')}</p>
            ) : null}
            {p.convocationName && (
              <p class="hint">
                <Text value={p.convocationName} />
              </p>
            )}
          </td>
          <td>
            <DateRange start={p.startDate} end={p.endDate} />
          </td>
        </tr>
      ))}
    </DataTable>
  );
}

export function DeputyPage({ view, date, today, dateInput, problems }: { view: PersonView } & AsOfProps) {
  const { t, localize } = usePage();
  const dated = useDatedHref(date, today);
  const { person } = view;
  const forms = allForms(person.name);
  return (
    <>
      <Problems problems={problems} />
      <p>
        <a href={dated('/deputies')}>{t('directory.person.back')}</a>
      </p>
      <h1>
        <Text value={person.name} />
        {person.isDemo && <DemoTag />}
      </h1>
      <AsOfLine date={date} today={today} />
      {view.hasDemo && <DemoNotice />}
      {person.photoFile && <img class="portrait" src={`/files/photos/${person.photoFile}`} alt={t('directory.person.photoAlt', { name: localize(person.name).text })} width={150} />}

      <h2>{t('directory.person.namesTitle')}</h2>
      <dl class="summary-list">
        {languages.map((l) =>
          forms[l] ? (
            <div key={l}>
              <dt>{t(nameLabels[l])}</dt>
              <dd lang={languageTags[l]}>{forms[l]}</dd>
            </div>
          ) : null,
        )}
      </dl>

      <AsOfForm action={`/deputies/${person.id}`} dateInput={dateInput} problems={problems} />

      <h2 id="current-posts">{t('directory.person.currentTitle')}</h2>
      {view.current.length ? <PostsTable posts={view.current} describedBy="current-posts" dated={dated} /> : <p class="hint">{t('directory.person.noCurrent')}</p>}

      {view.past.length > 0 && (
        <>
          <h2 id="past-posts">{t('directory.person.pastTitle')}</h2>
          <PostsTable posts={view.past} describedBy="past-posts" dated={dated} />
        </>
      )}
      {view.future.length > 0 && (
        <>
          <h2 id="future-posts">{t('directory.person.futureTitle')}</h2>
          <PostsTable posts={view.future} describedBy="future-posts" dated={dated} />
        </>
      )}

      <h2>{t('directory.person.contactsTitle')}</h2>
      <Contacts contacts={view.contacts} />
    </>
  );
}
