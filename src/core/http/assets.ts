// Static assets under content-hashed names (/assets/kenes.3f2a9c1d0e.css), cached for a year.
// The manifest is built once at start-up from public/ and the npm packages that ship front-end files.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { publicDir } from '../paths.js';
import { NotFoundError } from '../errors.js';

const require = createRequire(import.meta.url);

const fontFiles = ['latin', 'latin-ext', 'cyrillic', 'cyrillic-ext'].flatMap((subset) =>
  [400, 700].map((weight) => `noto-sans-${subset}-${weight}-normal.woff2`),
);

/** Logical name → file on disk. CSS is listed last: it refers to the others as url("asset:NAME"). */
function assetSources(): [string, string][] {
  return [
    ['htmx.js', require.resolve('htmx.org/dist/htmx.min.js')],
    ['kenes.js', path.join(publicDir, 'js', 'kenes.js')],
    ['favicon.svg', path.join(publicDir, 'favicon.svg')],
    ...fontFiles.map((f): [string, string] => [f, require.resolve(`@fontsource/noto-sans/files/${f}`)]),
    ['kenes.css', path.join(publicDir, 'css', 'kenes.css')],
  ];
}

const contentTypes: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
};

interface Asset {
  url: string;
  body: Buffer;
  contentType: string;
}

export interface AssetManifest {
  /** The public URL of a logical asset name; throws for an unknown name so a typo fails loudly. */
  url(name: string): string;
  byFile(file: string): Asset | undefined;
}

export function buildAssetManifest(): AssetManifest {
  const byName = new Map<string, Asset>();
  const byFile = new Map<string, Asset>();
  for (const [name, file] of assetSources()) {
    let body = readFileSync(file);
    if (name.endsWith('.css')) {
      const css = body.toString('utf8').replace(/asset:([\w.-]+)/g, (_, ref: string) => {
        const target = byName.get(ref);
        if (!target) throw new Error(`${name} refers to unknown asset ${ref}`);
        return target.url;
      });
      body = Buffer.from(css, 'utf8');
    }
    const ext = path.extname(name);
    const hash = createHash('sha256').update(body).digest('hex').slice(0, 10);
    const hashed = `${path.basename(name, ext)}.${hash}${ext}`;
    const asset = { url: `/assets/${hashed}`, body, contentType: contentTypes[ext] ?? 'application/octet-stream' };
    byName.set(name, asset);
    byFile.set(hashed, asset);
  }
  return {
    url(name) {
      const asset = byName.get(name);
      if (!asset) throw new Error(`Unknown asset ${name}`);
      return asset.url;
    },
    byFile: (file) => byFile.get(file),
  };
}

export async function assetRoutes(app: FastifyInstance, manifest: AssetManifest): Promise<void> {
  app.get<{ Params: { file: string } }>('/assets/:file', async (request, reply) => {
    const asset = manifest.byFile(request.params.file);
    if (!asset) throw NotFoundError();
    return reply
      .header('content-type', asset.contentType)
      .header('cache-control', 'public, max-age=31536000, immutable')
      .header('x-content-type-options', 'nosniff')
      .send(asset.body);
  });
  app.get('/favicon.ico', async (_request, reply) => reply.redirect(manifest.url('favicon.svg'), 301));
}
