// The worker thread that reads one uploaded file (started by parse-pool.ts): a file that takes too
// long or too much memory costs this thread, which is then ended, never the server.
import { parentPort, workerData } from 'node:worker_threads';
import { z } from 'zod';
import { readDeputiesFile } from './parse.js';

const { data } = z.object({ data: z.instanceof(Uint8Array) }).parse(workerData);
// oxlint-disable-next-line unicorn/require-post-message-target-origin -- a worker's port, not a window
parentPort!.postMessage(await readDeputiesFile(data));
