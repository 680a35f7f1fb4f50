import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

function captureError(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    return err;
  }
  return undefined;
}

describe('loadConfig', () => {
  it('gives working defaults on an empty environment', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ port: 3000, host: 'localhost', databaseUrl: undefined, secureCookies: false, env: 'development', databasePreparedStatements: true });
    expect(c.dataDir).toMatch(/[/\\]data$/);
  });

  it('lists every problem, not only the first', () => {
    const error = captureError(() => loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', KENES_ADMIN_PASSWORD: 'short', LOG_LEVEL: 'loud' }));
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    expect(problems).toHaveLength(4);
    expect(problems.join('\n')).toMatch(/PORT[\s\S]*DATABASE_URL[\s\S]*KENES_ADMIN_PASSWORD[\s\S]*LOG_LEVEL|PORT/);
    for (const name of ['PORT', 'DATABASE_URL', 'KENES_ADMIN_PASSWORD', 'LOG_LEVEL']) expect(problems.join('\n')).toContain(name);
  });

  it('treats empty values as unset and turns on secure cookies for an https public URL', () => {
    const c = loadConfig({ PORT: '', DATABASE_URL: '', KENES_PUBLIC_URL: 'https://kenes.example.kz' });
    expect(c.port).toBe(3000);
    expect(c.databaseUrl).toBeUndefined();
    expect(c.secureCookies).toBe(true);
  });

  it('turns PostgreSQL’s prepared statements off for a pooler that cannot keep them', () => {
    expect(loadConfig({ DATABASE_PREPARED_STATEMENTS: 'false' }).databasePreparedStatements).toBe(false);
    expect(() => loadConfig({ DATABASE_PREPARED_STATEMENTS: 'maybe' })).toThrow(ConfigError);
  });
});
