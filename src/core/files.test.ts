// Uploaded files on both engines: in the data directory on the embedded database, in the database on
// PostgreSQL, where every instance serves every file; streamed out a chunk at a time; carried by
// backups from one engine to the other.
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import sharp from 'sharp';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { Browser, createAccount, signInFully } from '../../test/support/factories.js';
import { createMeeting } from '../../test/support/meeting-factories.js';
import { createDeputy, createPerson } from '../../test/support/registry-factories.js';
import { createTestApp, testConfig, type TestApp } from '../../test/support/test-app.js';
import { createEmptyDatabase, createSharedTestDatabase, usingPostgres } from '../../test/support/test-db.js';
import { buildApp } from '../app.js';
import { Migrator } from 'kysely/migration';
import { restoreBackup, writeBackup } from './db/backup.js';
import { migrations } from './db/migrations/index.js';
import { openDatabase, type DatabaseHandle, type Db } from './db/connect.js';
import { newId } from './ids.js';
import { createDirectoryFileStore, fileChunkSize, fileStoreDir, openFileStore, storedFilePath } from './files.js';

v8.setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

const seededPGlite = () => openDatabase({ loadDataDir: new Blob([readFileSync(inject('pgliteTemplate'))]) });
const emptyPGlite = () => openDatabase({ loadDataDir: new Blob([readFileSync(inject('pgliteEmptyTemplate'))]) });

const storedCount = async (db: Db) => (await sql<{ n: number }>`select count(*)::int as n from stored_file`.execute(db)).rows[0]!.n;
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** The files a directory store holds under a data directory. */
const filesOnDisk = (dataDir: string): string[] => {
  const root = fileStoreDir(dataDir);
  if (!existsSync(root)) return [];
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => e.name)
    .toSorted();
};

/** A held meeting with a paper of these bytes, public on the meeting's page. */
async function heldMeetingWithPaper(t: TestApp, bytes: Buffer): Promise<{ meetingId: string; paperUrl: string; name: string }> {
  const db = t.database.db;
  const meeting = await createMeeting(db, { startsAt: '2026-01-20T11:00', status: 'held', agenda: [{ title: { kk: 'Жоспар туралы', ru: 'О плане' }, isMain: true }] });
  const name = await t.app.files.put(bytes, 'pdf');
  const paperId = newId();
  await db
    .insertInto('meeting_paper')
    .values({ id: paperId, meeting_id: meeting.id, agenda_item_id: null, title: JSON.stringify({ kk: 'Анықтама', ru: 'Справка' }), file_name: 'spravka.pdf', file_hash: name, content_type: 'application/pdf', byte_size: bytes.length, created_at: new Date(), created_by: null })
    .execute();
  return { meetingId: meeting.id, paperUrl: `/ru/meetings/${meeting.id}/papers/${paperId}`, name };
}

/** Uploads a deputy's photo through the office form, as a maslikhat's staff do; returns its public URL. */
async function uploadPhoto(t: TestApp): Promise<string> {
  const db = t.database.db;
  const deputy = await createDeputy(db, { maslikhat: '270000000' });
  const staff = new Browser(t.app);
  await staff.signIn(await createAccount(db, { grants: [{ role: 'maslikhat_staff', organizationSlug: 'maslikhat-270000000' }] }));
  const jpeg = await sharp({ create: { width: 300, height: 400, channels: 3, background: '#3a6ea5' } }).jpeg().toBuffer();
  const boundary = '----kenes-files-test';
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${staff.cookie('kenes_csrf')}\r\n`),
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="photo"; filename="portrait.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`),
    jpeg,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const sent = await t.app.inject({
    method: 'POST',
    url: `/en/office/maslikhats/maslikhat-270000000/deputies/${deputy.membershipId}/photo`,
    payload,
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, cookie: staff.cookieHeader },
  });
  if (!String(sent.headers.location).includes('photo=1')) throw new Error(`The photo was refused: ${sent.statusCode} ${sent.headers.location}`);
  const person = await db.selectFrom('person').select('photo_file').where('id', '=', deputy.personId).executeTakeFirstOrThrow();
  return `/files/photos/${person.photo_file}`;
}

