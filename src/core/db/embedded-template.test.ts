import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { openDatabase } from './connect.js';
import { fillFromTemplate, installedPgliteVersion, templatePgliteVersion } from './embedded-template.js';

const work = mkdtempSync(path.join(tmpdir(), 'kenes-template-test-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the embedded database template', () => {
  it('was made by the installed PGlite (after an upgrade: npm run make:embedded-template)', () => {
    expect(templatePgliteVersion()).toBe(installedPgliteVersion());
  });

  it('fills a new data directory, which then opens, answers queries and keeps what is written', async () => {
    const dataDir = path.join(work, 'fresh');
    const first = await openDatabase({ dataDir });
    try {
      await sql`create table kept (word text)`.execute(first.db);
      await sql`insert into kept values ('мәслихат')`.execute(first.db);
    } finally {
      await first.close();
    }
    expect(existsSync(path.join(dataDir, 'pglite', 'PG_VERSION'))).toBe(true);
    expect(existsSync(path.join(dataDir, 'pglite', 'pg_tblspc'))).toBe(true);
    expect(existsSync(path.join(dataDir, 'pglite.partial'))).toBe(false);
    const again = await openDatabase({ dataDir });
    try {
      const { rows } = await sql<{ word: string }>`select word from kept`.execute(again.db);
      expect(rows).toEqual([{ word: 'мәслихат' }]);
    } finally {
      await again.close();
    }
  });

  it('leaves a directory that already holds anything as it is', () => {
    const dir = path.join(work, 'occupied');
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'something'), 'x');
    expect(fillFromTemplate(dir)).toBe(false);
    expect(readdirSync(dir)).toEqual(['something']);
  });

  it('replaces a half-made copy left by an interrupted start', () => {
    const dir = path.join(work, 'interrupted');
    mkdirSync(path.join(`${dir}.partial`, 'base'), { recursive: true });
    writeFileSync(path.join(`${dir}.partial`, 'stray'), 'x');
    mkdirSync(dir, { recursive: true });
    expect(fillFromTemplate(dir)).toBe(true);
    expect(existsSync(path.join(dir, 'stray'))).toBe(false);
    expect(existsSync(path.join(dir, 'PG_VERSION'))).toBe(true);
  });
});
