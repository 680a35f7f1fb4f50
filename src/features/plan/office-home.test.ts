// The office home leads each role to its part of the work plan.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, createAccount, signInFully } from '../../../test/support/factories.js';
import { page } from '../../../test/support/page.js';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

async function officeLinks(grant: { role: 'secretariat' | 'maslikhat_staff'; organizationSlug: string }) {
  const browser = new Browser(t.app);
  await signInFully(browser, t.database.db, await createAccount(t.database.db, { grants: [grant] }));
  const res = await browser.get('/en/office/');
  expect(res.statusCode).toBe(200);
  return page(res.body)
    .allByRole('link')
    .map((a) => a.getAttribute('href') ?? '');
}

describe('GET /:lang/office', () => {
  it('leads a maslikhat\'s staff to its plan obligations, and not to the secretariat\'s plan pages', async () => {
    const links = await officeLinks({ role: 'maslikhat_staff', organizationSlug: 'maslikhat-270000000' });
    expect(links).toContain('/en/office/maslikhats/maslikhat-270000000/plan');
    expect(links).not.toContain('/en/office/plan');
  });

  it('leads the secretariat to the plans and the reports awaiting review', async () => {
    const links = await officeLinks({ role: 'secretariat', organizationSlug: 'council-senate' });
    expect(links).toContain('/en/office/plan');
    expect(links).toContain('/en/office/plan/reports');
  });
});
