// Reads uploaded spreadsheets off the event loop: each file in its own worker thread with a small heap
// and a time limit, a few at a time, whatever feature's table it holds (a SheetReader says). A fresh worker per file (a few tens of milliseconds to start) gives
// all its memory back when it ends, and a file that takes too long or too much is simply terminated;
// the server answers other requests meanwhile and never dies of a file.
import { Worker } from 'node:worker_threads';
import type { z } from 'zod';
import { errorCode } from '../error-code.js';
import type { MessageKey, MessageValues } from '../i18n/messages.js';

/**
 * How the worker reads a file: it imports `module` (a feature's reading module, by its
 * `import.meta.url`) and calls its export `name` with the bytes; what comes back is checked by `schema`.
 */
export interface SheetReader<T> {
  module: string;
  name: string;
  schema: z.ZodType<T>;
}

export interface ParsePoolOptions {
  /** Files read at once. */
  parallel: number;
  /** Files waiting for a turn; one more is told to try again later. */
  waiting: number;
  /** How long a file waits for its turn before the person is told to try again later. */
  waitMs: number;
  /** How long one file may take to read. */
  timeoutMs: number;
  /** The worker's heap (V8's old generation); its young generation adds at most 16 MB. */
  heapMb: number;
}

/**
 * Two files at a time, each with 64 MB of heap for 20 seconds: an honest file of 20,000 rows reads in
 * about a second with a fraction of that; a secretary whose upload waits behind two others is
 * answered within a minute either way.
 */
export const parsePoolDefaults: ParsePoolOptions = { parallel: 2, waiting: 8, waitMs: 30_000, timeoutMs: 20_000, heapMb: 64 };

export type ParseOutcome<T> = { file: T } | { problem: { messageKey: MessageKey; values?: MessageValues } };

const problem = (messageKey: MessageKey, values?: MessageValues): { problem: { messageKey: MessageKey; values?: MessageValues } } => ({ problem: { messageKey, ...(values ? { values } : {}) } });

// Under vitest this module is TypeScript source: the worker is too. Node strips its types, and this
// hook lets its imports name `./x.js` as the compiled files do. The built dist/ needs neither.
const fromSource = import.meta.url.endsWith('.ts');
const workerFile = new URL(fromSource ? './parse.worker.ts' : './parse.worker.js', import.meta.url);
const sourceBootstrap = `
const { registerHooks } = require('node:module');
registerHooks({
  resolve(specifier, context, next) {
    try {
      return next(specifier, context);
    } catch (error) {
      if (!/^\\.{1,2}\\//.test(specifier) || !specifier.endsWith('.js')) throw error;
      return next(specifier.slice(0, -3) + '.ts', context);
    }
  },
});
import(${JSON.stringify(workerFile.href)});
`;

function readInWorker<T>(data: Uint8Array, reader: SheetReader<T>, options: ParsePoolOptions): Promise<ParseOutcome<T>> {
  // The worker gets its own copy (moved, not copied again), whatever buffer the caller's view is in.
  const copy = new Uint8Array(data);
  const worker = new Worker(fromSource ? sourceBootstrap : workerFile, {
    eval: fromSource,
    workerData: { data: copy, module: reader.module, name: reader.name },
    transferList: [copy.buffer],
    resourceLimits: { maxOldGenerationSizeMb: options.heapMb, maxYoungGenerationSizeMb: 16 },
  });
  return new Promise((resolve) => {
    let outcome: ParseOutcome<T> | undefined;
    // The turn is given back only when the worker has ended, so no more than `parallel` exist at once.
    const finish = (result: ParseOutcome<T>) => {
      if (outcome) return;
      outcome = result;
      clearTimeout(timer);
      void worker.terminate().then(() => resolve(result));
    };
    const timer = setTimeout(() => finish(problem('import.file.tooSlow', { seconds: Math.ceil(options.timeoutMs / 1000) })), options.timeoutMs);
    worker.once('message', (message: unknown) => {
      const file = reader.schema.safeParse(message);
      finish(file.success ? { file: file.data } : problem('import.file.unreadable'));
    });
    worker.once('error', (error: unknown) => finish(errorCode(error) === 'ERR_WORKER_OUT_OF_MEMORY' ? problem('import.file.tooBigMemory') : problem('import.file.unreadable')));
    worker.once('exit', () => finish(problem('import.file.unreadable')));
  });
}

export function createParsePool(options: ParsePoolOptions = parsePoolDefaults) {
  let running = 0;
  const queue: (() => void)[] = [];

  /** Waits for a turn; false when too many wait already or the wait is too long. */
  function take(): Promise<boolean> | boolean {
    if (running < options.parallel) {
      running++;
      return true;
    }
    if (queue.length >= options.waiting) return false;
    return new Promise((resolve) => {
      const start = () => {
        clearTimeout(timer);
        resolve(true);
      };
      const timer = setTimeout(() => {
        queue.splice(queue.indexOf(start), 1);
        resolve(false);
      }, options.waitMs);
      queue.push(start);
    });
  }

  /** Hands the turn to the next file waiting, if any. */
  function release() {
    const next = queue.shift();
    if (next) next();
    else running--;
  }

  return {
    async read<T>(data: Uint8Array, reader: SheetReader<T>): Promise<ParseOutcome<T>> {
      if (!(await take())) return problem('import.file.busy');
      try {
        return await readInWorker(data, reader, options);
      } finally {
        release();
      }
    },
    /** Files being read now, and waiting (for tests and metrics). */
    get load() {
      return { running, waiting: queue.length };
    },
  };
}

export type ParsePool = ReturnType<typeof createParsePool>;

export const defaultParsePool: ParsePool = createParsePool();
