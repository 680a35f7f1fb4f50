// Keeps the server up when one request's failure escapes every handler: an unhandled rejection or
// an uncaught exception is logged with its stack and counted (/metrics), and the process goes on
// serving everyone else. Node's default — exit on the first one — lets one crafted request stop a
// public service; a fault that corrupts state shows up in the count and the log, not as an outage.
import type { FastifyBaseLogger } from 'fastify';

let strayErrors = 0;
let installed = false;

/** How many errors escaped their request since start (a gauge in /metrics). */
export const strayErrorCount = () => strayErrors;

export function keepServingOnStrayErrors(logger: FastifyBaseLogger): void {
  if (installed) return;
  installed = true;
  process.on('unhandledRejection', (reason) => {
    strayErrors++;
    logger.error({ err: reason }, 'unhandled rejection (the server keeps running)');
  });
  process.on('uncaughtException', (err, origin) => {
    strayErrors++;
    logger.error({ err, origin }, 'uncaught exception (the server keeps running)');
  });
}
