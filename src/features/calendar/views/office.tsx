// The calendar's office pages: the years (with the form to add one), a year's days (marking it
// complete, adding a day), and one day's form.
import { DataTable, ErrorSummary, Form, SelectField, Text, TextField } from '../../../core/html/components.js';
import { usePage } from '../../../core/html/page-context.js';
import type { FieldProblem } from '../../../core/errors.js';
import { dayKinds, type DayKind } from '../../../core/calendar/working-days.js';
import type { MessageKey } from '../../../core/i18n/messages.js';
import type { DayRow, YearRow } from '../calendar.service.js';

const kindKeys: Record<DayKind, MessageKey> = {
  holiday: 'calendar.kind.holiday',
  transfer_day_off: 'calendar.kind.transfer_day_off',
  transfer_working_day: 'calendar.kind.transfer_working_day',
  kurban_ait: 'calendar.kind.kurban_ait',
};

export interface YearAnswers {
  year: string;
  source: string;
}

export interface DayAnswers {
  date: string;
  kind: string;
  nameKk: string;
  nameRu: string;
  nameEn: string;
  source: string;
  version: string;
}

export function YearsPage({ years, answers, problems }: { years: YearRow[]; answers: YearAnswers; problems: FieldProblem[] }) {
  const { t, href, number } = usePage();
  return (
    <>
      <ErrorSummary problems={problems} />
      <h1>{t('calendar.title')}</h1>
      <p>{t('calendar.lead')}</p>
      <DataTable caption={t('calendar.yearsCaption')} columns={[t('calendar.colYear'), t('calendar.colComplete'), { label: t('calendar.colDays'), numeric: true }]}>
        {years.map((y) => (
          <tr key={y.year}>
            <th scope="row">
              <a href={href(`/office/admin/calendar/${y.year}`)}>{y.year}</a>
            </th>
            <td>{y.complete ? t('calendar.complete') : t('calendar.incomplete')}</td>
            <td class="numeric">{number(Number(y.days ?? 0))}</td>
          </tr>
        ))}
      </DataTable>
      <h2>{t('calendar.addYearTitle')}</h2>
      <Form action={href('/office/admin/calendar')}>
        <TextField name="year" label={t('calendar.yearLabel')} value={answers.year} problems={problems} />
        <TextField name="source" label={t('calendar.sourceLabel')} hint={t('calendar.yearSourceHint')} value={answers.source} problems={problems} />
        <button class="button" type="submit">
          {t('calendar.addYear')}
        </button>
      </Form>
    </>
  );
}

function DayFields({ answers, problems, withDate }: { answers: DayAnswers; problems: FieldProblem[]; withDate: boolean }) {
  const { t } = usePage();
  return (
    <>
      {withDate && <TextField name="date" label={t('calendar.dateLabel')} hint={t('calendar.dateHint')} value={answers.date} problems={problems} />}
      <SelectField name="kind" label={t('calendar.kindLabel')} value={answers.kind} placeholder="" options={dayKinds.map((k) => ({ value: k, label: t(kindKeys[k]) }))} problems={problems} />
      <TextField name="nameKk" label={t('calendar.nameKkLabel')} value={answers.nameKk} problems={problems} />
      <TextField name="nameRu" label={t('calendar.nameRuLabel')} value={answers.nameRu} problems={problems} />
      <TextField name="nameEn" label={t('calendar.nameEnLabel')} value={answers.nameEn} problems={problems} />
      <TextField name="source" label={t('calendar.sourceLabel')} value={answers.source} problems={problems} />
    </>
  );
}

export interface YearView {
  year: number;
  complete: boolean;
  source: string | null;
  version: number;
  days: DayRow[];
}

export function YearPage({ year, answers, problems }: { year: YearView; answers: DayAnswers; problems: FieldProblem[] }) {
  const { t, href, date } = usePage();
  return (
    <>
      <ErrorSummary problems={problems} />
      <p>
        <a href={href('/office/admin/calendar')}>{t('calendar.backToYears')}</a>
      </p>
      <h1>{t('calendar.yearTitle', { year: year.year })}</h1>
      <p>{year.complete ? t('calendar.yearComplete') : t('calendar.yearIncomplete')}</p>
      {year.source && <p class="hint">{year.source}</p>}
      <Form action={href(`/office/admin/calendar/${year.year}/complete`)}>
        <input type="hidden" name="version" value={String(year.version)} />
        <input type="hidden" name="complete" value={year.complete ? 'no' : 'yes'} />
        <input type="hidden" name="source" value={year.source ?? ''} />
        <button class={year.complete ? 'button button--secondary' : 'button'} type="submit">
          {year.complete ? t('calendar.reopen') : t('calendar.markComplete')}
        </button>
      </Form>
      <DataTable caption={t('calendar.daysCaption', { year: year.year })} columns={[t('calendar.dateLabel'), t('calendar.kindLabel'), t('calendar.colName'), t('calendar.colActions')]}>
        {year.days.map((d) => (
          <tr key={d.date}>
            <th scope="row">{date(d.date)}</th>
            <td>{t(kindKeys[d.kind])}</td>
            <td>
              <Text value={d.name} />
            </td>
            <td>
              <a href={href(`/office/admin/calendar/days/${d.date}`)}>
                {t('calendar.edit')}
                <span class="visually-hidden"> {date(d.date)}</span>
              </a>
            </td>
          </tr>
        ))}
      </DataTable>
      <h2>{t('calendar.addDayTitle')}</h2>
      <Form action={href(`/office/admin/calendar/${year.year}/days`)}>
        <DayFields answers={answers} problems={problems} withDate />
        <button class="button" type="submit">
          {t('calendar.addDay')}
        </button>
      </Form>
    </>
  );
}

export function DayPage({ day, answers, problems }: { day: DayRow; answers: DayAnswers; problems: FieldProblem[] }) {
  const { t, href, date } = usePage();
  return (
    <>
      <ErrorSummary problems={problems} />
      <p>
        <a href={href(`/office/admin/calendar/${day.year}`)}>{t('calendar.backToYear', { year: day.year })}</a>
      </p>
      <h1>{t('calendar.dayTitle', { date: date(day.date) })}</h1>
      {day.source && <p class="hint">{day.source}</p>}
      <Form action={href(`/office/admin/calendar/days/${day.date}`)}>
        <input type="hidden" name="version" value={answers.version} />
        <DayFields answers={answers} problems={problems} withDate={false} />
        <button class="button" type="submit">
          {t('calendar.save')}
        </button>
      </Form>
    </>
  );
}
