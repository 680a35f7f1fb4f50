// News gets categories, scheduled publication and a lead photo (issue 15).
import { sql, type Kysely } from 'kysely';
import { watchContent } from './0013_content_changes.js';

// - news_category: a small managed set of categories by slug (the public list's ?category= and the
//   category's feed), named in kk/ru/en, in a fixed order; seeded here.
// - news_item.category: every item has one (press releases: council; others: announcements).
// - Scheduled publication needs no column: an item with status 'published' and published_at in the
//   future is scheduled, and public reads compare published_at with now.
// - The lead photo: a file in the file store (re-encoded WebP), its size (for width/height on the
//   page) and its alt text in each language the item has.
const categories: [slug: string, kk: string, ru: string, en: string][] = [
  ['council', 'Кеңес', 'Совет', 'Council'],
  ['maslikhats', 'Мәслихаттар', 'Маслихаты', 'Maslikhats'],
  ['plan', 'Жұмыс жоспары', 'План работы', 'Work plan'],
  ['outreach', 'Халықпен жұмыс', 'Работа с населением', 'Outreach'],
  ['library', 'Кітапхана', 'Библиотека', 'Library'],
  ['announcements', 'Хабарландырулар', 'Объявления', 'Announcements'],
];

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table news_category (
      slug text primary key check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' and length(slug) <= 40),
      name jsonb not null,
      position integer not null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      version integer not null default 1
    )`.execute(db);
  for (const [position, [slug, kk, ru, en]] of categories.entries()) {
    await sql`insert into news_category (slug, name, position) values (${slug}, ${JSON.stringify({ kk, ru, en })}::jsonb, ${position + 1})`.execute(db);
  }
  await sql`alter table news_item add column category text not null default 'announcements' references news_category (slug) on update cascade`.execute(db);
  await sql`update news_item set category = 'council' where meeting_id is not null`.execute(db);
  await sql`alter table news_item add column photo_file text`.execute(db);
  await sql`alter table news_item add column photo_width integer`.execute(db);
  await sql`alter table news_item add column photo_height integer`.execute(db);
  await sql`alter table news_item add column photo_alt jsonb`.execute(db);
  await sql`
    alter table news_item add constraint news_item_photo_complete
      check (photo_file is null or (photo_width > 0 and photo_height > 0 and photo_alt is not null))`.execute(db);
  await sql`create index news_item_category_idx on news_item (organization_id, category, status, published_at desc)`.execute(db);
  await sql`create index news_item_photo_idx on news_item (photo_file) where photo_file is not null`.execute(db);
  await watchContent(db, ['news_category']);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index if exists news_item_photo_idx`.execute(db);
  await sql`drop index if exists news_item_category_idx`.execute(db);
  await sql`alter table news_item drop constraint if exists news_item_photo_complete`.execute(db);
  for (const column of ['photo_alt', 'photo_height', 'photo_width', 'photo_file', 'category']) {
    await sql`alter table news_item drop column if exists ${sql.id(column)}`.execute(db);
  }
  await sql`drop table if exists news_category`.execute(db);
}
