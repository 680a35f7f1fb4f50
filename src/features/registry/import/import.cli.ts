// `kenes import deputies <file.xlsx|csv> --maslikhat <slug> [--dry-run]`: checks every row, prints
// the report in English and exits 1 when any row is bad (nothing written); otherwise applies the
// file in one transaction and prints what changed. Progress on a terminal.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { systemContext } from '../../../core/audit/audit.js';
import type { Config } from '../../../core/config.js';
import type { DatabaseHandle } from '../../../core/db/connect.js';
import { AppError } from '../../../core/errors.js';
import type { Progress } from '../../../core/progress.js';
import { createImportService } from './import.service.js';
import { formatCounts, formatReport } from './report.js';
import { errorMessage } from '../../../core/error-code.js';

const command = 'import deputies <file> --maslikhat <slug> [--dry-run]';
export const importUsage = `  ${command}
                                 check a deputies file (.xlsx or .csv, the office template) and, when
                                 every row is right, apply it all at once (--dry-run: check only)`;

export async function runImportCommand(
  argv: string[],
  deps: { config: Config; openDatabase: (config: Config) => Promise<DatabaseHandle>; progress: Progress; out?: NodeJS.WritableStream; err?: NodeJS.WritableStream },
): Promise<number> {
  const out = deps.out ?? process.stdout;
  const err = deps.err ?? process.stderr;
  const { positionals, values } = parseArgs({ args: argv, allowPositionals: true, options: { maslikhat: { type: 'string' }, 'dry-run': { type: 'boolean' } } });
  const [what, file] = positionals;
  if (what !== 'deputies' || !file || !values.maslikhat) {
    err.write(`Usage: kenes ${command}\n\nExample: kenes import deputies deputies.xlsx --maslikhat maslikhat-270000000\n`);
    return 1;
  }
  let data: Buffer;
  try {
    data = await readFile(file);
  } catch (e) {
    err.write(`Cannot read ${file}: ${errorMessage(e)}\n`);
    return 1;
  }
  const database = await deps.openDatabase(deps.config);
  try {
    const service = createImportService(database.db);
    let target;
    try {
      target = await service.target(values.maslikhat);
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      err.write(`There is no maslikhat "${values.maslikhat}" (slugs look like maslikhat-270000000; run "kenes seed" on a new database).\n`);
      return 1;
    }
    const name = path.basename(file);
    const { validation, counts } = await service.importFile(target, data, {
      fileName: name,
      context: systemContext('cli'),
      dryRun: values['dry-run'] ?? false,
      onProgress: (step, done, total) => deps.progress.step(step, done, total),
    });
    deps.progress.done();
    if (validation.fileProblems.length || validation.problems.length) {
      out.write(formatReport(name, validation));
      return 1;
    }
    const plan = validation.plan.counts;
    out.write(
      counts
        ? `${name}: ${plan.rows} rows applied to ${target.name.en ?? target.slug} (${target.slug}).\n${formatCounts(counts)}`
        : `${name}: all ${plan.rows} rows are in order (dry run: nothing written). Applying would give:\n${formatCounts(plan)}`,
    );
    return 0;
  } finally {
    await database.close();
  }
}
