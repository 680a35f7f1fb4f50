// A backup carries the stored files its rows name, is readable by its owner only, and a restore
// checks every file against its name before anything lands in the target's store.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createMeeting } from '../../../test/support/meeting-factories.js';
import { createPerson } from '../../../test/support/registry-factories.js';
import { createTestApp, testConfig, type TestApp } from '../../../test/support/test-app.js';
import { createEmptyDatabase, usingPostgres } from '../../../test/support/test-db.js';
import { approveDemoMinutes } from '../../features/meetings/demo-meeting.js';
import { openFileStore } from '../files.js';
import { newId } from '../ids.js';
import { BackupError, fileColumns, type BackupHeader, restoreBackup, writeBackup } from './backup.js';
import { openDatabase, type DatabaseHandle } from './connect.js';

const work = mkdtempSync(path.join(os.tmpdir(), 'kenes-backup-files-'));
let source: TestApp;
let meetingId: string;
let paperId: string;
let photoUrl: string;
let backupFile: string;
let header: BackupHeader;

/** A seeded embedded database, whatever this run's driver: the restores below start from PGlite. */
const seededPGlite = () => openDatabase({ loadDataDir: new Blob([readFileSync(inject('pgliteTemplate'))]) });
const emptyPGlite = () => openDatabase({ loadDataDir: new Blob([readFileSync(inject('pgliteEmptyTemplate'))]) });

const minutesUrls = () => [`/ru/meetings/${meetingId}/minutes/minutes-kk.pdf`, `/ru/meetings/${meetingId}/minutes/minutes-ru.docx`, `/ru/meetings/${meetingId}/minutes/akoma-ntoso.xml`];
const paperUrl = () => `/ru/meetings/${meetingId}/papers/${paperId}`;

beforeAll(async () => {
  source = await createTestApp({ database: await seededPGlite() });
  const db = source.database.db;
  const photo = await source.app.files.put(randomBytes(5_000), 'webp');
  await createPerson(db, { photoFile: photo });
  photoUrl = `/files/photos/${photo}`;

  const meeting = await createMeeting(db, {
    startsAt: '2026-01-20T11:00',
    status: 'held',
    agenda: [{ title: { kk: 'Жоспар туралы', ru: 'О плане' }, isMain: true }],
  });
  meetingId = meeting.id;
  if (!(await approveDemoMinutes(source.database, source.config, meetingId))) throw new Error('The minutes were not approved.');
  // A paper of several chunks, so a file spans many lines of the backup.
  const paper = randomBytes(700_000);
  paperId = newId();
  await db
    .insertInto('meeting_paper')
    .values({
      id: paperId,
      meeting_id: meetingId,
      agenda_item_id: null,
      title: JSON.stringify({ kk: 'Анықтама', ru: 'Справка' }),
      file_name: 'spravka.pdf',
      file_hash: await source.app.files.put(paper, 'pdf'),
      content_type: 'application/pdf',
      byte_size: paper.length,
      created_at: new Date(),
      created_by: null,
    })
    .execute();

  backupFile = path.join(work, 'with-files.kenes.gz');
  header = await writeBackup(db, backupFile, { files: source.app.files });
}, 120_000);
afterAll(() => source.close());

/** Every URL answers on the restored app with the bytes the original serves. */
async function expectSameFiles(restored: TestApp) {
  const urls = [photoUrl, ...minutesUrls(), paperUrl()];
  for (const url of urls) {
    const original = await source.app.inject(url);
    const copy = await restored.app.inject(url);
    expect({ url, original: original.statusCode, copy: copy.statusCode, same: copy.rawPayload.equals(original.rawPayload) }).toEqual({ url, original: 200, copy: 200, same: true });
  }
}

describe('writeBackup', () => {
  it('carries every stored file the rows name, after the rows', () => {
    // The photo, five minutes files (kk and ru as PDF and DOCX, the Akoma Ntoso XML) and the paper.
    expect(header).toMatchObject({ version: 2, files: { count: 7, missing: [] } });
    const lines = gunzipSync(readFileSync(backupFile)).toString('utf8').split('\n');
    const firstFile = lines.findIndex((l) => l.startsWith('{"file":'));
    expect(firstFile).toBeGreaterThan(0);
    expect(lines.slice(firstFile).some((l) => l.startsWith('{"table":'))).toBe(false);
  });

  it('creates the file readable by its owner only, and refuses to overwrite an existing file', async () => {
    expect(statSync(backupFile).mode & 0o777).toBe(0o600);
    const existing = path.join(work, 'existing.kenes.gz');
    writeFileSync(existing, 'an older backup', { mode: 0o644 });
    await expect(writeBackup(source.database.db, existing, { files: source.app.files })).rejects.toThrow(/already exists/);
    expect(readFileSync(existing, 'utf8')).toBe('an older backup');
  });

  it('knows every column that names a stored file', async () => {
    // Hash-like columns that are not file names; a new file column must join `fileColumns`.
    const notFiles = new Set(['account.password_hash', 'recovery_code.code_hash', 'session.token_hash', 'one_time_token.token_hash', 'api_token.token_hash', 'meeting_paper.file_name', 'subscription.confirm_token_hash', 'subscription_delivery.unsubscribe_token_hash', 'subscription_notice.unsubscribe_token_hash', 'news_item.photo_width', 'news_item.photo_height', 'news_item.photo_alt', 'citizen_question.tracking_token_hash']);
    const { rows } = await sql<{ name: string }>`
      select table_name || '.' || column_name as name from information_schema.columns
      where table_schema = current_schema() and column_name ~ '(file|hash|photo|image|attachment|document)'`.execute(source.database.db);
    expect(rows.length).toBeGreaterThan(0);
    const files = new Set(fileColumns.map((c) => `${c.table}.${c.column}`));
    expect(rows.map((r) => r.name).filter((n) => !notFiles.has(n) && !files.has(n))).toEqual([]);
  });
});

