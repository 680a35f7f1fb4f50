// The outreach office pages: the list of events in the visitor's scope (filters, pages), choosing a
// maslikhat, the event form (phone-sized, works without JavaScript), and an event's page with its
// photos, the link to change it and the button to delete it.
import type { FieldProblem } from '../../../core/errors.js';
import { CheckboxesField, DataTable, ErrorSummary, FileField, Form, Notice, Pagination, RadioField, Recorded, SelectField, Text, TextAreaField, TextField } from '../../../core/html/components.js';
import { usePage } from '../../../core/html/page-context.js';
import { RelatedSections } from '../../../core/html/related-sections.js';
import type { RelatedSection } from '../../../core/related.js';
import { outreachEventKinds, outreachTopicKinds, type OutreachEventKind } from '../../../core/db/database.js';
import type { LocalizedText } from '../../../core/i18n/localized-text.js';
import type { MessageKey } from '../../../core/i18n/messages.js';
import { audienceFields, maxPhotosPerEvent, type AudienceField, type EventAnswers, type EventLists } from '../outreach.forms.js';
import type { EventListRow, TopicRow } from '../outreach.service.js';
import { EventFiles, type EventFileView } from './event-files.js';

export const kindKeys: Record<OutreachEventKind, MessageKey> = {
  meeting_with_voters: 'outreach.kind.meeting_with_voters',
  reception: 'outreach.kind.reception',
  visit: 'outreach.kind.visit',
  media: 'outreach.kind.media',
  online: 'outreach.kind.online',
};

const topicKindKeys: Record<(typeof outreachTopicKinds)[number], MessageKey> = {
  address_priority: 'outreach.topicKind.address_priority',
  state_programme: 'outreach.topicKind.state_programme',
  law: 'outreach.topicKind.law',
  other: 'outreach.topicKind.other',
};

const audienceKeys: Record<AudienceField, MessageKey> = {
  audienceYouth: 'outreach.audience.youth',
  audienceElderly: 'outreach.audience.elderly',
  audienceEntrepreneurs: 'outreach.audience.entrepreneurs',
  audienceWomen: 'outreach.audience.women',
  audienceOther: 'outreach.audience.other',
};

interface Named {
  id: string;
  name: LocalizedText | null;
}


export interface ListFilters {
  kind: string;
  from: string;
  to: string;
  region: string;
}

