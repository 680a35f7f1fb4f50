// Reminders of plan reports to the staff of the bodies that owe them (for the plan's own body, the
// Council, its secretariat): a week before the due day,
// the day before, and once it has passed (Kazakhstan's date), each only while the report is not
// filed (none, a draft, or returned for revision). A pg-boss schedule runs sendPlanReminders every
// hour; each reminder is claimed in plan_reminder before any mail goes, so a crash or a second
// instance never sends it twice (a crash mid-way leaves the rest unsent rather than doubled).
import type { Db } from '../../core/db/connect.js';
import { todayInKazakhstan } from '../../core/db/dated.js';
import type { PlanReportState } from '../../core/db/database.js';
import { formatDate, localize } from '../../core/i18n/format.js';
import type { LocalizedText } from '../../core/i18n/localized-text.js';
import { translate } from '../../core/i18n/messages.js';
import type { Jobs } from '../../core/jobs/jobs.js';
import { sendOnce, type MailJobDeps, type MailMessage } from '../../core/mail/mailer.js';
import { createRegistryService } from '../registry/registry.service.js';
import { addDays, reportingPeriods, type ReportingPeriod } from './progress.js';
import * as repo from './reminders.repository.js';
import type { PlanReminderKind, PlanReminderRecipient, ReminderKey } from './reminders.repository.js';

export const planRemindersJob = 'plan-reminders';
/** Every hour, at a quarter past: a reminder goes out within the first hour of its day. */
export const planRemindersCron = '15 * * * *';

/**
 * After the due day, how long an unfiled report is still told about: a report that was late long
 * before reminders began (or before the queue came back) is not announced weeks afterwards.
 */
export const overdueReminderDays = 30;

export interface PlanReminderReport {
  /** The reminders this run claimed and sent, with how many mails each. */
  sent: (ReminderKey & { recipients: number })[];
}

/**
 * The reminder due on `today` for a report due on `dueOn`, if any: the week's from 7 days before to
 * 2 days before, the day's on the day before and the due day itself, the overdue one from the day
 * after. Only the latest applies, so a report first seen late gets the overdue one alone.
 */
export function dueReminder(dueOn: string, today: string): PlanReminderKind | undefined {
  if (today > addDays(dueOn, overdueReminderDays)) return undefined;
  if (today > dueOn) return 'overdue';
  if (today >= addDays(dueOn, -1)) return 'day_before';
  if (today >= addDays(dueOn, -7)) return 'week_before';
  return undefined;
}

/** A report that still needs filing: none, a draft never filed, or one returned for revision. */
const stillOwed = (state: PlanReportState | undefined) => state === undefined || state === 'draft' || state === 'returned';

interface DueReminder {
  key: ReminderKey;
  item: Awaited<ReturnType<typeof repo.listOpenItems>>[number];
  period: ReportingPeriod;
  state: PlanReportState | undefined;
}

/** Every reminder due today that nothing filed has made unnecessary, in the plans' and items' order. */
async function remindersDue(db: Db, today: string): Promise<DueReminder[]> {
  const items = await repo.listOpenItems(db);
  const ids = items.map((i) => i.id);
  const [leads, reports] = await Promise.all([repo.listLeads(db, ids), repo.listReportStates(db, ids)]);
  const leadsByItem = Map.groupBy(leads, (l) => l.itemId);
  const stateOf = new Map(reports.map((r) => [`${r.itemId} ${r.organizationId} ${r.periodStart}`, r.state]));
  // The region maslikhats are those existing on a period's last day (read once per day in a run).
  const registry = createRegistryService(db);
  const regionsOn = new Map<string, Promise<string[]>>();
  const regionIdsOn = (date: string) => {
    let regions = regionsOn.get(date);
    if (!regions) regionsOn.set(date, (regions = registry.listRegionMaslikhats(date).then((list) => list.map((o) => o.id))));
    return regions;
  };

  const due: DueReminder[] = [];
  for (const item of items) {
    const own = leadsByItem.get(item.id) ?? [];
    for (const period of reportingPeriods(item)) {
      if (period.start > today) continue; // nothing can be filed before its period begins
      const kind = dueReminder(period.dueOn, today);
      if (!kind) continue;
      const named = own.flatMap((l) => (l.organizationId ? [l.organizationId] : []));
      const group = own.some((l) => l.bodyGroup === 'region_maslikhats') ? await regionIdsOn(period.end) : [];
      // A body named and also in the group is reminded once.
      for (const organizationId of new Set([...named, ...group])) {
        const state = stateOf.get(`${item.id} ${organizationId} ${period.start}`);
        if (!stillOwed(state)) continue;
        due.push({ key: { itemId: item.id, organizationId, periodStart: period.start, kind }, item, period, state });
      }
    }
  }
  return due;
}

