// The office's questions: the list (state and overdue filters, pages), one question with its actions,
// the form for a question raised at an event, and the retention setting.
import { DataTable, ErrorSummary, Form, Notice, Pagination, SelectField, TextAreaField, TextField } from '../../../core/html/components.js';
import { usePage } from '../../../core/html/page-context.js';
import type { FieldProblem } from '../../../core/errors.js';
import type { LocalizedText } from '../../../core/i18n/localized-text.js';
import { questionStates, type QuestionState } from '../../../core/db/database.js';
import { ConsentField, Lines, QuestionFields, type QuestionAnswers } from './public.js';

export interface QuestionRow {
  id: string;
  reference: string;
  state: QuestionState;
  registeredOn: string;
  dueDate: string | null;
  extendedDueDate: string | null;
  assigneeName: LocalizedText | null;
  organizationName: LocalizedText | null;
}

export function QuestionsListPage({ rows, page, pages, state, overdue, today, canRegister }: { rows: QuestionRow[]; page: number; pages: number; state: QuestionState | null; overdue: boolean; today: string; canRegister: boolean }) {
  const { t, href, date, localize } = usePage();
  const query = (p: number) => {
    const q = new URLSearchParams();
    if (state) q.set('state', state);
    if (overdue) q.set('overdue', '1');
    if (p > 1) q.set('page', String(p));
    const s = q.toString();
    return href(`/office/questions${s ? `?${s}` : ''}`);
  };
  return (
    <>
      <h1>{t('questions.officeTitle')}</h1>
      {canRegister && (
        <p>
          <a href={href('/office/questions/new')}>{t('questions.registerEventLink')}</a>
        </p>
      )}
      <form action={href('/office/questions')} method="get" class="filters">
        <SelectField name="state" label={t('questions.stateLabel')} value={state ?? ''} options={questionStates.map((s) => ({ value: s, label: t(`questions.state.${s}`) }))} placeholder={t('questions.anyState')} />
        <div class="radio">
          <input type="checkbox" id="field-overdue" name="overdue" value="1" checked={overdue} />
          <label for="field-overdue">{t('questions.overdueOnly')}</label>
        </div>
        <button class="button button--secondary" type="submit">
          {t('questions.filter')}
        </button>
      </form>
      {rows.length === 0 ? (
        <p>{t('questions.none')}</p>
      ) : (
        <DataTable caption={t('questions.officeTitle')} columns={[t('questions.reference'), t('questions.maslikhat'), t('questions.stateLabel'), t('questions.registeredOn'), t('questions.dueDate'), t('questions.assignee')]}>
          {rows.map((r) => {
            const deadline = r.extendedDueDate ?? r.dueDate;
            const late = (r.state === 'registered' || r.state === 'in_work') && deadline !== null && deadline < today;
            return (
              <tr key={r.id}>
                <td>
                  <a href={href(`/office/questions/${r.id}`)}>{r.reference}</a>
                </td>
                <td>{r.organizationName ? localize(r.organizationName).text : ''}</td>
                <td>
                  {t(`questions.state.${r.state}`)}
                  {late && <strong> ({t('questions.overdue')})</strong>}
                </td>
                <td>{date(r.registeredOn)}</td>
                <td>{deadline ? date(deadline) : <strong>{t('questions.dueUnknown')}</strong>}</td>
                <td>{r.assigneeName ? localize(r.assigneeName).text : t('questions.assigneeMaslikhat')}</td>
              </tr>
            );
          })}
        </DataTable>
      )}
      <Pagination page={page} pages={pages} pageHref={query} />
      <p>
        <a href={query(1).replace('/office/questions', '/office/questions.csv')} download>
          {t('questions.csvLink')}
        </a>
      </p>
    </>
  );
}

export interface QuestionDetail {
  id: string;
  reference: string;
  state: QuestionState;
  channel: 'form' | 'event';
  applicantName: string | null;
  contactEmail: string | null;
  contactPhone: string | null;
  settlement: string | null;
  areaName: LocalizedText | null;
  organizationName: LocalizedText | null;
  body: string;
  language: string;
  consentAt: Date;
  registeredOn: string;
  dueDate: string | null;
  extendedDueDate: string | null;
  extensionReason: string | null;
  forwardedTo: string | null;
  answer: string | null;
  assigneePersonId: string | null;
  assigneeName: LocalizedText | null;
  personalDataErasedAt: Date | null;
  version: number;
}

export interface ActionAnswers {
  assignee: string;
  forwardedTo: string;
  answer: string;
  date: string;
  reason: string;
}

export const blankActionAnswers: ActionAnswers = { assignee: '', forwardedTo: '', answer: '', date: '', reason: '' };

