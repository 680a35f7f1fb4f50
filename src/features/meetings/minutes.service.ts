// The minutes of a meeting: drafts made from the record whenever asked (marked as drafts), and on
// approval the Kazakh and Russian DOCX and PDF and the Akoma Ntoso XML made once, kept as files
// and served as they were approved from then on — the record is locked.
import { recordChange, type ChangeContext } from '../../core/audit/audit.js';
import type { Db } from '../../core/db/connect.js';
import { NotFoundError } from '../../core/errors.js';
import type { FileStore } from '../../core/files.js';
import { newId } from '../../core/ids.js';
import type { LiveHub } from '../../core/live.js';
import type { RegistryService } from '../registry/registry.service.js';
import { liveTopic } from './live.service.js';
import { renderAkomaNtoso } from './minutes/akoma-ntoso.js';
import { renderMinutesDocx } from './minutes/minutes-docx.js';
import { renderMinutesPdf } from './minutes/minutes-pdf.js';
import * as repo from './minutes.repository.js';
import { loadMeetingRecord, type MeetingRecord } from './record.js';
import { minutesFileName, minutesFiles, type MinutesFile } from './minutes-files.js';

export class MinutesError extends Error {
  constructor(readonly reason: 'not_held') {
    super(reason);
  }
}

/** Statuses whose record can be printed as draft minutes (the meeting has begun). */
const draftable = new Set(['in_progress', 'held']);

export function createMinutesService(db: Db, registry: RegistryService, files: FileStore, live: LiveHub) {
  async function record(meetingId: string): Promise<MeetingRecord> {
    const found = await loadMeetingRecord(db, registry, meetingId);
    if (!found) throw NotFoundError();
    return found;
  }

  async function render(r: MeetingRecord, file: MinutesFile, draft: boolean, baseUrl: string): Promise<Buffer> {
    if (file.format === 'akn') return Buffer.from(renderAkomaNtoso(r, { baseUrl }), 'utf8');
    return file.format === 'pdf' ? renderMinutesPdf(r, file.language, { draft }) : renderMinutesDocx(r, file.language, { draft });
  }

  async function keptFile(meetingId: string, file: MinutesFile): Promise<Buffer | undefined> {
    const kept = (await repo.listKeptMinutes(db, meetingId)).find((k) => k.language === file.language && k.format === file.format);
    return kept ? files.read(kept.fileHash) : undefined;
  }

  return {
    kept: (meetingId: string) => repo.listKeptMinutes(db, meetingId),

    /** For the secretariat: the approved file once approved, else a draft made now. */
    async officeFile(meetingId: string, file: MinutesFile, baseUrl: string): Promise<{ bytes: Buffer; draft: boolean }> {
      const r = await record(meetingId);
      if (r.meeting.status === 'minutes_approved') {
        const bytes = await keptFile(r.meeting.id, file);
        if (!bytes) throw NotFoundError();
        return { bytes, draft: false };
      }
      if (!draftable.has(r.meeting.status)) throw NotFoundError();
      return { bytes: await render(r, file, true, baseUrl), draft: true };
    },

    /** For the public: approved minutes only. */
    async publicFile(meetingId: string, file: MinutesFile): Promise<Buffer> {
      const bytes = await keptFile(meetingId, file);
      if (!bytes) throw NotFoundError();
      return bytes;
    },

    /** Approves the minutes of a held meeting: makes every file once, keeps them, locks the record. */
    async approve(meetingId: string, context: ChangeContext, baseUrl: string): Promise<void> {
      const r = await record(meetingId);
      if (r.meeting.status !== 'held') throw new MinutesError('not_held');
      const made = await Promise.all(
        minutesFiles.map(async (file) => {
          const bytes = await render(r, file, false, baseUrl);
          return { ...file, id: newId(), fileHash: await files.put(bytes, file.format === 'akn' ? 'xml' : file.format), byteSize: bytes.length };
        }),
      );
      await db.transaction().execute(async (trx) => {
        const sequence = await repo.approveMinutes(trx, r.meeting.id, context.actorAccountId);
        if (sequence === undefined) throw new MinutesError('not_held');
        await repo.insertKeptMinutes(trx, r.meeting.id, made);
        await recordChange(trx, context, { entity: 'meeting', entityId: r.meeting.id, action: 'minutes_approved', after: { files: made.map((m) => ({ name: minutesFileName(m), sha256: m.fileHash, bytes: m.byteSize })) } });
        await live.publish(trx, liveTopic(r.meeting.id), String(sequence));
      });
    },
  };
}

export type MinutesService = ReturnType<typeof createMinutesService>;