/** Every URL answers on `copy` with the bytes `original` serves. */
async function expectSameBytes(original: TestApp, copy: TestApp, urls: string[]) {
  expect(urls.length).toBeGreaterThan(0);
  for (const url of urls) {
    const a = await original.app.inject(url);
    const b = await copy.app.inject(url);
    expect({ url, original: a.statusCode, copy: b.statusCode, same: b.rawPayload.equals(a.rawPayload) }).toEqual({ url, original: 200, copy: 200, same: true });
  }
}

describe('on the embedded database', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ database: await seededPGlite() });
  });
  afterAll(() => t.close());

  it('keeps uploaded files in KENES_DATA_DIR/files and nothing in stored_file', async () => {
    expect(t.app.files.kind).toBe('directory');
    const photoUrl = await uploadPhoto(t);
    const paper = randomBytes(300_000);
    const { paperUrl, name } = await heldMeetingWithPaper(t, paper);
    expect(readFileSync(storedFilePath(fileStoreDir(t.config.dataDir), name)).equals(paper)).toBe(true);
    expect(filesOnDisk(t.config.dataDir)).toEqual([photoUrl.split('/').at(-1), name].toSorted());
    expect(await storedCount(t.database.db)).toBe(0);
    // Served from a file stream, in pieces of at most 256 KiB.
    const served = await t.app.inject({ url: paperUrl, payloadAsStream: true });
    const parts: Buffer[] = [];
    for await (const part of served.stream() as AsyncIterable<Buffer>) parts.push(part);
    expect({ status: served.statusCode, length: served.headers['content-length'], parts: parts.length > 1, same: Buffer.concat(parts).equals(paper) }).toEqual({ status: 200, length: String(paper.length), parts: true, same: true });
  });
});