export function QuestionPage(props: {
  question: QuestionDetail;
  history: { id: string; action: string; note: string | null; occurredAt: Date; actorName: string | null }[];
  deputies: { personId: string; name: LocalizedText }[];
  forwardBy: string | null;
  extendUntil: string | null;
  today: string;
  answers: ActionAnswers;
  problems: FieldProblem[];
  /** The outreach event it was raised at, when the reader may open it. */
  raisedAt?: RaisedAt | undefined;
}) {
  const { t, href, date, dateTime, localize } = usePage();
  const { question: q, answers, problems } = props;
  const base = `/office/questions/${q.id}`;
  const open = q.state === 'registered' || q.state === 'in_work';
  const deadline = q.extendedDueDate ?? q.dueDate;
  const Version = () => <input type="hidden" name="version" value={String(q.version)} />;
  return (
    <>
      <ErrorSummary problems={problems} />
      <p>
        <a href={href('/office/questions')}>{t('questions.backToList')}</a>
      </p>
      <h1>{t('questions.questionTitle', { reference: q.reference })}</h1>
      {!q.dueDate && <Notice kind="warning">{t('questions.dueUnknownFlag')}</Notice>}
      {open && deadline && deadline < props.today && <Notice kind="warning">{t('questions.overdueFlag')}</Notice>}
      {q.personalDataErasedAt && <Notice kind="info">{t('questions.erasedFlag', { date: dateTime(q.personalDataErasedAt) })}</Notice>}
      <dl class="summary-list">
        <div>
          <dt>{t('questions.stateLabel')}</dt>
          {/* A refusal for the question's state (an action not possible now) leads here from the error summary. */}
          <dd id="field-action">{t(`questions.state.${q.state}`)}</dd>
        </div>
        <div>
          <dt>{t('questions.maslikhat')}</dt>
          <dd>{q.organizationName ? localize(q.organizationName).text : ''}</dd>
        </div>
        <div>
          <dt>{t('questions.assignee')}</dt>
          <dd>{q.assigneeName ? localize(q.assigneeName).text : t('questions.assigneeMaslikhat')}</dd>
        </div>
        <div>
          <dt>{t('questions.channelLabel')}</dt>
          <dd>{t(`questions.channel.${q.channel}`)}</dd>
        </div>
        {props.raisedAt && (
          <div>
            <dt>{t('questions.raisedAt')}</dt>
            <dd>
              <a href={href(`/office/outreach/${props.raisedAt.id}`)}>{props.raisedAt.label}</a>
            </dd>
          </div>
        )}
        <div>
          <dt>{t('questions.registeredOn')}</dt>
          <dd>{date(q.registeredOn)}</dd>
        </div>
        <div>
          <dt>{t('questions.dueDate')}</dt>
          <dd>{deadline ? date(deadline) : t('questions.dueUnknown')}</dd>
        </div>
        {q.extensionReason && (
          <div>
            <dt>{t('questions.extensionReason')}</dt>
            <dd>{q.extensionReason}</dd>
          </div>
        )}
        <div>
          <dt>{t('questions.name')}</dt>
          <dd>{q.applicantName ?? '—'}</dd>
        </div>
        <div>
          <dt>{t('questions.contact')}</dt>
          <dd>{[q.contactEmail, q.contactPhone].filter(Boolean).join(', ') || '—'}</dd>
        </div>
        <div>
          <dt>{t('questions.region')}</dt>
          <dd>
            {q.areaName ? localize(q.areaName).text : ''}
            {q.settlement ? `, ${q.settlement}` : ''}
          </dd>
        </div>
        <div>
          <dt>{t('questions.consentAt')}</dt>
          <dd>{dateTime(q.consentAt)}</dd>
        </div>
        {q.forwardedTo && (
          <div>
            <dt>{t('questions.forwardedTo')}</dt>
            <dd>{q.forwardedTo}</dd>
          </div>
        )}
      </dl>
      <h2>{t('questions.yourQuestionOffice')}</h2>
      <Lines text={q.body} />
      {q.answer && (
        <>
          <h2>{t('questions.answerTitle')}</h2>
          <Lines text={q.answer} />
        </>
      )}

      {q.state === 'registered' && (
        <Form action={href(`${base}/take`)}>
          <Version />
          <button class="button" type="submit">
            {t('questions.takeButton')}
          </button>
        </Form>
      )}
      {open && (
        <>
          <h2>{t('questions.assignTitle')}</h2>
          <Form action={href(`${base}/assign`)}>
            <Version />
            <SelectField
              name="assignee"
              label={t('questions.assignee')}
              value={answers.assignee || q.assigneePersonId || ''}
              options={props.deputies.map((d) => ({ value: d.personId, label: localize(d.name).text }))}
              placeholder={t('questions.assigneeMaslikhat')}
              problems={problems}
            />
            <button class="button button--secondary" type="submit">
              {t('questions.assignButton')}
            </button>
          </Form>
          <h2>{t('questions.forwardTitle')}</h2>
          <p class="hint">{props.forwardBy ? t('questions.forwardHint', { date: date(props.forwardBy) }) : t('questions.calendarUnknown')}</p>
          <Form action={href(`${base}/forward`)}>
            <Version />
            <TextField name="forwardedTo" label={t('questions.forwardedTo')} value={answers.forwardedTo} problems={problems} />
            <button class="button button--secondary" type="submit">
              {t('questions.forwardButton')}
            </button>
          </Form>
          <h2>{t('questions.answerTitle')}</h2>
          <Form action={href(`${base}/answer`)}>
            <Version />
            <TextAreaField name="answer" label={t('questions.answerLabel')} value={answers.answer} rows={8} problems={problems} />
            <button class="button" type="submit">
              {t('questions.answerButton')}
            </button>
          </Form>
          <h2>{t('questions.extendTitle')}</h2>
          {props.extendUntil && <p class="hint">{t('questions.extendHint', { date: date(props.extendUntil) })}</p>}
          <Form action={href(`${base}/extend`)}>
            <Version />
            <TextField name="date" type="date" label={t('questions.extendDate')} value={answers.date} problems={problems} />
            <TextAreaField name="reason" label={t('questions.extensionReason')} value={answers.reason} rows={3} problems={problems} />
            <button class="button button--secondary" type="submit">
              {t('questions.extendButton')}
            </button>
          </Form>
        </>
      )}
      {(q.state === 'answered' || q.state === 'forwarded') && (
        <Form action={href(`${base}/close`)}>
          <Version />
          <button class="button" type="submit">
            {t('questions.closeButton')}
          </button>
        </Form>
      )}

      <h2>{t('questions.historyTitle')}</h2>
      <ol class="timeline">
        {props.history.map((h) => (
          <li key={h.id}>
            <strong>{t(`questions.action.${h.action as 'registered'}`)}</strong> — {dateTime(h.occurredAt)}
            {h.actorName && <> · {h.actorName}</>}
            {h.note && <p>{h.note}</p>}
          </li>
        ))}
      </ol>
    </>
  );
}

