// One process per embedded data directory, as an operator meets it: with `kenes serve` running,
// every other command on the same KENES_DATA_DIR refuses, says why, and leaves the database alone.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoDeputies, deputiesWorkbook, westKazakhstanMaslikhats } from '../src/features/registry/import/demo-file.js';
import { ensureBuilt, killServer, runKenes, startServer, stopServer, type KenesServer } from './support/kenes-process.js';

const work = mkdtempSync(path.join(os.tmpdir(), 'kenes-lock-cli-'));
const servers: KenesServer[] = [];

beforeAll(() => ensureBuilt(), 120_000);

afterAll(() => {
  for (const server of servers) server.child.kill('SIGKILL');
  rmSync(work, { recursive: true, force: true });
});

describe('one process per data directory', () => {
  it('refuses every command while the server runs, changes nothing, and takes over after a kill -9', async () => {
    const dataDir = path.join(work, 'data');
    const env = { KENES_DATA_DIR: dataDir, KENES_JOBS: 'off', KENES_ADMIN_PASSWORD: 'lock-test-admin-pass' };
    const deputies = path.join(work, 'deputies.xlsx');
    writeFileSync(deputies, await deputiesWorkbook(demoDeputies(50, { lang: 'ru', maslikhats: westKazakhstanMaslikhats.ru.slice(0, 2), offset: 5000 }), 'ru'));
    expect((await runKenes(['seed'], env, { cwd: work })).code).toBe(0);

    const server = await startServer(env, { cwd: work });
    servers.push(server);
    const lockFile = path.join(dataDir, 'kenes.lock');
    expect(JSON.parse(readFileSync(lockFile, 'utf8'))).toMatchObject({ pid: server.child.pid });
    const persons = async (s: KenesServer) => ((await (await fetch(`${s.url}/api/v1/persons`)).json()) as { count: number }).count;
    const before = await persons(server);

    const refused = [
      ['import', 'deputies', deputies, '--maslikhat', 'maslikhat-270000000'],
      ['seed'],
      ['migrate'],
      ['backup', path.join(work, 'backup.gz')],
      ['restore', path.join(work, 'backup.gz'), '--replace'],
      ['admin', 'create', '--email', 'clerk@kenes.local'],
    ];
    for (const args of refused) {
      const res = await runKenes(args, env, { cwd: work });
      expect({ args, code: res.code }).toEqual({ args, code: 1 });
      expect(res.stderr).toContain(`The embedded database in ${dataDir} is in use by another Kenes process (pid ${server.child.pid}, started `);
      expect(res.stderr).toContain('Stop it first, or run Kenes on PostgreSQL (DATABASE_URL)');
      expect(res.stderr).not.toContain('    at '); // a message, not a stack trace
    }
    expect(existsSync(path.join(work, 'backup.gz'))).toBe(false);
    await expect(startServer(env, { cwd: work })).rejects.toThrow(`is in use by another Kenes process (pid ${server.child.pid}`);

    // The running server was never disturbed.
    expect(await persons(server)).toBe(before);
    expect(readFileSync(lockFile, 'utf8')).toContain(`"pid": ${server.child.pid}`);

    // A kill -9 leaves the lock behind; the next start sees its process gone and takes the directory.
    await killServer(server);
    expect(existsSync(lockFile)).toBe(true);
    const next = await startServer(env, { cwd: work });
    servers.push(next);
    expect(await persons(next)).toBe(before);
    expect(await stopServer(next)).toBe(0);
    expect(existsSync(lockFile)).toBe(false);

    // Nothing the refused commands asked for happened: the administrator can still be created, and
    // the import applies all 50 deputies now.
    const admin = await runKenes(['admin', 'create', '--email', 'clerk@kenes.local'], env, { cwd: work });
    expect(admin.stdout).toContain('Administrator clerk@kenes.local created.');
    const imported = await runKenes(['import', 'deputies', deputies, '--maslikhat', 'maslikhat-270000000'], env, { cwd: work });
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain('50 rows applied');
  }, 120_000);
});