export async function sendPlanReminders(deps: MailJobDeps, now: Date = new Date()): Promise<PlanReminderReport> {
  const { db } = deps;
  const report: PlanReminderReport = { sent: [] };
  const today = todayInKazakhstan(now);
  const due = await remindersDue(db, today);
  const bodies = new Map((await repo.listBodies(db, [...new Set(due.map((d) => d.key.organizationId))], today)).map((b) => [b.id, b]));
  const recipientsOf = new Map<string, Promise<PlanReminderRecipient[]>>();
  for (const reminder of due) {
    const { key } = reminder;
    const body = bodies.get(key.organizationId);
    if (!body) continue;
    // The plan's own body (the Council) files its part through its secretariat.
    const roles: repo.RecipientRoles = key.organizationId === reminder.item.planOrganizationId ? ['secretariat'] : ['maslikhat_staff', 'partner'];
    const asked = `${key.organizationId} ${roles.join()}`;
    let pending = recipientsOf.get(asked);
    if (!pending) recipientsOf.set(asked, (pending = repo.listRecipients(db, key.organizationId, today, roles)));
    const sent = await sendOnce(deps, {
      recipients: await pending,
      claim: () => repo.claimReminder(db, key, now),
      mail: (recipient) => planReminderMail({ ...reminder, body, today }, recipient, deps.baseUrl),
      record: (count) => repo.recordRecipients(db, key, count),
      name: 'plan reminder',
      context: key,
    });
    if (sent !== null) report.sent.push({ ...key, recipients: sent });
  }
  return report;
}

export interface PlanReminderContent {
  key: ReminderKey;
  item: { planTitle: LocalizedText; number: string | null; action: LocalizedText };
  period: ReportingPeriod;
  state: PlanReportState | undefined;
  body: { slug: string; name: LocalizedText | null };
  today: string;
}

/** The reminder mail for one recipient, in their language: the item, the period, the due day and the link to file. */
export function planReminderMail(content: PlanReminderContent, recipient: PlanReminderRecipient, baseUrl: string): MailMessage {
  const lang = recipient.language;
  const t = (key: Parameters<typeof translate>[1], values?: Parameters<typeof translate>[2]) => translate(lang, key, values);
  const { key, item, period } = content;
  const due = formatDate(lang, period.dueOn);
  // The day's reminder sent on the due day itself (the day before was missed) says so.
  const moment = key.kind === 'day_before' && content.today === period.dueOn ? 'due_today' : key.kind;
  const action = localize(lang, item.action).text;
  const link = `${baseUrl}/${lang}/office/maslikhats/${content.body.slug}/plan/items/${key.itemId}/periods/${key.periodStart}`;
  const lines = [
    t('planReminder.greeting', { name: recipient.displayName }),
    '',
    t(`planReminder.intro.${moment}`),
    ...(content.state === 'returned' ? [t('planReminder.returned')] : content.state === 'draft' ? [t('planReminder.draft')] : []),
    '',
    t('planReminder.body', { body: localize(lang, content.body.name).text }),
    t('planReminder.plan', { plan: localize(lang, item.planTitle).text }),
    item.number ? t('planReminder.item', { number: item.number, action }) : t('planReminder.itemUnnumbered', { action }),
    t('planReminder.period', { start: formatDate(lang, period.start), end: formatDate(lang, period.end) }),
    t('planReminder.due', { due }),
    '',
    t('planReminder.link', { link }),
    '',
    t('planReminder.footer'),
  ];
  return { to: recipient.email, subject: t(`planReminder.subject.${moment}`, { due }), text: lines.join('\n') };
}

/** Works the reminders' queue in this process and keeps their schedule (registered once, at start-up). */
export async function registerPlanReminders(jobs: Jobs, deps: MailJobDeps): Promise<void> {
  await jobs.work(planRemindersJob, async () => {
    await sendPlanReminders(deps);
  });
  await jobs.schedule(planRemindersJob, planRemindersCron);
}
