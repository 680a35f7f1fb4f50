// One process per embedded data directory: PGlite has no shared-memory locking of its own, so two
// processes on one directory (a server and `kenes import`, or two servers) silently corrupt it.
import { closeSync, mkdirSync, openSync, readFileSync, realpathSync, renameSync, linkSync, statSync, unlinkSync, writeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { errorCode } from '../error-code.js';

/** What a lock file holds: enough to tell whether its process still runs, and to name it to a person. */
const lockOwner = z.object({
  pid: z.number(),
  hostname: z.string(),
  /** When the holder started (ISO), for the message. */
  startedAt: z.string().catch('at an unknown time'),
  /** Linux: the kernel's boot id and the process's start in clock ticks since boot, to see through pid reuse. */
  bootId: z.string().optional().catch(undefined),
  processStart: z.string().optional().catch(undefined),
  /** Unique per acquisition, so release and takeover never remove another process's lock. */
  token: z.string(),
});
export type LockOwner = z.infer<typeof lockOwner>;

export class DataDirInUseError extends Error {
  constructor(
    readonly dataDir: string,
    readonly lockFile: string,
    readonly owner: LockOwner,
  ) {
    super(inUseMessage(dataDir, lockFile, owner));
    this.name = 'DataDirInUseError';
  }
}

function inUseMessage(dataDir: string, lockFile: string, owner: LockOwner): string {
  const advice = 'Stop it first, or run Kenes on PostgreSQL (DATABASE_URL), where commands can run beside the server.';
  if (owner.pid === process.pid && owner.hostname === os.hostname()) {
    return `The embedded database in ${dataDir} is already open in this process (pid ${owner.pid}); close it before opening it again.`;
  }
  const who = `pid ${owner.pid}, started ${owner.startedAt}`;
  if (owner.hostname !== os.hostname()) {
    return `The embedded database in ${dataDir} is in use by a Kenes process on host ${owner.hostname} (${who}). ${advice} If no Kenes process runs there any more, delete ${lockFile}.`;
  }
  return `The embedded database in ${dataDir} is in use by another Kenes process (${who}). ${advice}`;
}

export interface DataDirLock {
  readonly file: string;
  release(): void;
}

const LOCK_NAME = 'kenes.lock';
/** A writer fills its lock file within microseconds; an unreadable one older than this is debris of a crash. */
const UNREADABLE_GRACE_MS = 2000;

/** Locks held by this process (lock file → what it holds): a second open in the same process is refused too. */
const held = new Map<string, { content: string; owner: LockOwner }>();
let exitHookInstalled = false;

/**
 * Takes the data directory for this process, or throws DataDirInUseError. The lock is a file created
 * with O_EXCL; a lock whose process is gone (kill -9, power loss) is taken over. Released by
 * `release()` and, as a last resort, when the process exits.
 */
export async function lockDataDir(dataDir: string): Promise<DataDirLock> {
  mkdirSync(dataDir, { recursive: true });
  const file = path.join(realpathSync(dataDir), LOCK_NAME);
  const ours = held.get(file);
  if (ours) throw new DataDirInUseError(dataDir, file, ours.owner);
  const self = describeSelf();
  const content = JSON.stringify(self, null, 2) + '\n';
  for (;;) {
    if (tryCreate(file, content)) break;
    const existing = readLock(file);
    if (existing === undefined) continue; // removed meanwhile: try again
    const owner = parse(existing.text);
    if (owner) {
      if (!holderIsGone(owner)) throw new DataDirInUseError(dataDir, file, owner);
    } else if (Date.now() - existing.mtimeMs < UNREADABLE_GRACE_MS) {
      // Being written right now by another process: look again shortly.
      await new Promise((resolve) => setTimeout(resolve, 50));
      continue;
    }
    takeOver(file, existing.text);
  }
  held.set(file, { content, owner: self });
  installExitHook();
  return {
    file,
    release: () => releaseLock(file, content),
  };
}

function tryCreate(file: string, content: string): boolean {
  let fd: number;
  try {
    fd = openSync(file, 'wx', 0o644);
  } catch (err) {
    if (errorCode(err) === 'EEXIST') return false;
    throw err;
  }
  try {
    writeSync(fd, content);
  } finally {
    closeSync(fd);
  }
  return true;
}

function readLock(file: string): { text: string; mtimeMs: number } | undefined {
  try {
    const { mtimeMs } = statSync(file);
    return { text: readFileSync(file, 'utf8'), mtimeMs };
  } catch (err) {
    if (errorCode(err) === 'ENOENT') return undefined;
    throw err;
  }
}

/**
 * Removes a stale lock without ever removing a fresh one: two starters may both judge the same lock
 * stale, and the slower one must not delete the lock the faster one has just created. So the file is
 * first moved aside (atomic), then checked to be the stale one; a fresh lock moved by mistake is put
 * back with link(), which fails rather than overwrite a third process's lock.
 */
function takeOver(file: string, staleText: string): void {
  const aside = `${file}.stale-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    renameSync(file, aside);
  } catch (err) {
    if (errorCode(err) === 'ENOENT') return;
    throw err;
  }
  const moved = readFileSync(aside, 'utf8');
  if (moved !== staleText) {
    try {
      linkSync(aside, file);
    } catch (err) {
      if (errorCode(err) !== 'EEXIST') throw err;
    }
  }
  unlinkSync(aside);
}

function releaseLock(file: string, content: string): void {
  if (held.get(file)?.content !== content) return;
  held.delete(file);
  try {
    // Only our own lock: if someone deleted it by hand and another process took the directory, leave theirs.
    if (readFileSync(file, 'utf8') === content) unlinkSync(file);
  } catch (err) {
    if (errorCode(err) !== 'ENOENT') throw err;
  }
}

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // process.exit() without closing the database (a forced shutdown) still frees the directory;
  // only a kill -9 or a crash of the machine leaves a lock, and the next start sees its pid gone.
  process.on('exit', () => {
    for (const [file, { content }] of held) releaseLock(file, content);
  });
}

function parse(text: string): LockOwner | undefined {
  try {
    const owner = lockOwner.safeParse(JSON.parse(text));
    return owner.success ? owner.data : undefined;
  } catch {
    return undefined;
  }
}

function describeSelf(): LockOwner {
  const bootId = readBootId();
  const processStart = readProcessStart(process.pid);
  return {
    pid: process.pid,
    hostname: os.hostname(),
    startedAt: new Date(Date.now() - process.uptime() * 1000).toISOString(),
    ...(bootId ? { bootId } : {}),
    ...(processStart ? { processStart } : {}),
    token: randomBytes(8).toString('hex'),
  };
}

/**
 * Whether the lock's process has certainly ended. A lock from another host cannot be checked from
 * here, so it counts as held; on this host the pid must exist and, where Linux lets us see it, be the
 * same process (same boot, same start tick) rather than a later one that reused the number.
 */
export function holderIsGone(owner: LockOwner): boolean {
  if (owner.hostname !== os.hostname()) return false;
  const bootId = readBootId();
  if (owner.bootId && bootId && owner.bootId !== bootId) return true;
  // Not in `held` (checked before), so a lock naming our own pid is a previous process's, e.g. the
  // same pid 1 in a restarted container.
  if (owner.pid === process.pid) return true;
  try {
    process.kill(owner.pid, 0);
  } catch (err) {
    if (errorCode(err) === 'ESRCH') return true;
    // EPERM: the process exists but belongs to another user.
  }
  const start = readProcessStart(owner.pid);
  return Boolean(owner.processStart && start && start !== owner.processStart);
}

function readBootId(): string | undefined {
  try {
    return readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim() || undefined;
  } catch {
    return undefined;
  }
}

/** Field 22 of /proc/<pid>/stat (start time in ticks since boot); the command name before it may hold spaces. */
function readProcessStart(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}
