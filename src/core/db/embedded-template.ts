// A new embedded database starts from a ready-made cluster: `embedded-template/pglite-initdb.zip` is
// a freshly initialised PGlite data directory (made by `npm run make:embedded-template`). Running
// initdb inside the server instead takes about 10 s and leaves the process at about 610 MB resident
// (initdb's own WebAssembly instance and the bootstrap's memory are never given back); copied from
// the template, the first start opens like any later one (about 0.5 s, about 210 MB).
// The copy is made beside the directory and renamed into place, so a start interrupted halfway
// leaves no half cluster behind. When the template was made by another PGlite version than the one
// installed, it is not used and PGlite runs initdb as before.
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { rootDir } from '../paths.js';

export const embeddedTemplateDir = path.join(rootDir, 'embedded-template');
const templateZip = path.join(embeddedTemplateDir, 'pglite-initdb.zip');
const templateFacts = path.join(embeddedTemplateDir, 'pglite-initdb.json');

/** The installed PGlite's version (its package.json is not among the package's exports). */
export function installedPgliteVersion(): string {
  const entry = createRequire(import.meta.url).resolve('@electric-sql/pglite');
  const manifest: unknown = JSON.parse(readFileSync(path.join(path.dirname(entry), '..', 'package.json'), 'utf8'));
  return typeof manifest === 'object' && manifest !== null && 'version' in manifest && typeof manifest.version === 'string' ? manifest.version : '';
}

/** The PGlite version the template was made with, or undefined when there is no template. */
export function templatePgliteVersion(): string | undefined {
  if (!existsSync(templateFacts) || !existsSync(templateZip)) return undefined;
  const facts: unknown = JSON.parse(readFileSync(templateFacts, 'utf8'));
  return typeof facts === 'object' && facts !== null && 'pglite' in facts && typeof facts.pglite === 'string' ? facts.pglite : undefined;
}

/**
 * Fills an empty PGlite directory from the template. Returns false (and leaves the directory as it
 * was) when the directory already holds anything or the template does not fit the installed PGlite.
 */
export function fillFromTemplate(dir: string): boolean {
  if (existsSync(dir) && readdirSync(dir).length > 0) return false;
  if (templatePgliteVersion() !== installedPgliteVersion()) return false;
  const partial = `${dir}.partial`;
  rmSync(partial, { recursive: true, force: true });
  const zip = readFileSync(templateZip);
  // One file unpacked at a time (the largest, a WAL segment, is 16 MB), not all 39 MB at once.
  const names: string[] = [];
  unzipSync(zip, { filter: (file) => (names.push(file.name), false) });
  for (const name of names) {
    const target = path.join(partial, name);
    if (!target.startsWith(partial + path.sep)) throw new Error(`The embedded template holds a path outside its directory: ${name}`);
    if (name.endsWith('/')) {
      mkdirSync(target, { recursive: true });
      continue;
    }
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, unzipSync(zip, { filter: (file) => file.name === name })[name] ?? new Uint8Array(0));
  }
  // rename(2) replaces an empty directory.
  renameSync(partial, dir);
  return true;
}
