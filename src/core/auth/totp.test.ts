import { describe, expect, it } from 'vitest';
import { currentTotp, newTotpSecret, totpQrSvg, totpStep, totpUri, verifyTotp } from './totp.js';

/** RFC 6238 appendix B's SHA-1 key, "12345678901234567890", in base32. */
const RFC_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
/** The middle of a 30-second step, so ±30 s is exactly one step away and ±90 s three. */
const NOW = Date.UTC(2026, 2, 15, 9, 0, 15);

/** Every element closed, and in order: a minimal well-formedness check. */
function unclosedTags(markup: string): string[] {
  const stack: string[] = [];
  for (const m of markup.matchAll(/<(\/?)([a-zA-Z][\w:-]*)[^>]*?(\/?)>/g)) {
    const [, closing, name, selfClosing] = m;
    if (selfClosing) continue;
    if (!closing) stack.push(name!);
    else if (stack.pop() !== name) return [`unexpected </${name}>`];
  }
  return stack;
}

describe('TOTP secrets and codes', () => {
  it('makes 160-bit base32 secrets, different each time', () => {
    const a = newTotpSecret();
    const b = newTotpSecret();
    expect(a).toMatch(/^[A-Z2-7]{32}$/); // 20 bytes = 32 base32 characters, no padding
    expect(b).toMatch(/^[A-Z2-7]{32}$/);
    expect(a).not.toBe(b);
  });

  it('computes RFC 6238 test vectors (SHA-1, last 6 digits)', () => {
    expect(currentTotp(RFC_SECRET, 59_000)).toBe('287082');
    expect(currentTotp(RFC_SECRET, new Date(1_111_111_109_000))).toBe('081804');
    expect(currentTotp(RFC_SECRET, new Date(1_234_567_890_000))).toBe('005924');
    expect(currentTotp(RFC_SECRET, new Date(2_000_000_000_000))).toBe('279037');
  });

  it('round-trips a code at a fixed time and reports its step', () => {
    const secret = newTotpSecret();
    const code = currentTotp(secret, NOW);
    expect(code).toMatch(/^[0-9]{6}$/);
    expect(verifyTotp(secret, code, { now: NOW })).toEqual({ ok: true, step: Math.floor(NOW / 30_000) });
    expect(totpStep(NOW)).toBe(Math.floor(NOW / 30_000));
    expect(verifyTotp(newTotpSecret(), code, { now: NOW }).ok).toBe(false);
  });

  it('accepts one step either side and refuses further', () => {
    const code = currentTotp(RFC_SECRET, NOW);
    const step = totpStep(NOW);
    expect(verifyTotp(RFC_SECRET, code, { now: NOW - 30_000 })).toEqual({ ok: true, step });
    expect(verifyTotp(RFC_SECRET, code, { now: NOW + 30_000 })).toEqual({ ok: true, step });
    expect(verifyTotp(RFC_SECRET, code, { now: new Date(NOW + 30_000) })).toEqual({ ok: true, step });
    for (const offset of [-90_000, -60_000, 60_000, 90_000]) {
      expect(verifyTotp(RFC_SECRET, code, { now: NOW + offset }), `offset ${offset}`).toEqual({ ok: false });
    }
  });

  it('refuses a step already used, and earlier ones, but takes the next', () => {
    const first = verifyTotp(RFC_SECRET, currentTotp(RFC_SECRET, NOW), { now: NOW });
    expect(first.ok).toBe(true);
    const lastUsedStep = first.ok ? first.step : -1;
    expect(verifyTotp(RFC_SECRET, currentTotp(RFC_SECRET, NOW), { now: NOW, lastUsedStep })).toEqual({ ok: false });
    // The previous step's code is still inside the window, but it is older than the one used.
    expect(verifyTotp(RFC_SECRET, currentTotp(RFC_SECRET, NOW - 30_000), { now: NOW, lastUsedStep })).toEqual({ ok: false });
    expect(verifyTotp(RFC_SECRET, currentTotp(RFC_SECRET, NOW + 30_000), { now: NOW + 30_000, lastUsedStep })).toEqual({ ok: true, step: lastUsedStep + 1 });
    expect(verifyTotp(RFC_SECRET, currentTotp(RFC_SECRET, NOW), { now: NOW, lastUsedStep: null }).ok).toBe(true);
  });

  it('ignores spaces and refuses anything but six digits', () => {
    expect(verifyTotp(RFC_SECRET, ' 287 082 ', { now: 59_000 }).ok).toBe(true);
    expect(verifyTotp(RFC_SECRET, '287\u00a0082', { now: 59_000 }).ok).toBe(true);
    for (const bad of ['', '28708', '2870820', '94287082', '28708a', '287-082', '２８７０８２', '287082\n1']) {
      expect(verifyTotp(RFC_SECRET, bad, { now: 59_000 }), `code ${JSON.stringify(bad)}`).toEqual({ ok: false });
    }
  });
});

describe('TOTP enrolment', () => {
  it('builds an otpauth URI with the issuer, label and secret', () => {
    const secret = newTotpSecret();
    const uri = new URL(totpUri({ secret, accountLabel: 'айгүл@kenes.kz', issuer: 'Кеңес' }));
    expect(uri.protocol).toBe('otpauth:');
    expect(uri.host).toBe('totp');
    expect(decodeURIComponent(uri.pathname)).toBe('/Кеңес:айгүл@kenes.kz');
    expect(uri.searchParams.get('issuer')).toBe('Кеңес');
    expect(uri.searchParams.get('secret')).toBe(secret);
    expect(uri.searchParams.get('algorithm')).toBe('SHA1');
    expect(uri.searchParams.get('digits')).toBe('6');
    expect(uri.searchParams.get('period')).toBe('30');
  });

  it('draws a well-formed SVG QR code with no styles or script', async () => {
    const uri = totpUri({ secret: RFC_SECRET, accountLabel: 'admin@kenes.local', issuer: 'Kenes' });
    const svg = await totpQrSvg(uri);
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg.endsWith('</svg>')).toBe(true);
    expect(svg.match(/<svg\b/g)).toHaveLength(1);
    expect(unclosedTags(svg)).toEqual([]);
    expect(svg).toContain('xmlns="http://www.w3.org/2000/svg"');
    expect(svg).toMatch(/viewBox="0 0 \d+ \d+"/);
    expect(svg).toMatch(/<path [^>]*d="M/);
    expect(svg).not.toMatch(/style\s*=/i);
    expect(svg).not.toMatch(/<style/i);
    expect(svg).not.toMatch(/<script/i);
    expect(svg).not.toMatch(/\son[a-z]+\s*=/i);
    expect(svg).not.toContain('role=');
    // Another URI gives another picture; the same one the same.
    expect(await totpQrSvg(uri)).toBe(svg);
    expect(await totpQrSvg(totpUri({ secret: newTotpSecret(), accountLabel: 'admin@kenes.local', issuer: 'Kenes' }))).not.toBe(svg);
  });

  it('names the SVG as an image when given a label, escaping it', async () => {
    const svg = await totpQrSvg('otpauth://totp/Kenes:a?secret=GEZDGNBV', { label: 'QR "code" <Kenes> & you' });
    expect(svg).toMatch(/^<svg role="img" aria-label="QR &quot;code&quot; &lt;Kenes&gt; &amp; you" xmlns=/);
    expect(unclosedTags(svg)).toEqual([]);
  });
});
