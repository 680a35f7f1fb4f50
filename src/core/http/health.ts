// Liveness (/healthz: the process answers) and readiness (/readyz: database reachable, migrations current).
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import type { Db } from '../db/connect.js';
import { pendingMigrations } from '../db/migrate.js';

export async function healthRoutes(app: FastifyInstance, opts: { db: Db }): Promise<void> {
  // Once every migration this code knows is applied, it stays so for the life of the process (a
  // newer migration comes with newer code): later probes only reach the database. Reading the
  // migrations' table through Kysely's migrator costs about 6 ms of CPU, which an anonymous caller
  // could repeat at will.
  let migrationsCurrent = false;

  app.get('/healthz', { logLevel: 'warn' }, async (_request, reply) => {
    return reply.header('cache-control', 'no-store').send({ status: 'ok' });
  });

  app.get('/readyz', { logLevel: 'warn' }, async (request, reply) => {
    reply.header('cache-control', 'no-store');
    try {
      await sql`select 1`.execute(opts.db);
      if (!migrationsCurrent) {
        const pending = await pendingMigrations(opts.db);
        if (pending.length > 0) return reply.code(503).send({ status: 'not_ready', reason: 'migrations_pending', pending });
        migrationsCurrent = true;
      }
      return reply.send({ status: 'ready' });
    } catch (err) {
      request.log.warn({ err }, 'readiness check failed');
      return reply.code(503).send({ status: 'not_ready', reason: 'database_unreachable' });
    }
  });
}
