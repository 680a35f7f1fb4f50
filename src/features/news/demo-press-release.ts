// `kenes seed --demo`: the seed document published as the demo meeting's press release — in Kazakh
// (the Senate's text) and in Russian and English (our translations), dated the meeting's day.
import { systemContext } from '../../core/audit/audit.js';
import type { Db } from '../../core/db/connect.js';
import { zonedInstant } from '../../core/i18n/format.js';
import { readMeetingFile } from '../meetings/demo-meeting.js';
import { createRegistryService } from '../registry/registry.service.js';
import { createNewsService } from './news.service.js';

/** Returns false when the meeting has a press release already (published before, or drafted by the secretariat). */
export async function publishDemoPressRelease(db: Db, meetingId: string): Promise<boolean> {
  const data = readMeetingFile();
  const news = createNewsService(db, createRegistryService(db));
  const publishedAt = zonedInstant(data.date, data.assumedTime, data.timeZone);
  return (await news.publishPressRelease(meetingId, data.pressRelease, publishedAt, systemContext('seed'))) !== undefined;
}
