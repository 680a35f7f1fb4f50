// The approved minutes of meetings, kept as files (by content hash) once approved.
import type { Executor } from '../../core/db/query.js';

export type MinutesFormat = 'docx' | 'pdf' | 'akn';

export interface KeptMinutes {
  language: 'kk' | 'ru' | 'en';
  format: MinutesFormat;
  fileHash: string;
  byteSize: number;
}

export function keptMinutesQuery(db: Executor, meetingId: string) {
  return db
    .selectFrom('meeting_minutes')
    .select(['language', 'format', 'file_hash as fileHash', 'byte_size as byteSize'])
    .where('meeting_id', '=', meetingId)
    .orderBy('language')
    .orderBy('format');
}

export async function listKeptMinutes(db: Executor, meetingId: string): Promise<KeptMinutes[]> {
  return keptMinutesQuery(db, meetingId).execute();
}

export async function insertKeptMinutes(db: Executor, meetingId: string, rows: (KeptMinutes & { id: string })[]): Promise<void> {
  await db
    .insertInto('meeting_minutes')
    .values(rows.map((r) => ({ id: r.id, meeting_id: meetingId, language: r.language, format: r.format, file_hash: r.fileHash, byte_size: r.byteSize })))
    .execute();
}

/** Moves a held meeting to "minutes approved" and returns its new live sequence; undefined when it was not held. */
export async function approveMinutes(db: Executor, meetingId: string, accountId: string | null): Promise<number | undefined> {
  const row = await db
    .updateTable('meeting')
    .set((eb) => ({ status: 'minutes_approved', minutes_approved_at: new Date(), minutes_approved_by: accountId, updated_at: new Date(), version: eb('version', '+', 1), live_sequence: eb('live_sequence', '+', 1) }))
    .where('id', '=', meetingId)
    .where('status', '=', 'held')
    .returning('live_sequence')
    .executeTakeFirst();
  return row ? Number(row.live_sequence) : undefined;
}
