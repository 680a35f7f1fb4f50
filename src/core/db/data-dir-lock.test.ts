// The data directory lock: refuses a live holder, takes over a dead one's lock, frees it on close.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from './connect.js';
import { DataDirInUseError, lockDataDir, type LockOwner } from './data-dir-lock.js';

const work = mkdtempSync(path.join(os.tmpdir(), 'kenes-lock-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

let n = 0;
function freshDir(): string {
  return path.join(work, `dir-${++n}`);
}

function writeLock(dir: string, owner: Partial<LockOwner>): string {
  const file = path.join(dir, 'kenes.lock');
  writeFileSync(file, JSON.stringify({ hostname: os.hostname(), startedAt: '2024-01-01T00:00:00.000Z', token: 'theirs', ...owner }));
  return file;
}

/** The pid of a process that has certainly exited. */
function deadPid(): number {
  return spawnSync(process.execPath, ['-e', '']).pid!;
}

describe('the data directory lock', () => {
  it('is exclusive within a process and free again after release', async () => {
    const dir = freshDir();
    const lock = await lockDataDir(dir);
    await expect(lockDataDir(dir)).rejects.toThrow(/already open in this process/);
    lock.release();
    expect(existsSync(lock.file)).toBe(false);
    (await lockDataDir(dir)).release();
  });

  it('refuses a directory held by a living process, naming it, and leaves its lock alone', async () => {
    const dir = freshDir();
    (await lockDataDir(dir)).release();
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)']);
    try {
      const file = writeLock(dir, { pid: child.pid! });
      const before = readFileSync(file, 'utf8');
      const error = await lockDataDir(dir).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DataDirInUseError);
      expect((error as Error).message).toBe(
        `The embedded database in ${dir} is in use by another Kenes process (pid ${child.pid}, started 2024-01-01T00:00:00.000Z). Stop it first, or run Kenes on PostgreSQL (DATABASE_URL), where commands can run beside the server.`,
      );
      expect(readFileSync(file, 'utf8')).toBe(before);
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('takes over the lock of a process that is gone (kill -9)', async () => {
    const dir = freshDir();
    (await lockDataDir(dir)).release();
    const file = writeLock(dir, { pid: deadPid() });
    const lock = await lockDataDir(dir);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ pid: process.pid, hostname: os.hostname() });
    lock.release();
  });

  it.runIf(existsSync('/proc/self/stat'))('takes over a lock whose pid now belongs to a different process', async () => {
    const dir = freshDir();
    (await lockDataDir(dir)).release();
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)']);
    try {
      const file = writeLock(dir, { pid: child.pid!, processStart: '1' });
      const lock = await lockDataDir(dir);
      expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ pid: process.pid });
      lock.release();
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('counts a lock from another host as held, and says how to clear it', async () => {
    const dir = freshDir();
    (await lockDataDir(dir)).release();
    const file = writeLock(dir, { pid: deadPid(), hostname: 'elsewhere.example' });
    await expect(lockDataDir(dir)).rejects.toThrow(`on host elsewhere.example`);
    await expect(lockDataDir(dir)).rejects.toThrow(`delete ${file}`);
  });

  it('takes over an unreadable lock left by a crash, after giving a writer time to finish it', async () => {
    const dir = freshDir();
    (await lockDataDir(dir)).release();
    const file = path.join(dir, 'kenes.lock');
    writeFileSync(file, '');
    const old = new Date(Date.now() - 60_000);
    utimesSync(file, old, old);
    let started = Date.now();
    (await lockDataDir(dir)).release();
    expect(Date.now() - started).toBeLessThan(1000);

    writeFileSync(file, '{"pid": 1');
    started = Date.now();
    (await lockDataDir(dir)).release();
    expect(Date.now() - started).toBeGreaterThan(1500);
  });

  it('is taken by openDatabase on a data directory and released by close; memory databases take none', async () => {
    const dir = freshDir();
    const first = await openDatabase({ dataDir: dir });
    await expect(openDatabase({ dataDir: dir })).rejects.toThrow(DataDirInUseError);
    const memory = await openDatabase({});
    await memory.close();
    await first.close();
    expect(existsSync(path.join(dir, 'kenes.lock'))).toBe(false);
    const again = await openDatabase({ dataDir: dir });
    await again.close();
  });
});