describe.runIf(usingPostgres)('on PostgreSQL, with two instances on one database', () => {
  let one: DatabaseHandle;
  let two: DatabaseHandle;
  let a: TestApp;
  let b: TestApp;
  // Made on instance a: a deputy's photo, approved minutes and a 20 MB paper.
  let photoUrl: string;
  let minutesUrls: string[];
  let paper: { bytes: Buffer; url: string; name: string };

  beforeAll(async () => {
    [one, two] = (await createSharedTestDatabase())!;
    // Each instance has its own fresh KENES_DATA_DIR, as on two machines.
    a = await createTestApp({ database: one });
    b = await createTestApp({ database: two });
    const db = one.db;
    photoUrl = await uploadPhoto(a);
    const meeting = await createMeeting(db, { startsAt: '2026-01-20T11:00', status: 'held', agenda: [{ title: { kk: 'Жоспар туралы', ru: 'О плане' }, isMain: true }] });
    const clerk = new Browser(a.app);
    await signInFully(clerk, db, await createAccount(db, { grants: [{ role: 'secretariat', organizationSlug: 'council-senate' }] }));
    const approved = await clerk.post(`/en/office/meetings/${meeting.id}/minutes/approve`);
    if (!String(approved.headers.location).includes('minutes=approved')) throw new Error(`The minutes were not approved: ${approved.statusCode} ${approved.headers.location}`);
    minutesUrls = ['minutes-kk.pdf', 'minutes-ru.docx', 'akoma-ntoso.xml'].map((f) => `/ru/meetings/${meeting.id}/minutes/${f}`);
    const bytes = randomBytes(20 * 1024 * 1024);
    const made = await heldMeetingWithPaper(a, bytes);
    paper = { bytes, url: made.paperUrl, name: made.name };
  }, 120_000);
  afterAll(async () => {
    await a?.close();
    await b?.close();
  });

  it('serves a photo uploaded on one instance from the other, byte for byte, and writes nothing to either data directory', async () => {
    expect([a.app.files.kind, b.app.files.kind]).toEqual(['database', 'database']);
    await expectSameBytes(a, b, [photoUrl]);
    expect(await b.app.files.size(photoUrl.split('/').at(-1)!)).toBeGreaterThan(0);
    expect([...filesOnDisk(a.config.dataDir), ...filesOnDisk(b.config.dataDir)]).toEqual([]);
  });

  it('serves minutes approved on one instance from the other', async () => {
    await expectSameBytes(a, b, minutesUrls);
    expect(filesOnDisk(a.config.dataDir)).toEqual([]);
  });

  it('keeps a 20 MB paper in chunks of 256 KiB and streams it: a reader that stops reading stops the reads from the database', async () => {
    const { rows } = await sql<{ chunks: number; largest: number }>`
      select count(*)::int as chunks, max(length(bytes))::int as largest from stored_file_chunk where name = ${paper.name}`.execute(one.db);
    expect(rows[0]).toEqual({ chunks: 80, largest: fileChunkSize });

    let queries = 0;
    two.observeQueries(() => queries++);
    const response = await b.app.inject({ url: paper.url, payloadAsStream: true });
    expect(response.headers['content-length']).toBe(String(paper.bytes.length));
    const stream = response.stream();
    const atHeaders = queries;
    await sleep(300);
    // Nobody reads: the server has read a chunk or two, not the 80 the file has.
    const whilePaused = queries;
    expect(whilePaused - atHeaders).toBeLessThan(5);

    const parts: Buffer[] = [];
    for await (const part of stream as AsyncIterable<Buffer>) parts.push(part);
    expect(parts.length).toBeGreaterThan(1);
    expect(sha256(Buffer.concat(parts))).toBe(sha256(paper.bytes));
    expect(queries - whilePaused).toBeGreaterThanOrEqual(75);
  }, 60_000);

  it('serves the 20 MB paper over HTTP with the process growing by less than twice its size', async () => {
    const address = await b.app.listen({ port: 0, host: '127.0.0.1' });
    collectGarbage();
    const before = process.memoryUsage().rss;
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
    try {
      const response = await fetch(`${address}${paper.url}`);
      expect(response.status).toBe(200);
      const hash = createHash('sha256');
      let bytes = 0;
      let reads = 0;
      for await (const part of response.body! as AsyncIterable<Uint8Array>) {
        hash.update(part);
        // What the process holds, not the garbage V8 has yet to collect (each 256 KiB chunk read from
        // PostgreSQL leaves its 512 KiB hex text behind): collect every megabyte.
        if (Math.floor((bytes + part.length) / 2 ** 20) > Math.floor(bytes / 2 ** 20)) collectGarbage();
        bytes += part.length;
        reads++;
      }
      expect({ bytes, streamed: reads > 1, same: hash.digest('hex') === sha256(paper.bytes) }).toEqual({ bytes: paper.bytes.length, streamed: true, same: true });
    } finally {
      clearInterval(sampler);
    }
    expect(peak - before).toBeLessThan(2 * paper.bytes.length);
  }, 60_000);

  it('copies files an earlier Kenes kept in an instance’s data directory into the database, for the other instances to serve', async () => {
    // As an earlier Kenes on PostgreSQL left them in the KENES_DATA_DIR/files of a third instance.
    const dataDir = testConfig().dataDir;
    const legacy = createDirectoryFileStore(fileStoreDir(dataDir));
    const read = await legacy.put(randomBytes(600_000), 'pdf');
    const swept = await legacy.put(randomBytes(1_000), 'xml');
    const damaged = await legacy.put(randomBytes(1_000), 'docx');
    writeFileSync(storedFilePath(fileStoreDir(dataDir), damaged), 'changed on disk');

    // A read that misses on the instance with the file copies it in at once.
    const third = openFileStore(one, dataDir);
    expect(await b.app.files.read(read)).toBeUndefined();
    expect((await third.read(read))?.equals(await legacy.read(read) ?? Buffer.alloc(0))).toBe(true);
    expect((await b.app.files.open(read))?.size).toBe(600_000);

    // When that instance starts, the rest of its directory is copied in the background; a damaged file stays out.
    const started = await buildApp({ config: testConfig({ KENES_DATA_DIR: dataDir }), database: one, logger: false });
    await started.ready();
    try {
      for (let waited = 0; (await b.app.files.size(swept)) === undefined && waited < 5_000; waited += 50) await sleep(50);
      expect(await b.app.files.size(swept)).toBe(1_000);
      expect(await b.app.files.read(damaged)).toBeUndefined();
      expect(await started.files.adoptLocalFiles()).toEqual({ copied: 0, damaged: [damaged] });
    } finally {
      await started.close();
    }
  });

  it('restores a backup made before the file tables existed: its files wait in the data directory and join the database once it is migrated', async () => {
    const names = Object.keys(migrations);
    const before = names[names.indexOf('0011_stored_file') - 1]!;
    const source = await emptyPGlite();
    const target = await createEmptyDatabase();
    try {
      const { error } = await new Migrator({ db: source.db, provider: { getMigrations: async () => migrations } }).migrateTo(before);
      if (error) throw error;
      const photo = randomBytes(2_000);
      const sourceFiles = openFileStore(source, testConfig().dataDir);
      await createPerson(source.db, { photoFile: await sourceFiles.put(photo, 'webp') });
      const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'kenes-files-old-')), 'old.kenes.gz');
      expect((await writeBackup(source.db, file, { files: sourceFiles })).migration).toBe(before);

      expect(await restoreBackup(target.db, file, { files: openFileStore(target, testConfig().dataDir) })).toMatchObject({ files: 1, notes: [] });
      // Another instance, with a data directory of its own, reads it from the database.
      const elsewhere = openFileStore(target, testConfig().dataDir);
      expect((await elsewhere.read(`${sha256(photo)}.webp`))?.equals(photo)).toBe(true);
    } finally {
      await source.close();
      await target.close();
    }
  });

  it('backs up on PostgreSQL into a backup that restores on the embedded database with the same files, and back', async () => {
    const work = mkdtempSync(path.join(os.tmpdir(), 'kenes-files-backup-'));
    const fromPostgres = path.join(work, 'from-postgres.kenes.gz');
    const header = await writeBackup(one.db, fromPostgres, { files: a.app.files });
    // The photo, the five minutes files and the paper; stored_file is carried as files, not rows.
    expect(header.files).toMatchObject({ count: 7, missing: [] });
    const urls = [photoUrl, ...minutesUrls, paper.url];
    expect(header.tables.map((t) => t.name)).not.toContain('stored_file');

    const embeddedDir = mkdtempSync(path.join(os.tmpdir(), 'kenes-files-embedded-'));
    const embedded = await emptyPGlite();
    let onPGlite: TestApp | undefined;
    try {
      expect(await restoreBackup(embedded.db, fromPostgres, { files: openFileStore(embedded, embeddedDir) })).toMatchObject({ files: 7, notes: [] });
      onPGlite = await createTestApp({ database: embedded, env: { KENES_DATA_DIR: embeddedDir } });
      await expectSameBytes(a, onPGlite, urls);
      expect(filesOnDisk(embeddedDir)).toHaveLength(7);
      expect(await storedCount(embedded.db)).toBe(0);

      const fromPGlite = path.join(work, 'from-pglite.kenes.gz');
      await writeBackup(embedded.db, fromPGlite, { files: onPGlite.app.files });
      const postgresDir = mkdtempSync(path.join(os.tmpdir(), 'kenes-files-postgres-'));
      const target = await createEmptyDatabase();
      let onPostgres: TestApp | undefined;
      try {
        expect(await restoreBackup(target.db, fromPGlite, { files: openFileStore(target, postgresDir) })).toMatchObject({ files: 7, notes: [] });
        onPostgres = await createTestApp({ database: target, env: { KENES_DATA_DIR: postgresDir } });
        await expectSameBytes(a, onPostgres, urls);
        expect(await storedCount(target.db)).toBe(7);
        expect(filesOnDisk(postgresDir)).toEqual([]);
      } finally {
        await (onPostgres ?? target).close();
      }
    } finally {
      await (onPGlite ?? embedded).close();
    }
  }, 120_000);
});
