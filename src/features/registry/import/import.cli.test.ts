import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../../test/support/test-db.js';
import { testConfig } from '../../../../test/support/test-app.js';
import type { DatabaseHandle } from '../../../core/db/connect.js';
import { silentProgress } from '../../../core/progress.js';
import { demoDeputies, deputiesWorkbook, westKazakhstanMaslikhats } from './demo-file.js';
import { runImportCommand } from './import.cli.js';

let database: DatabaseHandle;
const dir = mkdtempSync(path.join(os.tmpdir(), 'kenes-import-cli-'));
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

async function kenes(...argv: string[]) {
  let out = '';
  let err = '';
  const code = await runImportCommand(argv, {
    config: testConfig(),
    // The command closes what it opens; the test keeps the database to look into it.
    openDatabase: async () => ({ ...database, close: async () => {} }),
    progress: silentProgress,
    out: { write: (s: string) => ((out += s), true) } as unknown as NodeJS.WritableStream,
    err: { write: (s: string) => ((err += s), true) } as unknown as NodeJS.WritableStream,
  });
  return { code, out, err };
}

const deputyCount = async () => Number((await database.db.selectFrom('membership').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

describe('kenes import deputies', () => {
  const rows = demoDeputies(40, { lang: 'ru', maslikhats: westKazakhstanMaslikhats.ru.slice(0, 2), offset: 4000 });
  const good = path.join(dir, 'deputies.xlsx');
  const bad = path.join(dir, 'deputies-bad.xlsx');
  beforeAll(async () => {
    writeFileSync(good, await deputiesWorkbook(rows, 'ru'));
    writeFileSync(bad, await deputiesWorkbook(rows.map((r, i) => (i === 3 ? { ...r, iin: '780305300008' } : i === 7 ? { ...r, birthDate: '32.01.1970' } : r)), 'ru'));
  });

  it('prints the report in English and exits 1 when a row is bad, writing nothing', async () => {
    const before = await deputyCount();
    const { code, out } = await kenes('deputies', bad, '--maslikhat', 'maslikhat-270000000');
    expect(code).toBe(1);
    expect(out).toContain('deputies-bad.xlsx: 2 rows of 40 have problems. Nothing was written');
    expect(out).toContain('row 5      IIN: IIN “780305300008” fails its check digit');
    expect(out).toContain('row 9      Date of birth: “32.01.1970” is not a date.');
    expect(await deputyCount()).toBe(before);
  });

  it('checks only with --dry-run, applies otherwise, and a second run changes nothing', async () => {
    const before = await deputyCount();
    const dry = await kenes('deputies', good, '--maslikhat', 'maslikhat-270000000', '--dry-run');
    expect(dry.code).toBe(0);
    expect(dry.out).toContain('all 40 rows are in order (dry run: nothing written)');
    expect(await deputyCount()).toBe(before);

    const applied = await kenes('deputies', good, '--maslikhat', 'maslikhat-270000000');
    expect(applied.code).toBe(0);
    expect(applied.out).toContain('40 rows applied to West Kazakhstan Regional Maslikhat (maslikhat-270000000)');
    expect(applied.out).toContain('New deputy mandates: 40');
    expect(applied.out).toContain('New district and city maslikhats: 2');
    expect(await deputyCount()).toBe(before + 40);

    const again = await kenes('deputies', good, '--maslikhat', 'maslikhat-270000000');
    expect(again.out).toContain('New deputy mandates: 0');
    expect(again.out).toContain('Mandates left as they are: 40');
    expect(await deputyCount()).toBe(before + 40);
  });

  it('explains how to call it', async () => {
    expect((await kenes('deputies', good)).err).toContain('Usage: kenes import deputies <file> --maslikhat <slug>');
    expect((await kenes('deputies', path.join(dir, 'missing.xlsx'), '--maslikhat', 'maslikhat-270000000')).err).toContain('Cannot read');
    const unknown = await kenes('deputies', good, '--maslikhat', 'maslikhat-000');
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain('There is no maslikhat "maslikhat-000"');
  });
});
