// Applicants' details stay with those who handle the question: a question asked through the public
// form and handled in the office, then every public page and API answer without parameters, the
// search for the applicant's name, another applicant's tracking page and every log line are read
// for the applicant's name, address and phone — none has them.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, createAccount, signInFully } from '../../../test/support/factories.js';
import { page } from '../../../test/support/page.js';
import { areaId } from '../../../test/support/registry-factories.js';
import { createTestApp } from '../../../test/support/test-app.js';
import { signFormTime } from './questions.service.js';
let t;
const logLines = [];
const marker = randomBytes(4).toString('hex');
const applicant = { name: `Гүлназ Тестова${marker}`, email: `gulnaz.${marker}@example.kz`, phone: `+7 701 ${100 + randomBytes(2).readUInt16BE() % 900} 42 17` };
const secrets = [applicant.name, applicant.email, `gulnaz.${marker}`, applicant.phone, applicant.phone.replace(/\s/g, '')];
async function ask(fields, ip) {
    const first = await t.app.inject({ method: 'GET', url: '/ru/questions/new', remoteAddress: ip });
    const csrf = /kenes_csrf=([^;]+)/.exec(String(first.headers['set-cookie']))?.[1] ?? '';
    const { form_key } = await t.database.db.selectFrom('citizen_question_setting').select('form_key').executeTakeFirstOrThrow();
    const form = { name: '', email: '', phone: '', region: await areaId(t.database.db, '270000000'), settlement: 'Ақсай', text: 'Когда откроют школу?', consent: 'yes', website: '', startedAt: signFormTime(form_key, Date.now() - 10_000), ...fields };
    const res = await t.app.inject({
        method: 'POST',
        url: '/ru/questions/new',
        remoteAddress: ip,
        payload: new URLSearchParams({ _csrf: csrf, ...form }).toString(),
        headers: { cookie: `kenes_csrf=${csrf}`, 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(res.statusCode).toBe(200);
    return new URL(page(res.body).links().find((l) => l.href.includes('/questions/track/')).href).pathname;
}
let otherTrackPath = '';
/** The set-up's steps must work (a failed step is thrown, not asserted). */
async function status(response, expected) {
    const res = await response;
    if (res.statusCode !== expected)
        throw new Error(`expected ${expected}, got ${res.statusCode}`);
}
beforeAll(async () => {
    t = await createTestApp({ logger: { level: 'trace', stream: { write: (line) => logLines.push(line) } } });
    await ask({ name: applicant.name, email: applicant.email, phone: applicant.phone }, '10.9.0.1');
    otherTrackPath = await ask({ name: 'Другой Заявитель', email: `other.${marker}@example.kz` }, '10.9.0.2');
    // Handled in the office: taken, answered (the mails go to the outbox, which only administrators read).
    const id = (await t.database.db.selectFrom('citizen_question').select('id').where('contact_email', '=', applicant.email).executeTakeFirstOrThrow()).id;
    const staff = await createAccount(t.database.db, { grants: [{ role: 'maslikhat_staff', organizationSlug: 'maslikhat-270000000' }] });
    const b = new Browser(t.app);
    await signInFully(b, t.database.db, staff);
    await status(b.get(`/ru/office/questions/${id}`), 200);
    await status(b.post(`/ru/office/questions/${id}/take`, { version: '1' }), 303);
    await status(b.post(`/ru/office/questions/${id}/answer`, { answer: 'Осенью.', version: '2' }), 303);
    await status(t.app.inject({ method: 'GET', url: otherTrackPath }), 200);
});
afterAll(() => t.close());
describe('an applicant’s name, address and phone', () => {
    it('appear on no public page or API answer (every GET route without parameters, in each language), nor in the search', async () => {
        const paths = [
            ...new Set(t.app.registeredRoutes
                .filter((r) => r.method === 'GET' && !r.url.includes('/office') && !/\.(zip|xlsx)$/.test(r.url))
                .flatMap((r) => (r.url.startsWith('/:lang') ? ['kk', 'ru', 'en'].map((lang) => r.url.replace('/:lang', `/${lang}`)) : [r.url]))
                .filter((url) => !url.includes(':') && !url.includes('*'))),
            '/ru/maslikhats/maslikhat-270000000',
            // Searched by the first name and the address's first part: a result would show the whole (the query alone is echoed).
            `/ru/search?q=${encodeURIComponent('Гүлназ')}`,
            '/api/v1/search?q=gulnaz',
            otherTrackPath,
        ];
        expect(paths.length).toBeGreaterThan(30);
        const found = [];
        for (const url of paths) {
            const res = await t.app.inject({ method: 'GET', url });
            for (const secret of secrets)
                if (res.body.includes(secret))
                    found.push(`${url}: ${secret}`);
        }
        expect(found).toEqual([]);
    });
    it('appear in no log line, and no tracking token either', async () => {
        const logs = logLines.join('\n');
        expect(logs).toContain('/questions/track/[redacted]');
        for (const secret of secrets)
            expect(logs).not.toContain(secret);
        expect(logs).not.toContain(otherTrackPath.split('/').at(-1));
    });
});
//# sourceMappingURL=leaks.test.js.map