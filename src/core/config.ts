// The one place that reads the environment: validated once, typed, every problem listed.
import path from 'node:path';
import { z } from 'zod';

const booleanFlag = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no'])
  .transform((v) => v === '1' || v === 'true' || v === 'yes');

const configSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('localhost'),
  KENES_DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
  DATABASE_PREPARED_STATEMENTS: booleanFlag.default(true),
  KENES_ADMIN_EMAIL: z.email().default('admin@kenes.local'),
  KENES_ADMIN_PASSWORD: z.string().min(12, 'must be at least 12 characters').optional(),
  KENES_PUBLIC_URL: z.url().optional(),
  KENES_SECURE_COOKIES: booleanFlag.optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  KENES_BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).default(1_048_576),
  KENES_TRUST_PROXY: booleanFlag.default(false),
  SMTP_URL: z.string().regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://').optional(),
  KENES_MAIL_FROM: z.string().min(3).default('Kenes <no-reply@kenes.local>'),
  KENES_SESSION_IDLE_MINUTES: z.coerce.number().int().min(5).max(24 * 60).default(60),
  KENES_SESSION_MAX_HOURS: z.coerce.number().int().min(1).max(24 * 30).default(12),
  /** Memory for rendered public pages kept for anonymous visitors (0 turns the cache off). */
  KENES_PAGE_CACHE_MB: z.coerce.number().int().min(0).max(4096).default(64),
  /** Anonymous requests a minute per IP to /api/v1/ and /open-data/ (0 turns the limit off). */
  KENES_OPEN_API_RATE_PER_MINUTE: z.coerce.number().int().min(0).max(100_000).default(120),
  /** How long after the last data change the open-data zip is rebuilt. */
  KENES_OPEN_DATA_ZIP_DELAY_MS: z.coerce.number().int().min(0).max(3_600_000).default(30_000),
  KENES_JOBS: z
    .enum(['on', 'off', '1', '0', 'true', 'false', 'yes', 'no'])
    .transform((v) => v === 'on' || v === '1' || v === 'true' || v === 'yes')
    .optional(),
});

export type Config = {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  databasePoolMax: number;
  /** PostgreSQL: run repeated queries as named prepared statements (off behind a pooler that cannot keep them). */
  databasePreparedStatements: boolean;
  adminEmail: string;
  adminPassword: string | undefined;
  publicUrl: string | undefined;
  secureCookies: boolean;
  logLevel: string;
  bodyLimit: number;
  trustProxy: boolean;
  smtpUrl: string | undefined;
  mailFrom: string;
  sessionIdleMinutes: number;
  sessionMaxHours: number;
  /** Bytes of rendered public pages kept for anonymous visitors; 0: no page cache (core/http/page-cache.ts). */
  pageCacheBytes: number;
  /** Anonymous requests a minute per IP to the read-only API and the open data; 0: no limit (core/http/rate-limit.ts). */
  openApiRatePerMinute: number;
  /** Milliseconds after the last content change before the open-data zip is rebuilt (features/open-data/bulk-zip.ts). */
  openDataZipDelayMs: number;
  /** Run the job queue's worker and schedules (reminders) in `serve`; KENES_JOBS=off turns them off. */
  jobs: boolean;
};

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Reads the environment (or a given record) and returns a typed config, or throws a ConfigError listing every problem. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  // Empty strings mean "unset": a blank line in an env file must not become a bad value.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = configSchema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`));
  }
  const c = parsed.data;
  const publicUrlIsHttps = c.KENES_PUBLIC_URL?.startsWith('https://') ?? false;
  return {
    env: c.NODE_ENV,
    port: c.PORT,
    host: c.HOST,
    dataDir: path.resolve(c.KENES_DATA_DIR),
    databaseUrl: c.DATABASE_URL,
    databasePoolMax: c.DATABASE_POOL_MAX,
    databasePreparedStatements: c.DATABASE_PREPARED_STATEMENTS,
    adminEmail: c.KENES_ADMIN_EMAIL,
    adminPassword: c.KENES_ADMIN_PASSWORD,
    publicUrl: c.KENES_PUBLIC_URL,
    secureCookies: c.KENES_SECURE_COOKIES ?? publicUrlIsHttps,
    logLevel: c.LOG_LEVEL,
    bodyLimit: c.KENES_BODY_LIMIT_BYTES,
    trustProxy: c.KENES_TRUST_PROXY,
    smtpUrl: c.SMTP_URL,
    mailFrom: c.KENES_MAIL_FROM,
    sessionIdleMinutes: c.KENES_SESSION_IDLE_MINUTES,
    sessionMaxHours: c.KENES_SESSION_MAX_HOURS,
    pageCacheBytes: c.KENES_PAGE_CACHE_MB * 1024 * 1024,
    openApiRatePerMinute: c.KENES_OPEN_API_RATE_PER_MINUTE,
    openDataZipDelayMs: c.KENES_OPEN_DATA_ZIP_DELAY_MS,
    jobs: c.KENES_JOBS ?? true,
  };
}
