// Outreach test data: an event of a maslikhat (by KATO or slug), public or not, with its deputies and topics.
import type { Db } from '../../src/core/db/connect.js';
import type { OutreachEventKind } from '../../src/core/db/database.js';
import { newId } from '../../src/core/ids.js';
import { maslikhatId } from './registry-factories.js';

export interface EventInput {
  maslikhat: string;
  kind?: OutreachEventKind;
  startsAt: Date;
  public?: boolean;
  settlement?: string;
  audienceTotal?: number | null;
  summary?: string | null;
  deputies?: string[];
  topics?: string[];
}

export async function createOutreachEvent(db: Db, input: EventInput): Promise<string> {
  const organizationId = await maslikhatId(db, input.maslikhat);
  const org = await db.selectFrom('organization').select('area_id').where('id', '=', organizationId).executeTakeFirstOrThrow();
  const area = org.area_id ? await db.selectFrom('area').select(['id', 'time_zone']).where('id', '=', org.area_id).executeTakeFirst() : undefined;
  const id = newId();
  await db
    .insertInto('outreach_event')
    .values({
      id,
      organization_id: organizationId,
      region_area_id: area?.id ?? null,
      district_area_id: null,
      kind: input.kind ?? 'reception',
      starts_at: input.startsAt,
      ends_at: null,
      time_zone: area?.time_zone ?? 'Asia/Almaty',
      settlement: input.settlement ?? 'Uralsk',
      address: null,
      tags: [],
      audience_total: input.audienceTotal ?? null,
      audience_youth: null,
      audience_elderly: null,
      audience_entrepreneurs: null,
      audience_women: null,
      audience_other: null,
      summary: input.summary ?? null,
      summary_language: input.summary ? 'ru' : null,
      public: input.public ?? true,
      created_by: null,
    })
    .execute();
  if (input.deputies?.length) await db.insertInto('outreach_event_deputy').values(input.deputies.map((person_id) => ({ event_id: id, person_id }))).execute();
  if (input.topics?.length) await db.insertInto('outreach_event_topic').values(input.topics.map((topic_id) => ({ event_id: id, topic_id }))).execute();
  return id;
}

export async function topicIdBySlug(db: Db, slug: string): Promise<string> {
  return (await db.selectFrom('outreach_topic').select('id').where('slug', '=', slug).executeTakeFirstOrThrow()).id;
}
