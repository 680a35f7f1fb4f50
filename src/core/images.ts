// Photos people upload: the type is sniffed from the bytes (never the name), the size is limited,
// and every image is re-encoded (EXIF orientation applied, metadata such as GPS dropped, resized).
import { loadSharp } from './lazy-modules.js';

export const maxPhotoBytes = 5 * 1024 * 1024;

export type PhotoProblem = 'too_large' | 'not_an_image' | 'too_small' | 'too_many_pixels';

/** Decoding is bounded by pixels too: a small file can unpack into gigabytes (40 MP ≈ 160 MB as RGBA). */
export const maxPhotoPixels = 40_000_000;

function sniff(bytes: Buffer): 'jpeg' | 'png' | 'webp' | undefined {
  if (bytes.length > 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  if (bytes.length > 8 && bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'png';
  if (bytes.length > 12 && bytes.toString('latin1', 0, 4) === 'RIFF' && bytes.toString('latin1', 8, 12) === 'WEBP') return 'webp';
  return undefined;
}

/** A portrait no larger than 600×800, as WebP. */
export async function normalisePhoto(bytes: Buffer): Promise<{ ok: true; bytes: Buffer; extension: 'webp' } | { ok: false; problem: PhotoProblem }> {
  if (bytes.length > maxPhotoBytes) return { ok: false, problem: 'too_large' };
  if (!sniff(bytes)) return { ok: false, problem: 'not_an_image' };
  try {
    const sharp = await loadSharp();
    // The header alone tells the size (nothing is decoded): say "too many pixels", not "not an image".
    const meta = await sharp(bytes, { limitInputPixels: false }).metadata();
    if ((meta.width ?? 0) * (meta.height ?? 0) > maxPhotoPixels) return { ok: false, problem: 'too_many_pixels' };
    if ((meta.width ?? 0) < 100 || (meta.height ?? 0) < 100) return { ok: false, problem: 'too_small' };
    const image = sharp(bytes, { limitInputPixels: maxPhotoPixels, failOn: 'error' });
    const out = await image.rotate().resize(600, 800, { fit: 'inside', withoutEnlargement: true }).webp({ quality: 82 }).toBuffer();
    return { ok: true, bytes: out, extension: 'webp' };
  } catch {
    return { ok: false, problem: 'not_an_image' };
  }
}