export function EventListPage({
  rows,
  page,
  pages,
  total,
  filters,
  regions,
  canLog,
  canManageTopics,
  pageHref,
}: {
  canManageTopics: boolean;
  rows: EventListRow[];
  page: number;
  pages: number;
  total: number;
  filters: ListFilters;
  regions: { kato: string; name: LocalizedText | null }[] | null;
  canLog: boolean;
  pageHref: (page: number) => string;
}) {
  const { t, href, dateTime, number, localize } = usePage();
  const now = new Date();
  return (
    <>
      <h1>{t('outreach.officeTitle')}</h1>
      <p>{t('outreach.officeLead')}</p>
      {canLog && (
        <p>
          <a class="button" href={href('/office/outreach/new')}>
            {t('outreach.logEvent')}
          </a>
        </p>
      )}
      {canManageTopics && (
        <p>
          <a href={href('/office/outreach/topics')}>{t('outreach.topics.link')}</a>
        </p>
      )}
      <Form action={href('/office/outreach')} method="get">
        <SelectField name="kind" label={t('outreach.kindLabel')} value={filters.kind} placeholder={t('outreach.anyKind')} options={outreachEventKinds.map((k) => ({ value: k, label: t(kindKeys[k]) }))} />
        <TextField name="from" type="date" label={t('outreach.fromLabel')} value={filters.from} />
        <TextField name="to" type="date" label={t('outreach.toLabel')} value={filters.to} />
        {regions && <SelectField name="region" label={t('outreach.regionLabel')} value={filters.region} placeholder={t('outreach.anyRegion')} options={regions.map((r) => ({ value: r.kato, label: localize(r.name).text }))} />}
        <button class="button button--secondary" type="submit">
          {t('outreach.filter')}
        </button>
      </Form>
      <p>{t('outreach.found', { count: total })}</p>
      {rows.length > 0 && (
        <DataTable caption={t('outreach.listCaption')} columns={[t('outreach.colWhen'), t('outreach.kindLabel'), t('outreach.colMaslikhat'), t('outreach.colPlace'), { label: t('outreach.colAudience'), numeric: true }, t('outreach.colStanding')]}>
          {rows.map((r) => (
            <tr key={r.id}>
              <th scope="row">
                <a href={href(`/office/outreach/${r.id}`)}>{dateTime(r.startsAt, r.timeZone)}</a>
              </th>
              <td>{t(kindKeys[r.kind])}</td>
              <td>
                <Text value={r.organizationName} />
              </td>
              <td>
                <Recorded text={r.settlement} />
              </td>
              <td class="numeric">{r.audienceTotal === null ? '—' : number(r.audienceTotal)}</td>
              <td>
                {t(r.startsAt > now ? 'outreach.planned' : 'outreach.held')}, {t(r.public ? 'outreach.public' : 'outreach.internal')}
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      <Pagination page={page} pages={pages} pageHref={pageHref} />
    </>
  );
}

export function ChooseMaslikhatPage({ maslikhats }: { maslikhats: { slug: string; name: LocalizedText | null }[] }) {
  const { t, href } = usePage();
  return (
    <>
      <p>
        <a href={href('/office/outreach')}>{t('outreach.backToList')}</a>
      </p>
      <h1>{t('outreach.chooseMaslikhat')}</h1>
      <ul>
        {maslikhats.map((m) => (
          <li key={m.slug}>
            <a href={href(`/office/maslikhats/${m.slug}/outreach/new`)}>
              <Text value={m.name} />
            </a>
          </li>
        ))}
      </ul>
    </>
  );
}

export interface FormChoices {
  deputies: Named[];
  topics: TopicRow[];
  districts: { id: string; name: LocalizedText | null }[];
}

export function EventFormPage({
  action,
  backHref,
  maslikhatName,
  timeZone,
  editing,
  answers,
  lists,
  choices,
  problems,
  conflict,
  importHref,
}: {
  importHref?: string | undefined;
  action: string;
  backHref: string;
  maslikhatName: LocalizedText | null;
  timeZone: string;
  editing: boolean;
  answers: EventAnswers;
  lists: EventLists;
  choices: FormChoices;
  problems: FieldProblem[];
  conflict: boolean;
}) {
  const { t, localize } = usePage();
  return (
    <>
      <ErrorSummary problems={problems} />
      <p>
        <a href={backHref}>{t('outreach.back')}</a>
      </p>
      <h1>{t(editing ? 'outreach.editTitle' : 'outreach.newTitle')}</h1>
      <p class="lead">
        <Text value={maslikhatName} />
      </p>
      {conflict && (
        <Notice kind="warning">
          <p>{t('outreach.conflictNotice')}</p>
        </Notice>
      )}
      {importHref && (
        <p>
          <a href={importHref}>{t('outreach.import.link')}</a>
        </p>
      )}
      <Form action={action}>
        <input type="hidden" name="version" value={answers.version} />
        <RadioField name="kind" label={t('outreach.kindLabel')} value={answers.kind} options={outreachEventKinds.map((k) => ({ value: k, label: t(kindKeys[k]) }))} problems={problems} />
        <TextField name="date" type="date" label={t('outreach.dateLabel')} hint={t('outreach.dateHint')} value={answers.date} problems={problems} />
        <TextField name="time" label={t('outreach.timeLabel')} hint={t('outreach.timeHint', { zone: timeZone })} value={answers.time} problems={problems} />
        <TextField name="endTime" label={t('outreach.endTimeLabel')} hint={t('outreach.endTimeHint')} value={answers.endTime} problems={problems} />
        {choices.districts.length > 0 && (
          <SelectField name="districtId" label={t('outreach.districtLabel')} value={answers.districtId} placeholder={t('outreach.noDistrict')} options={choices.districts.map((d) => ({ value: d.id, label: localize(d.name).text }))} problems={problems} />
        )}
        <TextField name="settlement" label={t('outreach.settlementLabel')} hint={t('outreach.settlementHint')} value={answers.settlement} problems={problems} />
        <TextField name="address" label={t('outreach.addressLabel')} value={answers.address} problems={problems} />
        <CheckboxesField
          name="deputies"
          label={t('outreach.deputiesLabel')}
          hint={t('outreach.deputiesHint')}
          values={lists.deputies}
          options={choices.deputies.map((d) => ({ value: d.id, label: localize(d.name).text }))}
          problems={problems}
        />
        <CheckboxesField name="topics" label={t('outreach.topicsLabel')} values={lists.topics} options={choices.topics.map((tp) => ({ value: tp.id, label: `${localize(tp.title).text} (${t(topicKindKeys[tp.kind])})` }))} problems={problems} />
        <TextField name="tags" label={t('outreach.tagsLabel')} hint={t('outreach.tagsHint')} value={answers.tags} problems={problems} />
        <TextField name="audienceTotal" label={t('outreach.audienceTotalLabel')} hint={t('outreach.audienceTotalHint')} value={answers.audienceTotal} problems={problems} />
        <details open={audienceFields.some((f) => answers[f] !== '' || problems.some((p) => p.field === f))}>
          <summary>{t('outreach.breakdownTitle')}</summary>
          {audienceFields.map((f) => (
            <TextField key={f} name={f} label={t(audienceKeys[f])} value={answers[f]} problems={problems} />
          ))}
        </details>
        <TextAreaField name="summary" label={t('outreach.summaryLabel')} hint={t('outreach.summaryHint', { limit: 5000 })} value={answers.summary} rows={6} problems={problems} />
        <SelectField
          name="summaryLanguage"
          label={t('outreach.summaryLanguageLabel')}
          value={answers.summaryLanguage}
          options={[
            { value: 'kk', label: t('outreach.language.kk') },
            { value: 'ru', label: t('outreach.language.ru') },
            { value: 'en', label: t('outreach.language.en') },
          ]}
          problems={problems}
        />
        <div class="form-group">
          <div class="radio">
            <input type="checkbox" id="field-public" name="public" value="1" checked={answers.public === '1'} aria-describedby="field-public-hint" />
            <label for="field-public">{t('outreach.publicLabel')}</label>
          </div>
          <p class="hint" id="field-public-hint">
            {t('outreach.publicMailHint')}
          </p>
        </div>
        <button class="button" type="submit">
          {t(editing ? 'outreach.save' : 'outreach.logEvent')}
        </button>
      </Form>
    </>
  );
}

export interface EventView {
  id: string;
  organizationName: LocalizedText | null;
  regionName: LocalizedText | null;
  districtName: LocalizedText | null;
  kind: OutreachEventKind;
  startsAt: Date;
  endsAt: Date | null;
  timeZone: string;
  settlement: string | null;
  address: string | null;
  tags: string[];
  audienceTotal: number | null;
  audienceYouth: number | null;
  audienceElderly: number | null;
  audienceEntrepreneurs: number | null;
  audienceWomen: number | null;
  audienceOther: number | null;
  summary: string | null;
  summaryLanguage: 'kk' | 'ru' | 'en' | null;
  public: boolean;
  isDemo: boolean;
  version: number;
  deputies: { personId: string; name: LocalizedText }[];
  topics: { id: string; title: LocalizedText }[];
  photos: { id: string; fileName: string; altText: string }[];
  files: EventFileView[];
}

export function EventPage({ event, canChange, photoProblems, saved, related }: { event: EventView; canChange: boolean; photoProblems: FieldProblem[]; saved: boolean; related: RelatedSection[] }) {
  const { t, href, dateTime, number } = usePage();
  const breakdown = (
    [
      ['audienceYouth', event.audienceYouth],
      ['audienceElderly', event.audienceElderly],
      ['audienceEntrepreneurs', event.audienceEntrepreneurs],
      ['audienceWomen', event.audienceWomen],
      ['audienceOther', event.audienceOther],
    ] as const
  ).filter(([, n]) => n !== null);
  const planned = event.startsAt > new Date();
  return (
    <>
      <ErrorSummary problems={photoProblems} />
      <p>
        <a href={href('/office/outreach')}>{t('outreach.backToList')}</a>
      </p>
      {saved && (
        <Notice kind="success">
          <p>{t('outreach.savedNotice')}</p>
        </Notice>
      )}
      <h1>
        {t(kindKeys[event.kind])}: {dateTime(event.startsAt, event.timeZone)}
      </h1>
      <dl class="summary-list">
        <dt>{t('outreach.colMaslikhat')}</dt>
        <dd>
          <Text value={event.organizationName} />
        </dd>
        <dt>{t('outreach.colStanding')}</dt>
        <dd>
          {t(planned ? 'outreach.planned' : 'outreach.held')}, {t(event.public ? 'outreach.public' : 'outreach.internal')}
          {event.isDemo && <> ({t('outreach.demo')})</>}
        </dd>
        {event.endsAt && (
          <>
            <dt>{t('outreach.endTimeLabel')}</dt>
            <dd>{dateTime(event.endsAt, event.timeZone)}</dd>
          </>
        )}
        <dt>{t('outreach.colPlace')}</dt>
        <dd>
          {[event.regionName, event.districtName].filter(Boolean).map((n, i) => (
            <span key={i}>
              <Text value={n} />,{' '}
            </span>
          ))}
          <Recorded text={[event.settlement, event.address].filter(Boolean).join(', ') || '—'} />
        </dd>
        <dt>{t('outreach.deputiesLabel')}</dt>
        <dd>
          {event.deputies.length ? (
            <ul>
              {event.deputies.map((d) => (
                <li key={d.personId}>
                  <Text value={d.name} />
                </li>
              ))}
            </ul>
          ) : (
            t('outreach.noDeputies')
          )}
        </dd>
        <dt>{t('outreach.topicsLabel')}</dt>
        <dd>
          {event.topics.length ? (
            <ul>
              {event.topics.map((tp) => (
                <li key={tp.id}>
                  <Text value={tp.title} />
                </li>
              ))}
            </ul>
          ) : (
            '—'
          )}
          {event.tags.length > 0 && <p>{event.tags.map((tag) => `#${tag}`).join(' ')}</p>}
        </dd>
        <dt>{t('outreach.colAudience')}</dt>
        <dd>
          {event.audienceTotal === null ? '—' : number(event.audienceTotal)}
          {breakdown.length > 0 && (
            <ul>
              {breakdown.map(([f, n]) => (
                <li key={f}>
                  {t(audienceKeys[f])}: {number(n ?? 0)}
                </li>
              ))}
            </ul>
          )}
        </dd>
        <dt>{t('outreach.summaryLabel')}</dt>
        <dd>{event.summary ? <Recorded text={event.summary} language={event.summaryLanguage} /> : '—'}</dd>
      </dl>

      <h2>{t('outreach.photosTitle')}</h2>
      {event.photos.length === 0 && <p>{t('outreach.noPhotos')}</p>}
      <ul class="photo-list">
        {event.photos.map((p) => (
          <li key={p.id}>
            <img src={`/files/outreach/${p.fileName}`} alt={p.altText} width={300} loading="lazy" />
            {canChange && (
              <Form action={href(`/office/outreach/${event.id}/photos/${p.id}/delete`)}>
                <input type="hidden" name="version" value={String(event.version)} />
                <button class="button button--secondary" type="submit">
                  {t('outreach.removePhoto')}
                  <span class="visually-hidden"> {p.altText}</span>
                </button>
              </Form>
            )}
          </li>
        ))}
      </ul>
      {canChange && event.photos.length < maxPhotosPerEvent && (
        <Form action={href(`/office/outreach/${event.id}/photos`)} multipart>
          <input type="hidden" name="version" value={String(event.version)} />
          <FileField name="photo" label={t('outreach.photoLabel')} hint={t('outreach.photoHint', { limit: maxPhotosPerEvent })} accept=".jpg,.jpeg,.png,.webp,image/jpeg,image/png,image/webp" problems={photoProblems} />
          <TextField name="altText" label={t('outreach.altTextLabel')} hint={t('outreach.altTextHint')} problems={photoProblems} />
          <button class="button button--secondary" type="submit">
            {t('outreach.addPhoto')}
          </button>
        </Form>
      )}

      <EventFiles eventId={event.id} version={event.version} files={event.files} canChange={canChange} problems={photoProblems} />

      <RelatedSections sections={related} idPrefix="event" />

      {canChange && (
        <>
          <h2>{t('outreach.changeTitle')}</h2>
          <p>
            <a class="button" href={href(`/office/outreach/${event.id}/edit`)}>
              {t('outreach.edit')}
            </a>
          </p>
          <Form action={href(`/office/outreach/${event.id}/delete`)}>
            <input type="hidden" name="version" value={String(event.version)} />
            <button class="button button--warning" type="submit">
              {t('outreach.delete')}
            </button>
          </Form>
        </>
      )}
    </>
  );
}
