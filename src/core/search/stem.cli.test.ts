// The `stem` command: one stem a line for one word a line, in Kazakh (our stemmer), Russian and
// English (PostgreSQL's Snowball, through an in-memory PGlite); usage errors exit 2.
import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runStemCommand } from './stem.cli.js';

async function run(args: string[], input: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
  stderr.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
  const code = await runStemCommand(args, { stdin: Readable.from([input]), stdout, stderr });
  return { code, stdout: out, stderr: err };
}

describe('kenes stem', () => {
  it('prints Kazakh stems, one a line, and nothing else', async () => {
    const result = await run(['--lang', 'kk'], 'сайлаушылармен\nзаңдарды\r\n\nҚазақстанның\nQazaqstan\nзаңгерлер\n');
    expect(result).toEqual({ code: 0, stdout: 'сайлаушы\nзаң\n\nқазақстан\nқазақстан\nзаңгер\n', stderr: '' });
  });

  it('prints Kazakh search keys with --key', async () => {
    const result = await run(['--lang', 'kk', '--key'], 'мәслихаттарының\nmäslihat\nмаслихат\n');
    expect(result.stdout).toBe('maslihat\nmaslihat\nmaslihat\n');
  });

  it('prints PostgreSQL’s Russian and English stems, an empty line for a stop word', async () => {
    const ru = await run(['--lang', 'ru'], 'закона\nЗаконы\nи\nмаслихатов\ncouncils\n');
    expect(ru).toEqual({ code: 0, stdout: 'закон\nзакон\n\nмаслихат\ncouncil\n', stderr: '' });
    const en = await run(['--lang', 'en'], 'councils\nthe\nrunning\nDeputies\n');
    expect(en).toEqual({ code: 0, stdout: 'council\n\nrun\ndeputi\n', stderr: '' });
  }, 180_000);

  it('exits 2 for an unknown or missing language, writing only to standard error', async () => {
    const unknown = await run(['--lang', 'de'], 'Gesetze\n');
    expect(unknown.code).toBe(2);
    expect(unknown.stdout).toBe('');
    expect(unknown.stderr).toContain('Unknown language "de"');
    const missing = await run([], 'заң\n');
    expect(missing.code).toBe(2);
    expect(missing.stdout).toBe('');
    const badOption = await run(['--lang', 'kk', '--verbose'], 'заң\n');
    expect(badOption.code).toBe(2);
  });
});
