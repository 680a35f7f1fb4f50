// The admin pages' work: the audit log (a page, or all of it as CSV) and the mail outbox. Thin:
// turns the page's criteria into repository filters and builds the CSV.
import { distinctAuditValues, listAuditEvents, type AuditFilter } from '../../core/audit/audit.repository.js';
import type { Db } from '../../core/db/connect.js';
import { pageWindow, type Page, type Paged } from '../../core/db/query.js';
import { defaultTimeZone, utcOffset } from '../../core/i18n/format.js';
import { findMailMessage, listMailMessages } from '../../core/mail/mail.repository.js';
import { csvBom, csvLine } from '../../core/text/csv.js';
import { findAccountIdByEmail, inReadSnapshot } from './admin.repository.js';

export const pageSize = 50;
/** At most this many audit events go into one CSV file. */
export const csvRowCap = 100_000;
const csvBatchSize = 5_000;

/** What the audit page filters by, already checked: dates are 'YYYY-MM-DD' days in Kazakhstan. */
export interface AuditCriteria {
  entity?: string | undefined;
  action?: string | undefined;
  /** The actor's current email address (exact, any case). */
  actorEmail?: string | undefined;
  from?: string | undefined;
  /** Inclusive: the whole day counts. */
  to?: string | undefined;
}

export type AuditEventRow = Awaited<ReturnType<typeof listAuditEvents>>['rows'][number];

function offsetMinutes(instant: Date, timeZone: string): number {
  const m = /^([+-])(\d\d):(\d\d)$/.exec(utcOffset(instant, timeZone));
  if (!m) return 0;
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
}

/** The instant a calendar day begins in a time zone (Kazakhstan's by default). */
export function startOfDay(date: string, timeZone: string = defaultTimeZone): Date {
  const midnightUtc = Date.parse(`${date}T00:00:00Z`);
  const first = midnightUtc - offsetMinutes(new Date(midnightUtc), timeZone) * 60_000;
  // A second pass settles days on which the zone's offset changed.
  return new Date(midnightUtc - offsetMinutes(new Date(first), timeZone) * 60_000);
}

function nextDay(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

/** The repository filter, or undefined when nothing can match (an email no account has). */
async function auditFilter(db: Db, criteria: AuditCriteria): Promise<AuditFilter | undefined> {
  let actorAccountId: string | undefined;
  if (criteria.actorEmail) {
    actorAccountId = await findAccountIdByEmail(db, criteria.actorEmail);
    if (!actorAccountId) return undefined;
  }
  return {
    entity: criteria.entity || undefined,
    action: criteria.action || undefined,
    actorAccountId,
    from: criteria.from ? startOfDay(criteria.from) : undefined,
    to: criteria.to ? startOfDay(nextDay(criteria.to)) : undefined,
  };
}

export type { Paged };
/** A message in the outbox as the admin pages show it. */
export type { MailMessageRow as OutboxMessage } from '../../core/mail/mail.repository.js';

/** One page, newest first; a page past the end shows the last one. */
async function lastPageAtMost<T>(requested: number, load: (window: Page) => Promise<Paged<T>>): Promise<Paged<T>> {
  const result = await load(pageWindow(requested, pageSize));
  return result.page > result.pages ? load(pageWindow(result.pages, pageSize)) : result;
}

export async function auditFilterOptions(db: Db): Promise<{ entities: string[]; actions: string[] }> {
  return distinctAuditValues(db);
}

export async function auditPage(db: Db, criteria: AuditCriteria, page: number): Promise<Paged<AuditEventRow>> {
  const filter = await auditFilter(db, criteria);
  if (!filter) return { rows: [], total: 0, page: 1, pages: 1 };
  return lastPageAtMost(page, (window) => listAuditEvents(db, filter, window));
}

export async function outboxPage(db: Db, page: number) {
  return lastPageAtMost(page, (window) => listMailMessages(db, window));
}

export async function outboxMessage(db: Db, id: string) {
  return findMailMessage(db, id);
}


export const auditCsvColumns = ['time', 'actor_email', 'actor_label', 'ip', 'user_agent', 'request_id', 'entity', 'entity_id', 'action', 'before', 'after'] as const;

const json = (value: unknown): string => (value === null || value === undefined ? '' : JSON.stringify(value));

function auditCsvLine(row: AuditEventRow): string {
  return csvLine([
    new Date(row.occurredAt).toISOString(),
    row.actorEmail,
    row.actorLabel,
    row.ip,
    row.userAgent,
    row.requestId,
    row.entity,
    row.entityId,
    row.action,
    json(row.before),
    json(row.after),
  ]);
}

/**
 * Every event matching the criteria, newest first (at most csvRowCap), as a UTF-8 CSV file with
 * a BOM. Read in batches from one snapshot, so memory holds one batch of rows at a time.
 */
export async function auditCsv(db: Db, criteria: AuditCriteria): Promise<{ body: Buffer; rows: number; capped: boolean }> {
  const chunks: Buffer[] = [Buffer.from(`${csvBom}${csvLine([...auditCsvColumns])}`, 'utf8')];
  const filter = await auditFilter(db, criteria);
  let rows = 0;
  let total = 0;
  if (filter) {
    await inReadSnapshot(db, async (trx) => {
      while (rows < csvRowCap) {
        const batch = await listAuditEvents(trx, filter, { limit: Math.min(csvBatchSize, csvRowCap - rows), offset: rows });
        total = batch.total;
        if (batch.rows.length > 0) chunks.push(Buffer.from(batch.rows.map(auditCsvLine).join(''), 'utf8'));
        rows += batch.rows.length;
        if (batch.rows.length === 0 || rows >= total) break;
      }
    });
  }
  return { body: Buffer.concat(chunks), rows, capped: total > rows };
}
