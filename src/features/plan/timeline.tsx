// The plan's timeline, drawn on the server: an SVG of the items over the plan's period (each item's
// run, the days its reports are due, periods fully accepted and periods overdue, today), with the
// same data as a table beside it for screen readers, keyboards and printouts. Shapes, not colour
// alone, tell the marks apart; no script and no inline style (the CSP allows neither).
import { usePage } from '../../core/html/page-context.js';
import { DataTable } from '../../core/html/components.js';
import { periodLabel } from './progress-filters.js';
import type { ItemProgress } from './progress.service.js';

export interface TimelinePeriod {
  key: string;
  start: string;
  end: string;
  dueOn: string;
  expected: number;
  accepted: number;
  overdue: boolean;
}

/** Each period of an item with its reports accepted of those expected, and whether it is overdue. */
export function timelinePeriods(item: ItemProgress, today: string): TimelinePeriod[] {
  return item.periods.map((p) => {
    const expected = item.expected.filter((e) => e.period.start === p.start);
    const accepted = expected.filter((e) => e.standing === 'accepted').length;
    const overdue = !item.cancelled && p.dueOn < today && expected.some((e) => e.standing === 'missing' || e.standing === 'returned' || e.standing === 'draft');
    return { key: periodLabel(p, item.deadlineKind), start: p.start, end: p.end, dueOn: p.dueOn, expected: expected.length, accepted, overdue };
  });
}

const day = (date: string) => Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));

const width = 960;
const left = 72;
const right = 16;
const top = 28;
const rowHeight = 20;

export function Timeline({ items, from, to, today, id = 'timeline' }: { items: ItemProgress[]; from: string; to: string; today: string; id?: string }) {
  const { t, date, number } = usePage();
  if (items.length === 0) return null;
  // The span covers the plan and every item and due day in it.
  const first = [from, ...items.map((i) => i.startsOn)].reduce((a, b) => (a < b ? a : b));
  const last = [to, ...items.flatMap((i) => [i.deadline, ...i.periods.map((p) => p.dueOn)])].reduce((a, b) => (a > b ? a : b));
  const x0 = day(first);
  const span = Math.max(1, day(last) - x0);
  const x = (d: string) => Math.round((left + ((day(d) - x0) / span) * (width - left - right)) * 10) / 10;
  const height = top + items.length * rowHeight + 8;
  const years: string[] = [];
  for (let y = Number(first.slice(0, 4)); y <= Number(last.slice(0, 4)); y += 1) if (`${y}-01-01` >= first) years.push(`${y}-01-01`);
  const rows = items.map((item) => ({ item, periods: timelinePeriods(item, today) }));
  const titleId = `${id}-title`;
  const descId = `${id}-desc`;
  return (
    <section aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t('planTimeline.title')}</h2>
      <svg class="plan-timeline" role="img" aria-labelledby={`${titleId} ${descId}`} viewBox={`0 0 ${width} ${height}`} width="100%" preserveAspectRatio="xMinYMin meet">
        <title id={titleId}>{t('planTimeline.svgTitle', { from: date(from), to: date(to) })}</title>
        <desc id={descId}>{t('planTimeline.svgDesc')}</desc>
        {years.map((y) => (
          <g key={y}>
            <line x1={x(y)} x2={x(y)} y1={top - 6} y2={height - 4} stroke="#b1b4b6" stroke-width="1" />
            <text x={x(y) + 3} y={top - 10} font-size="12" fill="#0b0c0c">
              {y.slice(0, 4)}
            </text>
          </g>
        ))}
        {today >= first && today <= last && (
          <g>
            <line x1={x(today)} x2={x(today)} y1={top - 6} y2={height - 4} stroke="#0b0c0c" stroke-width="2" stroke-dasharray="4 3" />
            <text x={x(today) - 3} y={height - 8} font-size="11" text-anchor="end" fill="#0b0c0c">
              {t('planTimeline.today')}
            </text>
          </g>
        )}
        {rows.map(({ item, periods }, i) => {
          const y = top + i * rowHeight + rowHeight / 2;
          return (
            <g key={item.id}>
              <text x={left - 8} y={y + 4} font-size="12" text-anchor="end" fill="#0b0c0c">
                {item.number ?? number(item.position)}
              </text>
              <rect x={x(item.startsOn)} y={y - 4} width={Math.max(2, x(item.deadline) - x(item.startsOn))} height="8" fill={item.cancelled ? '#f3f2f1' : '#d2e2f1'} stroke="#1d70b8" stroke-width="1" stroke-dasharray={item.cancelled ? '3 2' : undefined} />
              {periods.map((p) => (
                <g key={p.key}>
                  <line x1={x(p.dueOn)} x2={x(p.dueOn)} y1={y - 7} y2={y + 7} stroke="#0b0c0c" stroke-width="1" />
                  {p.expected > 0 && p.accepted === p.expected && <circle cx={x(p.dueOn)} cy={y} r="4" fill="#00703c" stroke="#0b0c0c" stroke-width="1" />}
                  {p.overdue && <path d={`M${x(p.dueOn) - 4} ${y - 4}l8 8m0 -8l-8 8`} stroke="#d4351c" stroke-width="2.5" />}
                </g>
              ))}
            </g>
          );
        })}
      </svg>
      <p class="hint">{t('planTimeline.legend')}</p>
      <DataTable
        caption={t('planTimeline.tableCaption')}
        columns={[t('planTimeline.item'), t('planTimeline.runs'), t('planTimeline.dueDays'), { label: t('planTimeline.accepted'), numeric: true }, t('planTimeline.overdue')]}
      >
        {rows.map(({ item, periods }) => {
          const accepted = periods.reduce((n, p) => n + p.accepted, 0);
          const expected = periods.reduce((n, p) => n + p.expected, 0);
          const overdue = periods.filter((p) => p.overdue);
          return (
            <tr key={item.id}>
              <th scope="row">{item.number ?? number(item.position)}</th>
              <td>{t('planTimeline.run', { from: date(item.startsOn, 'short'), to: date(item.deadline, 'short') })}</td>
              <td>{periods.map((p) => date(p.dueOn, 'short')).join(', ')}</td>
              <td class="numeric">{t('planTimeline.acceptedOf', { accepted, expected })}</td>
              <td>{overdue.length ? overdue.map((p) => p.key).join(', ') : t('planTimeline.none')}</td>
            </tr>
          );
        })}
      </DataTable>
    </section>
  );
}
