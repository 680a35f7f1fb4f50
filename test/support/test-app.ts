// Builds the app on a fresh test database for app.inject() tests.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp, type BuildAppOptions } from '../../src/app.js';
import { loadConfig, type Config } from '../../src/core/config.js';
import type { DatabaseHandle } from '../../src/core/db/connect.js';
import { buildAssetManifest, type AssetManifest } from '../../src/core/http/assets.js';
import { createTestDatabase } from './test-db.js';

let assets: AssetManifest | undefined;

export interface TestApp {
  app: FastifyInstance;
  database: DatabaseHandle;
  config: Config;
  close(): Promise<void>;
}

/** Test config; the data directory (uploaded files) is a fresh temporary one. */
export function testConfig(overrides: Record<string, string> = {}): Config {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'kenes-data-'));
  // No page cache unless a test asks for it (KENES_PAGE_CACHE_MB): most tests write with factories and read at once,
  // and on PostgreSQL the change's notice reaches the cache a moment later (page-cache.test.ts covers the cache).
  return loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', KENES_DATA_DIR: dataDir, KENES_PAGE_CACHE_MB: '0', ...overrides });
}

export async function createTestApp(options: Partial<Pick<BuildAppOptions, 'extend' | 'logger'>> & { env?: Record<string, string>; database?: DatabaseHandle } = {}): Promise<TestApp> {
  const database = options.database ?? (await createTestDatabase());
  const config = testConfig(options.env);
  assets ??= buildAssetManifest();
  const app = await buildApp({ config, database, assets, logger: options.logger ?? false, ...(options.extend ? { extend: options.extend } : {}) });
  await app.ready();
  return {
    app,
    database,
    config,
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}
