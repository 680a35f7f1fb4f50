// The live sitting's fan-out: BENCH_CLIENTS screens (default 60: 20 regions, members, staff) follow
// one sitting over server-sent events while the secretariat makes BENCH_CHANGES changes (default
// 30: taking up items in turn). For each change: the time from the start of the change (its
// transaction: write, bump, audit, NOTIFY) until every screen has received the state panel, which
// the event carries (rendered once per change on the instance; a screen fetches nothing).
// Usage: npm run bench:live   (builds first). On PostgreSQL: DATABASE_URL=postgres://… npm run bench:live
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildApp } from '../dist/app.js';
import { systemContext } from '../dist/core/audit/audit.js';
import { loadConfig } from '../dist/core/config.js';
import { openDatabase } from '../dist/core/db/connect.js';
import { migrateToLatest } from '../dist/core/db/migrate.js';
import { hashPassword } from '../dist/core/auth/passwords.js';
import { newId } from '../dist/core/ids.js';
import { createLiveService } from '../dist/features/meetings/live.service.js';
import { createMeetingsService } from '../dist/features/meetings/meetings.service.js';
import { seedReferenceData } from '../dist/features/registry/registry.seed.js';
import { createRegistryService } from '../dist/features/registry/registry.service.js';
import { say } from './support.mjs';

const clients = Number(process.env.BENCH_CLIENTS ?? 60);
const changes = Number(process.env.BENCH_CHANGES ?? 30);
const ms = (n) => `${n.toFixed(1)} ms`;
const quantile = (values, q) => {
  const sorted = values.toSorted((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
};

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'kenes-bench-live-'));
const config = loadConfig({ ...process.env, NODE_ENV: 'production', LOG_LEVEL: 'silent', KENES_DATA_DIR: dataDir, KENES_JOBS: 'off' });
const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.databaseUrl ? undefined : dataDir });
await migrateToLatest(database.db);
await seedReferenceData(database.db);
const db = database.db;
const app = await buildApp({ config, database, logger: false });
const address = await app.listen({ port: 0, host: '127.0.0.1' });

try {
  // A sitting with items to move through, every region invited.
  const registry = createRegistryService(db);
  const meetings = createMeetingsService(db, app.live);
  const context = systemContext('bench');
  const home = await registry.homeOrganization();
  const meetingId = await meetings.schedule(
    { organization_id: home.id, kind: 'regular', number: 99, title: { kk: 'Бенчмарк', ru: 'Бенчмарк' }, starts_at: new Date(), time_zone: 'Asia/Almaty', place: null, format: 'online', video_url: 'https://meet.example/bench' },
    context,
  );
  for (let i = 1; i <= 5; i++) await meetings.addAgendaItem(meetingId, home.id, { title: { kk: `Мәселе ${i}`, ru: `Вопрос ${i}` }, minutesAllotted: null, isMain: i === 1 }, context);
  const regions = await registry.listRegionMaslikhats(new Date().toISOString().slice(0, 10));
  await meetings.invite(meetingId, home.id, regions.map((r) => r.id), context);
  await meetings.changeStatus(meetingId, home.id, 'announce', null, 1, context);
  await meetings.changeStatus(meetingId, home.id, 'start', null, 2, context);
  const live = createLiveService(db, registry, app.live);
  const items = (await live.state(meetingId)).agenda.map((a) => a.id);

  // One maslikhat's staff member signs in; every screen uses that session.
  const email = `bench-${newId().slice(-8)}@example.kz`;
  const password = 'bench password for the live sitting';
  const accountId = newId();
  await db.insertInto('account').values({ id: accountId, email, display_name: 'Bench', password_hash: await hashPassword(password) }).execute();
  await db.insertInto('role_grant').values({ id: newId(), account_id: accountId, role: 'maslikhat_staff', organization_id: regions[0].id, valid_from: null, valid_to: null, created_by: null, revoked_at: null, revoked_by: null }).execute();
  const first = await fetch(`${address}/en/sign-in`);
  const csrf = /kenes_csrf=([^;]+)/.exec(first.headers.get('set-cookie') ?? '')?.[1];
  const signIn = await fetch(`${address}/en/sign-in`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `kenes_csrf=${csrf}` },
    body: new URLSearchParams({ _csrf: csrf, email, password }),
  });
  const session = /kenes_session=([^;]+)/.exec(signIn.headers.get('set-cookie') ?? '')?.[1];
  if (!session) throw new Error(`signing in failed: ${signIn.status}`);
  const cookie = `kenes_session=${session}; kenes_csrf=${csrf}`;
  const liveUrl = `${address}/en/office/meetings/${meetingId}/live`;

  // The screens: each reads its event stream; a change arrives as the panel itself ("panel" events,
  // their id the sequence); the number alone ("change") is sent on connecting.
  const waiting = new Map(); // sequence → { started, panels: [] }
  const screens = await Promise.all(
    Array.from({ length: clients }, async () => {
      const response = await fetch(`${liveUrl}/events`, { headers: { cookie } });
      if (!response.ok) throw new Error(`event stream: ${response.status}`);
      const reader = response.body.getReader();
      const decoder = new TextDecoder();
      let buffer = '';
      let ready;
      const opened = new Promise((resolve) => (ready = resolve));
      (async () => {
        for (;;) {
          const { value, done } = await reader.read().catch(() => ({ done: true }));
          if (done) return;
          buffer += decoder.decode(value, { stream: true });
          let cut;
          while ((cut = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, cut);
            buffer = buffer.slice(cut + 2);
            const kind = /^event: (\w+)$/m.exec(block)?.[1];
            const id = /^id: (\d+)$/m.exec(block)?.[1];
            if (!kind || !id) continue;
            ready();
            const entry = waiting.get(Number(id));
            if (!entry || kind !== 'panel' || !block.includes('data-sequence')) continue;
            entry.panels.push(performance.now() - entry.started);
          }
        }
      })();
      await opened;
      return reader;
    }),
  );
  say(`${clients} screens following the sitting on ${database.kind}; ${changes} changes.`);

  const allPanels = [];
  const lastScreen = [];
  for (let i = 0; i < changes; i++) {
    const sequence = (await live.sequence(meetingId)) + 1;
    const entry = { started: performance.now(), panels: [] };
    waiting.set(sequence, entry);
    await live.setCurrentItem(meetingId, items[i % items.length], context);
    while (entry.panels.length < clients) await new Promise((resolve) => setTimeout(resolve, 2));
    allPanels.push(...entry.panels);
    lastScreen.push(Math.max(...entry.panels));
  }
  for (const reader of screens) await reader.cancel();

  say(`panel received: median ${ms(quantile(allPanels, 0.5))}, p95 ${ms(quantile(allPanels, 0.95))}, max ${ms(Math.max(...allPanels))}`);
  say(`last of ${clients} screens current: median ${ms(quantile(lastScreen, 0.5))}, max ${ms(Math.max(...lastScreen))} (the target is 1,000 ms)`);
} finally {
  await app.close();
  await database.close();
}
