// An app on its own fresh database for one test, closed when the test ends: for a test that reads
// what other tests in its file change on the file's shared app (an empty list, the seeded years),
// so that it passes alone and in any order.
import { onTestFinished } from 'vitest';
import { createTestApp, type TestApp } from './test-app.js';

export async function createOwnTestApp(options: Parameters<typeof createTestApp>[0] = {}): Promise<TestApp> {
  const own = await createTestApp(options);
  onTestFinished(() => own.close());
  return own;
}
