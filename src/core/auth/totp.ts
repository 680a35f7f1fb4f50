// Time-based one-time passwords (RFC 6238) for the second sign-in factor: SHA-1, 6 digits, 30-second
// steps — the parameters every authenticator app supports. The secret is base32 (what the apps and
// the otpauth:// URI use) and is stored as-is in account.totp_secret.
import { timingSafeEqual } from 'node:crypto';
import { HOTP, Secret, TOTP } from 'otpauth';

const ALGORITHM = 'SHA1';
const DIGITS = 6;
const PERIOD_SECONDS = 30;
/** Steps accepted either side of the current one (clock drift, typing time). */
const WINDOW = 1;

/** A new random secret: 20 bytes (160 bits, RFC 4226's recommendation), base32 without padding. */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

function secretOf(secret: string): Secret {
  return Secret.fromBase32(secret);
}

function timestampOf(now: Date | number | undefined): number {
  return now === undefined ? Date.now() : typeof now === 'number' ? now : now.getTime();
}

/** The time step (counter) a moment falls in. */
export function totpStep(now?: Date | number): number {
  return TOTP.counter({ period: PERIOD_SECONDS, timestamp: timestampOf(now) });
}

/**
 * The `otpauth://totp/Issuer:label?secret=…&issuer=Issuer&…` URI an authenticator app reads from the
 * QR code (issuer both in the label and as a parameter, as Google Authenticator recommends).
 */
export function totpUri({ secret, accountLabel, issuer }: { secret: string; accountLabel: string; issuer: string }): string {
  return new TOTP({ issuer, label: accountLabel, issuerInLabel: true, secret: secretOf(secret), algorithm: ALGORITHM, digits: DIGITS, period: PERIOD_SECONDS }).toString();
}

const escapeAttribute = (value: string): string =>
  value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * The URI as an SVG QR code, to inline in a page. qrcode 1.5 draws it with two `<path>`s using the
 * `fill`/`stroke` presentation attributes (no `style`, no script), so it renders under a CSP without
 * 'unsafe-inline'; it has a viewBox and no width/height, so size it with CSS. We refuse output that
 * would need inline styles or could run script, in case a later qrcode version changes that.
 * With `label`, the SVG gets `role="img"` and that accessible name.
 */
export async function totpQrSvg(uri: string, options: { label?: string } = {}): Promise<string> {
  // Loaded when a second factor is set up, not at start.
  const { default: QRCode } = await import('qrcode');
  let svg = (await QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 })).trim();
  if (!svg.startsWith('<svg') || !svg.endsWith('</svg>')) throw new Error('qrcode did not produce an SVG document');
  if (/<style|\sstyle\s*=|<script|\son[a-z]+\s*=|javascript:|<foreignObject/i.test(svg)) {
    throw new Error('qrcode produced SVG with inline styles or script; it cannot be inlined under the CSP');
  }
  if (options.label !== undefined) svg = svg.replace(/^<svg/, `<svg role="img" aria-label="${escapeAttribute(options.label)}"`);
  return svg;
}

/** The code for a moment (default: now). For tests, and for browser tests that must type a code. */
export function currentTotp(secret: string, now?: Date | number): string {
  return TOTP.generate({ secret: secretOf(secret), algorithm: ALGORITHM, digits: DIGITS, period: PERIOD_SECONDS, timestamp: timestampOf(now) });
}

export type TotpResult = { ok: true; step: number } | { ok: false };

/**
 * Checks a code typed by the user. Spaces are ignored ("123 456"); anything but six ASCII digits is
 * refused. The current step and one either side are accepted, except steps at or before
 * `lastUsedStep`: a code is good once. On success, store the returned `step` as the next call's
 * `lastUsedStep`.
 */
export function verifyTotp(secret: string, code: string, { now, lastUsedStep }: { now?: Date | number; lastUsedStep?: number | null } = {}): TotpResult {
  const token = code.replace(/\s+/g, '');
  if (!/^[0-9]{6}$/.test(token)) return { ok: false };
  const key = secretOf(secret);
  const current = totpStep(now);
  const given = Buffer.from(token);
  let matched: number | undefined;
  // The current step first, then the previous, then the next; every candidate is computed and compared.
  for (const step of [current, current - WINDOW, current + WINDOW]) {
    const expected = Buffer.from(HOTP.generate({ secret: key, algorithm: ALGORITHM, digits: DIGITS, counter: step }));
    const equal = timingSafeEqual(given, expected);
    const fresh = lastUsedStep === undefined || lastUsedStep === null || step > lastUsedStep;
    if (equal && fresh && matched === undefined) matched = step;
  }
  return matched === undefined ? { ok: false } : { ok: true, step: matched };
}