/** The outreach event a question is being registered at, as the form shows it. */
export interface RaisedAt {
  id: string;
  regionAreaId: string | null;
  /** Its kind and local time: "Meeting with voters: 12 October 2020 at 11:00". */
  label: string;
}

export function EventQuestionPage({ answers, problems, regions, event, formToken }: { answers: QuestionAnswers; problems: FieldProblem[]; regions: { value: string; label: string }[]; event: RaisedAt | undefined; formToken: string }) {
  const { t, href } = usePage();
  return (
    <div class="form-narrow">
      <ErrorSummary problems={problems} />
      <h1>{t('questions.eventTitle')}</h1>
      <p>{t('questions.eventLead')}</p>
      {event && (
        <dl class="summary-list">
          <div>
            <dt>{t('questions.raisedAt')}</dt>
            <dd>
              <a href={href(`/office/outreach/${event.id}`)}>{event.label}</a>
            </dd>
          </div>
        </dl>
      )}
      <Form action={href('/office/questions/new')}>
        <input type="hidden" name="event" value={event?.id ?? ''} />
        <input type="hidden" name="formToken" value={formToken} />
        <QuestionFields answers={answers} problems={problems} regions={regions} forStaff />
        <ConsentField value={answers.consent} problems={problems} labelKey="questions.consentRecorded" />
        <button class="button" type="submit">
          {t('questions.eventSubmit')}
        </button>
      </Form>
    </div>
  );
}

export function RetentionPage({ months, version, problems, value }: { months: number; version: number; problems: FieldProblem[]; value: string }) {
  const { t, href } = usePage();
  return (
    <div class="form-narrow">
      <ErrorSummary problems={problems} />
      <h1>{t('questions.retentionTitle')}</h1>
      <p>{t('questions.retentionLead', { months })}</p>
      <Form action={href('/office/questions/retention')}>
        <input type="hidden" name="version" value={String(version)} />
        <TextField name="months" type="number" label={t('questions.retentionMonths')} value={value} problems={problems} />
        <button class="button" type="submit">
          {t('questions.retentionSave')}
        </button>
      </Form>
    </div>
  );
}
