// Where the package's own files live, whether running from src/ (tests) or dist/ (built).
import { fileURLToPath } from 'node:url';
import path from 'node:path';

export const rootDir = fileURLToPath(new URL('../../', import.meta.url));
export const localesDir = path.join(rootDir, 'locales');
export const publicDir = path.join(rootDir, 'public');
export const referenceDataDir = path.join(rootDir, 'reference-data');
