import { sql, type Kysely } from 'kysely';

// Public pages are cached as rendered (core/http/page-cache.ts) and must be forgotten the moment
// what they show changes — on every app instance, whoever wrote the change (a page, a job, the
// CLI). Each table a public page or the open data reads gets a statement-level trigger that sends
// the table's name on the 'kenes_content' channel; PostgreSQL delivers it on commit to every
// instance listening (PGlite within its process). Tables of private state (accounts, sessions,
// the audit log, mail, reminders, stored file bytes) have none, so signing in or writing the audit
// log never empties the cache. A table added later that public pages read calls watchContent in
// its own migration (the list in this file is the model).
export const contentTables = [
  'setting',
  'area',
  'area_name',
  'area_identifier',
  'area_population',
  'organization',
  'organization_name',
  'organization_succession',
  'convocation',
  'person',
  'electoral_district',
  'decision',
  'membership',
  'contact_detail',
  'role_title',
  'meeting',
  'agenda_item',
  'agenda_speaker',
  'agenda_change',
  'meeting_invitation',
  'attendance',
  'statement',
  'vote',
  'meeting_minutes',
  'meeting_paper',
  'sitting_members',
  'news_item',
  'plan',
  'plan_section',
  'plan_priority',
  'plan_item',
  'plan_item_responsible',
  'plan_item_link',
  'plan_indicator',
  'plan_report',
  'plan_report_revision',
  'plan_report_value',
  'plan_report_attachment',
];

/** Makes changes to these tables announce themselves on 'kenes_content' (used by later migrations too). */
export async function watchContent(db: Kysely<unknown>, tables: readonly string[]): Promise<void> {
  for (const table of tables) {
    await sql`
      create trigger ${sql.id(`${table}_content_changed`)}
      after insert or update or delete or truncate on ${sql.table(table)}
      for each statement execute function kenes_content_changed()`.execute(db);
  }
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create function kenes_content_changed() returns trigger language plpgsql as $$
    begin
      perform pg_notify('kenes_content', tg_table_name);
      return null;
    end $$`.execute(db);
  await watchContent(db, contentTables);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of contentTables) await sql`drop trigger if exists ${sql.id(`${table}_content_changed`)} on ${sql.table(table)}`.execute(db);
  await sql`drop function if exists kenes_content_changed()`.execute(db);
}
