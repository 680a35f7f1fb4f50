// The deputies import at scale: a generated 3,500-row XLSX (made-up deputies of West Kazakhstan's
// regional maslikhat and its 13 district and city maslikhats, created by the import) is read,
// checked and applied on a fresh embedded database, through the built modules. Prints the seconds.
// Usage: npm run bench:import   (builds first). BENCH_ROWS (default 3500) sets the size.
import { openDatabase } from '../dist/core/db/connect.js';
import { migrateToLatest } from '../dist/core/db/migrate.js';
import { systemContext } from '../dist/core/audit/audit.js';
import { seedReferenceData } from '../dist/features/registry/registry.seed.js';
import { createImportService } from '../dist/features/registry/import/import.service.js';
import { formatCounts, formatReport } from '../dist/features/registry/import/report.js';
import { demoDeputies, deputiesWorkbook, westKazakhstanMaslikhats } from '../dist/features/registry/import/demo-file.js';
import { integerSetting, say } from './support.mjs';

const rows = integerSetting('BENCH_ROWS', 3500);
const seconds = (from) => ((performance.now() - from) / 1000).toFixed(2);

let t = performance.now();
const file = await deputiesWorkbook(demoDeputies(rows, { lang: 'ru', maslikhats: westKazakhstanMaslikhats.ru }), 'ru');
say(`Generated ${rows} rows: ${(file.length / 1024).toFixed(0)} KB of XLSX in ${seconds(t)} s.`);

t = performance.now();
const database = await openDatabase({});
await migrateToLatest(database.db);
await seedReferenceData(database.db);
say(`Fresh embedded database, migrated and seeded, in ${seconds(t)} s (not counted).`);

try {
  const service = createImportService(database.db);
  const target = await service.target('maslikhat-270000000');
  const steps = [];
  const run = async (label) => {
    steps.length = 0;
    const started = performance.now();
    const result = await service.importFile(target, file, {
      fileName: 'bench.xlsx',
      context: systemContext('bench'),
      onProgress: (step) => {
        if (steps.at(-1)?.step !== step) steps.push({ step, at: performance.now() });
      },
    });
    const total = (performance.now() - started) / 1000;
    if (result.validation.fileProblems.length || result.validation.problems.length) {
      process.stdout.write(formatReport('bench.xlsx', result.validation));
      throw new Error('the generated file has problems');
    }
    const phases = steps.map((s, i) => `${s.step} ${(((steps[i + 1]?.at ?? started + total * 1000) - s.at) / 1000).toFixed(2)} s`).join(', ');
    say(`${label}: ${rows} rows read, checked and applied in ${total.toFixed(2)} s (${phases}).`);
    process.stdout.write(formatCounts(result.counts));
    return { total, counts: result.counts };
  };
  const first = await run('Import');
  const again = await run('Same file again');
  if (again.counts.personsCreated || again.counts.membershipsCreated || again.counts.maslikhatsCreated || again.counts.membershipsUpdated) throw new Error('the second import changed the registry');
  say();
  say(`deputies import, ${rows} rows on PGlite: ${first.total.toFixed(2)} s${first.total < 10 ? ' (under the 10 s target)' : ' — OVER the 10 s target'}`);
} finally {
  await database.close();
}
