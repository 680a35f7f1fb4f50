// Once per test run: one migrated, seeded template; every test file clones it (fast, isolated).
// With TEST_DATABASE_URL the template is a PostgreSQL database and each file gets its own copy.
import type { TestProject } from 'vitest/node';
import { buildPGliteTemplates, buildPostgresTemplate, withAdminClient } from './template.js';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
    pgliteEmptyTemplate: string;
    postgresTemplate: string;
    runId: string;
  }
}

export default async function setup(project: TestProject) {
  const runId = `${process.pid}_${Date.now().toString(36)}`;
  project.provide('runId', runId);
  const templates = await buildPGliteTemplates();
  project.provide('pgliteTemplate', templates.seeded);
  project.provide('pgliteEmptyTemplate', templates.empty);
  const baseUrl = process.env.TEST_DATABASE_URL;
  if (!baseUrl) {
    project.provide('postgresTemplate', '');
    return;
  }
  const template = `kenes_tpl_${runId}`;
  await buildPostgresTemplate(baseUrl, template);
  project.provide('postgresTemplate', template);
  return async () => {
    await withAdminClient(baseUrl, async (c) => {
      const { rows } = await c.query<{ datname: string }>(`select datname from pg_database where datname like $1`, [`kenes_%${runId}%`]);
      for (const { datname } of rows) await c.query(`drop database if exists "${datname}" with (force)`);
    });
  };
}
