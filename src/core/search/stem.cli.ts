// The `kenes stem --lang kk|ru|en [--key]` command: words on standard input, one a line; their stems
// on standard output, one a line, and nothing else there (messages go to standard error).
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { once } from 'node:events';
import { errorMessage } from '../error-code.js';
import { isStemLanguage, openStemmer, stemLanguages } from './stem.js';

export const stemUsage = `  stem --lang kk|ru|en [--key]   print the stem of each word read from standard input, one a line
                                 (--key: Kazakh search keys, folded to plain Latin)`;

export interface StemIo {
  stdin: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

/** Runs the command; the exit code is 0, or 2 for a usage error (such as an unknown --lang). */
export async function runStemCommand(args: string[], io: StemIo = process): Promise<number> {
  let values: { lang?: string | undefined; key?: boolean | undefined };
  try {
    ({ values } = parseArgs({ args, options: { lang: { type: 'string' }, key: { type: 'boolean' } }, strict: true, allowPositionals: false }));
  } catch (err) {
    io.stderr.write(`${errorMessage(err)}\nUsage:\n${stemUsage}\n`);
    return 2;
  }
  const language = values.lang ?? '';
  if (!isStemLanguage(language)) {
    io.stderr.write(`${values.lang === undefined ? 'stem needs --lang' : `Unknown language "${language}"`}: use --lang ${stemLanguages.join(', --lang ')}.\n`);
    return 2;
  }
  const stemmer = await openStemmer(language, { key: values.key ?? false });
  try {
    // One output line per input line, in order, even for an empty line or a stop word.
    for await (const line of createInterface({ input: io.stdin, crlfDelay: Infinity })) {
      if (!io.stdout.write(`${await stemmer.stem(line)}\n`)) await once(io.stdout, 'drain');
    }
  } finally {
    await stemmer.close();
  }
  return 0;
}
