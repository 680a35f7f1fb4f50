// The managed list of outreach topics: the list (with the form to add one) and a topic's form.
import type { FieldProblem } from '../../../core/errors.js';
import { DataTable, ErrorSummary, Form, Notice, SelectField, Text, TextField } from '../../../core/html/components.js';
import { usePage } from '../../../core/html/page-context.js';
import { outreachTopicKinds } from '../../../core/db/database.js';
import type { LocalizedText } from '../../../core/i18n/localized-text.js';
import type { MessageKey } from '../../../core/i18n/messages.js';

export interface TopicAnswers {
  kind: string;
  titleKk: string;
  titleRu: string;
  titleEn: string;
  position: string;
  active: string;
  version: string;
}

const kindKeys: Record<(typeof outreachTopicKinds)[number], MessageKey> = {
  address_priority: 'outreach.topicKind.address_priority',
  state_programme: 'outreach.topicKind.state_programme',
  law: 'outreach.topicKind.law',
  other: 'outreach.topicKind.other',
};

function TopicFields({ answers, problems }: { answers: TopicAnswers; problems: FieldProblem[] }) {
  const { t } = usePage();
  return (
    <>
      <input type="hidden" name="version" value={answers.version} />
      <SelectField name="kind" label={t('outreach.topics.kindLabel')} value={answers.kind} placeholder="" options={outreachTopicKinds.map((k) => ({ value: k, label: t(kindKeys[k]) }))} problems={problems} />
      <TextField name="titleKk" label={t('outreach.topics.titleKkLabel')} value={answers.titleKk} problems={problems} />
      <TextField name="titleRu" label={t('outreach.topics.titleRuLabel')} value={answers.titleRu} problems={problems} />
      <TextField name="titleEn" label={t('outreach.topics.titleEnLabel')} value={answers.titleEn} problems={problems} />
      <TextField name="position" label={t('outreach.topics.positionLabel')} hint={t('outreach.topics.positionHint')} value={answers.position} problems={problems} />
      <div class="form-group">
        <div class="radio">
          <input type="checkbox" id="field-active" name="active" value="1" checked={answers.active === '1'} />
          <label for="field-active">{t('outreach.topics.activeLabel')}</label>
        </div>
      </div>
    </>
  );
}

export function TopicsPage({ topics, answers, problems }: { topics: { id: string; kind: (typeof outreachTopicKinds)[number]; title: LocalizedText; active: boolean; position: number }[]; answers: TopicAnswers; problems: FieldProblem[] }) {
  const { t, href, number } = usePage();
  return (
    <>
      <ErrorSummary problems={problems} />
      <p>
        <a href={href('/office/outreach')}>{t('outreach.backToList')}</a>
      </p>
      <h1>{t('outreach.topics.title')}</h1>
      <DataTable caption={t('outreach.topics.title')} columns={[t('outreach.topics.colTitle'), t('outreach.topics.kindLabel'), { label: t('outreach.topics.positionLabel'), numeric: true }, t('outreach.topics.colOffered')]}>
        {topics.map((topic) => (
          <tr key={topic.id}>
            <th scope="row">
              <a href={href(`/office/outreach/topics/${topic.id}`)}>
                <Text value={topic.title} />
              </a>
            </th>
            <td>{t(kindKeys[topic.kind])}</td>
            <td class="numeric">{number(topic.position)}</td>
            <td>{t(topic.active ? 'outreach.topics.offered' : 'outreach.topics.notOffered')}</td>
          </tr>
        ))}
      </DataTable>
      <h2>{t('outreach.topics.addTitle')}</h2>
      <Form action={href('/office/outreach/topics')}>
        <TopicFields answers={answers} problems={problems} />
        <button class="button" type="submit">
          {t('outreach.topics.add')}
        </button>
      </Form>
    </>
  );
}

export function TopicPage({ id, answers, problems, conflict }: { id: string; answers: TopicAnswers; problems: FieldProblem[]; conflict: boolean }) {
  const { t, href } = usePage();
  return (
    <>
      <ErrorSummary problems={problems} />
      <p>
        <a href={href('/office/outreach/topics')}>{t('outreach.topics.back')}</a>
      </p>
      <h1>{t('outreach.topics.editTitle')}</h1>
      {conflict && (
        <Notice kind="warning">
          <p>{t('outreach.conflictNotice')}</p>
        </Notice>
      )}
      <Form action={href(`/office/outreach/topics/${id}`)}>
        <TopicFields answers={answers} problems={problems} />
        <button class="button" type="submit">
          {t('outreach.save')}
        </button>
      </Form>
    </>
  );
}
