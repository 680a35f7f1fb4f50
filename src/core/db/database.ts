// The one Database type: every table the product has, as Kysely sees it. Each area's tables are
// defined in `tables/` (one file per capability); this module puts them together and re-exports them.
import type { Insertable, Selectable } from 'kysely';
import type { RegistryTables } from './tables/registry.js';
import type { AccountsTables } from './tables/accounts.js';
import type { MeetingsTables } from './tables/meetings.js';
import type { NewsTables } from './tables/news.js';
import type { FilesTables } from './tables/files.js';
import type { PlanTables } from './tables/plan.js';
import type { CalendarTables } from './tables/calendar.js';
import type { SubscriptionsTables } from './tables/subscriptions.js';
import type { SearchTables } from './tables/search.js';
import type { OutreachTables } from './tables/outreach.js';
import type { LibraryTables } from './tables/library.js';
import type { QuestionsTables } from './tables/questions.js';
import type { OutreachStatsTables } from './tables/outreach-stats.js';
import type { AccountTable } from './tables/accounts.js';
import type { AreaTable, OrganizationTable } from './tables/registry.js';

export type { DateString } from './tables/column-types.js';
export * from './tables/registry.js';
export * from './tables/accounts.js';
export * from './tables/meetings.js';
export * from './tables/news.js';
export * from './tables/files.js';
export * from './tables/plan.js';
export * from './tables/calendar.js';
export * from './tables/subscriptions.js';
export * from './tables/search.js';
export * from './tables/outreach.js';
export * from './tables/questions.js';
export * from './tables/outreach-stats.js';
export * from './tables/library.js';

export interface Database
  extends RegistryTables,
    AccountsTables,
    MeetingsTables,
    NewsTables,
    FilesTables,
    PlanTables,
    CalendarTables,
    SubscriptionsTables,
    OutreachTables,
    QuestionsTables,
    OutreachStatsTables,
    LibraryTables,
    SearchTables {}

export type AreaRow = Selectable<AreaTable>;
export type OrganizationRow = Selectable<OrganizationTable>;
export type NewAccount = Insertable<AccountTable>;
