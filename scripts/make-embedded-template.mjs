// Makes embedded-template/pglite-initdb.zip: a freshly initialised, cleanly shut down PGlite cluster,
// so that the first start on a new data directory copies it instead of running initdb inside the
// server process (initdb in WebAssembly takes about 10 s and leaves the process at about 610 MB
// resident; from the template the first start takes about 0.5 s at about 210 MB). Run it after
// upgrading @electric-sql/pglite: `npm run make:embedded-template` (the test suite says when).
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { zipSync } from 'fflate';
import { PGlite } from '@electric-sql/pglite';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const pgliteVersion = JSON.parse(readFileSync(path.join(path.dirname(require.resolve('@electric-sql/pglite')), '..', 'package.json'), 'utf8')).version;

const work = mkdtempSync(path.join(tmpdir(), 'kenes-template-'));
try {
  const dir = path.join(work, 'pglite');
  const pglite = await PGlite.create({ dataDir: dir });
  await pglite.query('select 1');
  await pglite.close();
  /** @type {Record<string, Uint8Array>} */
  const entries = {};
  const walk = (relative) => {
    const names = readdirSync(path.join(dir, relative)).toSorted();
    if (relative && names.length === 0) entries[`${relative}/`] = new Uint8Array(0);
    for (const name of names) {
      const inside = relative ? `${relative}/${name}` : name;
      if (statSync(path.join(dir, inside)).isDirectory()) walk(inside);
      else entries[inside] = readFileSync(path.join(dir, inside));
    }
  };
  walk('');
  const zip = zipSync(entries, { level: 9, mtime: new Date('2026-01-01T00:00:00Z') });
  writeFileSync(path.join(root, 'embedded-template', 'pglite-initdb.zip'), zip);
  writeFileSync(path.join(root, 'embedded-template', 'pglite-initdb.json'), `${JSON.stringify({ pglite: pgliteVersion, files: Object.keys(entries).length }, null, 2)}\n`);
  process.stdout.write(`embedded-template/pglite-initdb.zip: ${Object.keys(entries).length} entries, ${(zip.length / 1048576).toFixed(1)} MB, PGlite ${pgliteVersion}\n`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
