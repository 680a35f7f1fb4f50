// The worker thread that reads one uploaded file (started by parse-pool.ts) with the reading function
// it is told of: a file that takes too long or too much memory costs this thread, which is then
// ended, never the server.
import { parentPort, workerData } from 'node:worker_threads';
import { z } from 'zod';

const { data, module, name } = z.object({ data: z.instanceof(Uint8Array), module: z.string(), name: z.string() }).parse(workerData);
const loaded: Record<string, unknown> = await import(module);
const read = loaded[name];
if (typeof read !== 'function') throw new Error(`${module} has no function ${name}`);
// oxlint-disable-next-line unicorn/require-post-message-target-origin -- a worker's port, not a window
parentPort!.postMessage(await read(data));
