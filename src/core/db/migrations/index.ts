// The ordered list of migrations. Add a file, then add it here; names sort in the order they run.
import type { Migration } from 'kysely/migration';
import * as m0001 from './0001_foundation.js';
import * as m0002 from './0002_accounts.js';
import * as m0003 from './0003_registry.js';
import * as m0004 from './0004_uploads_and_demo_flags.js';
import * as m0005 from './0005_meetings.js';
import * as m0006 from './0006_meeting_record.js';
import * as m0007 from './0007_meeting_papers.js';
import * as m0008 from './0008_agenda_change_notices.js';
import * as m0009 from './0009_account_person.js';
import * as m0010 from './0010_council_leadership.js';
import * as m0011 from './0011_stored_file.js';
import * as m0012 from './0012_plan.js';
import * as m0013 from './0013_content_changes.js';
import * as m0015 from './0015_working_calendar.js';
import * as m0016 from './0016_subscriptions.js';
import * as m0019 from './0019_search.js';
import * as m0017 from './0017_outreach.js';
import * as m0018 from './0018_questions.js';
import * as m0020 from './0020_library.js';
import * as m0021 from './0021_news_more.js';
import * as m0022 from './0022_outreach_rollups.js';
import * as m0023 from './0023_question_event_link.js';
import * as m0024 from './0024_outreach_event_files.js';
import * as m0025 from './0025_search_newest.js';
import * as m0026 from './0026_library_quiz.js';
import * as m0027 from './0027_membership_admissions.js';
import * as m0028 from './0028_subscription_receptions.js';
import * as m0029 from './0029_subscription_notices.js';

export const migrations: Record<string, Migration> = {
  '0001_foundation': m0001,
  '0002_accounts': m0002,
  '0003_registry': m0003,
  '0004_uploads_and_demo_flags': m0004,
  '0005_meetings': m0005,
  '0006_meeting_record': m0006,
  '0007_meeting_papers': m0007,
  '0008_agenda_change_notices': m0008,
  '0009_account_person': m0009,
  '0010_council_leadership': m0010,
  '0011_stored_file': m0011,
  '0012_plan': m0012,
  '0013_content_changes': m0013,
  '0015_working_calendar': m0015,
  '0016_subscriptions': m0016,
  '0017_outreach': m0017,
  '0018_questions': m0018,
  '0019_search': m0019,
  '0020_library': m0020,
  '0021_news_more': m0021,
  '0022_outreach_rollups': m0022,
  '0023_question_event_link': m0023,
  '0024_outreach_event_files': m0024,
  '0025_search_newest': m0025,
  '0026_library_quiz': m0026,
  '0027_membership_admissions': m0027,
  '0028_subscription_receptions': m0028,
  '0029_subscription_notices': m0029,
};