describe('restoreBackup with files', () => {
  const targets: [string, () => Promise<DatabaseHandle>][] = [['PGlite → PGlite', emptyPGlite]];
  if (usingPostgres) targets.push(['PGlite → PostgreSQL', createEmptyDatabase]);

  it.each(targets)('%s: the restored app serves the photo, the approved minutes and the paper byte for byte', async (_, empty) => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'kenes-restored-'));
    const target = await empty();
    let restored: TestApp | undefined;
    try {
      const report = await restoreBackup(target.db, backupFile, { files: openFileStore(target, dataDir) });
      expect(report).toMatchObject({ files: 7, notes: [] });
      restored = await createTestApp({ database: target, env: { KENES_DATA_DIR: dataDir } });
      await expectSameFiles(restored);
      // The embedded database keeps files in its data directory; PostgreSQL in stored_file, for every instance.
      const { rows } = await sql<{ n: number }>`select count(*)::int as n from stored_file`.execute(target.db);
      const where = { onDisk: existsSync(path.join(dataDir, 'files')), inDatabase: rows[0]!.n };
      expect(where).toEqual(target.kind === 'postgres' ? { onDisk: false, inDatabase: 7 } : { onDisk: true, inDatabase: 0 });
    } finally {
      await (restored ?? target).close();
    }
  }, 120_000);

  it('refuses a backup whose file was changed, with no rows and no files written', async () => {
    const lines = gunzipSync(readFileSync(backupFile)).toString('utf8').split('\n');
    const at = lines.findIndex((l) => l.startsWith('{"chunk":'));
    const bytes = Buffer.from((JSON.parse(lines[at]!) as { chunk: string }).chunk, 'base64');
    bytes[0] = bytes[0]! ^ 0xff;
    lines[at] = JSON.stringify({ chunk: bytes.toString('base64') });
    const tampered = path.join(work, 'tampered.kenes.gz');
    writeFileSync(tampered, gzipSync(lines.join('\n')));

    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'kenes-tampered-'));
    const database = await emptyPGlite();
    try {
      const failure = restoreBackup(database.db, tampered, { files: openFileStore(database, dataDir) });
      await expect(failure).rejects.toThrow(BackupError);
      await expect(failure).rejects.toThrow(/file [0-9a-f]{64}\.\w+ is damaged \(its content does not match its SHA-256\)/);
      const { rows } = await sql<{ n: number }>`select (select count(*) from person)::int + (select count(*) from meeting_minutes)::int as n`.execute(database.db);
      expect(rows[0]!.n).toBe(0);
      expect(readdirSync(dataDir)).toEqual([]);
    } finally {
      await database.close();
    }
  });

  it('still reads a format 1 backup (rows only) and says its files must be copied by hand', async () => {
    const lines = gunzipSync(readFileSync(backupFile)).toString('utf8').split('\n');
    const { files: _, ...rowsOnly } = JSON.parse(lines[0]!) as Record<string, unknown>;
    const old = [JSON.stringify({ ...rowsOnly, version: 1 }), ...lines.slice(1).filter((l) => l.startsWith('{"table":'))];
    const file = path.join(work, 'format-1.kenes.gz');
    writeFileSync(file, gzipSync(old.join('\n')));

    const config = testConfig();
    const database = await emptyPGlite();
    try {
      const report = await restoreBackup(database.db, file, { files: openFileStore(database, config.dataDir) });
      expect(report.files).toBe(0);
      expect(report.notes.join(' ')).toContain('format 1, made before backups carried uploaded files');
      const { rows } = await sql<{ n: number }>`select count(*)::int as n from meeting_minutes`.execute(database.db);
      expect(rows[0]!.n).toBe(5);
      expect(existsSync(path.join(config.dataDir, 'files'))).toBe(false);
    } finally {
      await database.close();
    }
  });
});
