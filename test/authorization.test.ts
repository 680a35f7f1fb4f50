// Every route, every kind of visitor: anonymous, wrong role, wrong organisation, right role.
// A route that is not in this table fails the first test: new routes extend the table.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, createAccount, signInFully, type TestAccount } from './support/factories.js';
import { createTestApp, type TestApp } from './support/test-app.js';
import { createPlan, createPlanItem, createPlanPriority, createPlanReport, createPlanReportAttachment } from './support/plan-factories.js';
import { createMaterial, createMaterialFile, distribute } from './support/library-factories.js';
import { newId } from '../src/core/ids.js';
import { createOutreachEvent } from './support/outreach-factories.js';

type Access = 'public' | 'public-file' | 'signed-in' | 'admin' | 'sign-in-flow' | 'link' | 'private-link' | 'own-record' | 'maslikhat-staff' | 'secretariat' | 'live-stream' | 'invitee';

interface Row {
  method: 'GET' | 'POST';
  route: string;
  access: Access;
  /** A concrete URL to call; {own} and {other} are replaced by record ids. */
  example: string;
}

const table: Row[] = [
  { method: 'GET', route: '/', access: 'public', example: '/' },
  { method: 'GET', route: '/healthz', access: 'public', example: '/healthz' },
  { method: 'GET', route: '/readyz', access: 'public', example: '/readyz' },
  { method: 'GET', route: '/metrics', access: 'public', example: '/metrics' },
  { method: 'GET', route: '/assets/:file', access: 'public', example: '/favicon.ico' },
  { method: 'GET', route: '/favicon.ico', access: 'public', example: '/favicon.ico' },
  { method: 'GET', route: '/api/v1/openapi.json', access: 'public', example: '/api/v1/openapi.json' },
  { method: 'GET', route: '/api/v1/areas', access: 'public', example: '/api/v1/areas' },
  { method: 'GET', route: '/api/v1/areas/:id', access: 'public', example: '/api/v1/areas/{area}' },
  { method: 'GET', route: '/:lang', access: 'public', example: '/en/' },
  { method: 'GET', route: '/:lang/about', access: 'public', example: '/en/about' },
  { method: 'GET', route: '/:lang/maslikhats', access: 'public', example: '/en/maslikhats' },
  { method: 'GET', route: '/:lang/sign-in', access: 'sign-in-flow', example: '/en/sign-in' },
  { method: 'POST', route: '/:lang/sign-in', access: 'sign-in-flow', example: '/en/sign-in' },
  { method: 'GET', route: '/:lang/sign-in/code', access: 'sign-in-flow', example: '/en/sign-in/code' },
  { method: 'POST', route: '/:lang/sign-in/code', access: 'sign-in-flow', example: '/en/sign-in/code' },
  { method: 'POST', route: '/:lang/sign-out', access: 'sign-in-flow', example: '/en/sign-out' },
  { method: 'GET', route: '/:lang/password-reset', access: 'sign-in-flow', example: '/en/password-reset' },
  { method: 'POST', route: '/:lang/password-reset', access: 'sign-in-flow', example: '/en/password-reset' },
  { method: 'GET', route: '/:lang/password-reset/:token', access: 'link', example: '/en/password-reset/not-a-token' },
  { method: 'POST', route: '/:lang/password-reset/:token', access: 'link', example: '/en/password-reset/not-a-token' },
  { method: 'GET', route: '/:lang/invitation/:token', access: 'link', example: '/en/invitation/not-a-token' },
  { method: 'POST', route: '/:lang/invitation/:token', access: 'link', example: '/en/invitation/not-a-token' },
  // Subscriptions by email: the form is public, the mailed links carry their own token.
  { method: 'GET', route: '/:lang/subscribe', access: 'public', example: '/en/subscribe' },
  { method: 'POST', route: '/:lang/subscribe', access: 'public', example: '/en/subscribe' },
  { method: 'GET', route: '/:lang/subscribe/confirm/:token', access: 'link', example: '/en/subscribe/confirm/not-a-token' },
  { method: 'POST', route: '/:lang/subscribe/confirm/:token', access: 'link', example: '/en/subscribe/confirm/not-a-token' },
  { method: 'GET', route: '/:lang/unsubscribe/:token', access: 'link', example: '/en/unsubscribe/not-a-token' },
  { method: 'POST', route: '/:lang/unsubscribe/:token', access: 'link', example: '/en/unsubscribe/not-a-token' },
  { method: 'GET', route: '/unsubscribe/:token', access: 'link', example: '/unsubscribe/not-a-token' },
  { method: 'POST', route: '/unsubscribe/:token', access: 'link', example: '/unsubscribe/not-a-token' },
  { method: 'GET', route: '/:lang/office', access: 'signed-in', example: '/en/office/' },
  { method: 'GET', route: '/:lang/office/account/two-factor', access: 'signed-in', example: '/en/office/account/two-factor' },
  { method: 'POST', route: '/:lang/office/account/two-factor', access: 'signed-in', example: '/en/office/account/two-factor' },
  { method: 'POST', route: '/:lang/office/account/two-factor/restart', access: 'signed-in', example: '/en/office/account/two-factor/restart' },
  { method: 'GET', route: '/:lang/office/sessions', access: 'signed-in', example: '/en/office/sessions' },
  { method: 'POST', route: '/:lang/office/sessions/end-others', access: 'signed-in', example: '/en/office/sessions/end-others' },
  { method: 'POST', route: '/:lang/office/sessions/:id/end', access: 'own-record', example: '/en/office/sessions/{session}/end' },
  { method: 'GET', route: '/:lang/office/api-tokens', access: 'signed-in', example: '/en/office/api-tokens' },
  { method: 'POST', route: '/:lang/office/api-tokens', access: 'signed-in', example: '/en/office/api-tokens' },
  { method: 'POST', route: '/:lang/office/api-tokens/:id/revoke', access: 'own-record', example: '/en/office/api-tokens/{otherApiToken}/revoke' },
  { method: 'GET', route: '/:lang/office/admin/people', access: 'admin', example: '/en/office/admin/people' },
  { method: 'GET', route: '/:lang/office/admin/people/invite', access: 'admin', example: '/en/office/admin/people/invite' },
  { method: 'POST', route: '/:lang/office/admin/people/invite', access: 'admin', example: '/en/office/admin/people/invite' },
  { method: 'GET', route: '/:lang/office/admin/people/:id', access: 'admin', example: '/en/office/admin/people/{person}' },
  { method: 'POST', route: '/:lang/office/admin/people/:id/grants', access: 'admin', example: '/en/office/admin/people/{person}/grants' },
  { method: 'POST', route: '/:lang/office/admin/people/:id/grants/:grantId/revoke', access: 'admin', example: '/en/office/admin/people/{person}/grants/{grant}/revoke' },
  { method: 'POST', route: '/:lang/office/admin/people/:id/deactivate', access: 'admin', example: '/en/office/admin/people/{person}/deactivate' },
  { method: 'POST', route: '/:lang/office/admin/people/:id/reactivate', access: 'admin', example: '/en/office/admin/people/{person}/reactivate' },
  { method: 'GET', route: '/:lang/office/admin/people/:id/registry-person', access: 'admin', example: '/en/office/admin/people/{person}/registry-person' },
  { method: 'POST', route: '/:lang/office/admin/people/:id/registry-person', access: 'admin', example: '/en/office/admin/people/{person}/registry-person' },
  { method: 'POST', route: '/:lang/office/admin/people/:id/registry-person/unlink', access: 'admin', example: '/en/office/admin/people/{person}/registry-person/unlink' },
  { method: 'GET', route: '/:lang/office/admin/sessions', access: 'admin', example: '/en/office/admin/sessions' },
  { method: 'POST', route: '/:lang/office/admin/sessions/:id/end', access: 'admin', example: '/en/office/admin/sessions/{otherSession}/end' },
  { method: 'GET', route: '/:lang/office/admin/audit', access: 'admin', example: '/en/office/admin/audit' },
  { method: 'GET', route: '/:lang/office/admin/audit.csv', access: 'admin', example: '/en/office/admin/audit.csv' },
  { method: 'GET', route: '/:lang/office/admin/outbox', access: 'admin', example: '/en/office/admin/outbox' },
  { method: 'GET', route: '/:lang/office/admin/outbox/:id', access: 'admin', example: '/en/office/admin/outbox/{mail}' },
  // ── registry routes (add new rows below this line) ──
  { method: 'GET', route: '/:lang/meetings', access: 'public', example: '/en/meetings?page=2' },
  { method: 'GET', route: '/:lang/meetings.ics', access: 'public', example: '/en/meetings.ics' },
  { method: 'GET', route: '/:lang/meetings/:id', access: 'public', example: '/en/meetings/{publicMeeting}' },
  { method: 'GET', route: '/:lang/news', access: 'public', example: '/en/news?page=2' },
  { method: 'GET', route: '/:lang/news/:id', access: 'public', example: '/en/news/{publishedNews}' },
  { method: 'GET', route: '/:lang/feed.atom', access: 'public', example: '/en/feed.atom' },
  { method: 'GET', route: '/:lang/meetings.atom', access: 'public', example: '/en/meetings.atom' },
  { method: 'GET', route: '/sitemap.xml', access: 'public', example: '/sitemap.xml' },
  { method: 'GET', route: '/robots.txt', access: 'public', example: '/robots.txt' },
  { method: 'GET', route: '/:lang/office/news', access: 'secretariat', example: '/en/office/news' },
  { method: 'GET', route: '/:lang/office/meetings/:id/press-release', access: 'secretariat', example: '/en/office/meetings/{meeting}/press-release' },
  { method: 'POST', route: '/:lang/office/meetings/:id/press-release', access: 'secretariat', example: '/en/office/meetings/{meeting}/press-release' },
  { method: 'POST', route: '/:lang/office/news/:id/publish', access: 'secretariat', example: '/en/office/news/{publishedNews}/publish' },
  { method: 'POST', route: '/:lang/office/news/:id/unpublish', access: 'secretariat', example: '/en/office/news/{publishedNews}/unpublish' },
  { method: 'GET', route: '/:lang/office/news/categories', access: 'secretariat', example: '/en/office/news/categories' },
  { method: 'GET', route: '/:lang/office/news/categories/:slug', access: 'secretariat', example: '/en/office/news/categories/council' },
  { method: 'POST', route: '/:lang/office/news/categories/:slug', access: 'secretariat', example: '/en/office/news/categories/council' },
  { method: 'GET', route: '/:lang/office/news/new', access: 'secretariat', example: '/en/office/news/new' },
  { method: 'POST', route: '/:lang/office/news/new', access: 'secretariat', example: '/en/office/news/new' },
  { method: 'GET', route: '/:lang/office/news/:id', access: 'secretariat', example: '/en/office/news/{publishedNews}' },
  { method: 'POST', route: '/:lang/office/news/:id', access: 'secretariat', example: '/en/office/news/{publishedNews}' },
  { method: 'POST', route: '/:lang/office/news/:id/schedule', access: 'secretariat', example: '/en/office/news/{publishedNews}/schedule' },
  { method: 'POST', route: '/:lang/office/news/:id/photo', access: 'secretariat', example: '/en/office/news/{publishedNews}/photo' },
  { method: 'POST', route: '/:lang/office/news/:id/photo/remove', access: 'secretariat', example: '/en/office/news/{publishedNews}/photo/remove' },
  { method: 'GET', route: '/:lang/news/category/:slug/feed.atom', access: 'public', example: '/en/news/category/council/feed.atom' },
  { method: 'GET', route: '/files/news/:name', access: 'public-file', example: `/files/news/${'0'.repeat(64)}.webp` },
  { method: 'GET', route: '/sitemaps/:name', access: 'public', example: '/sitemaps/pages.xml' },
  { method: 'GET', route: '/:lang/maslikhats/:slug', access: 'public', example: '/en/maslikhats/maslikhat-270000000' },
  { method: 'GET', route: '/:lang/deputies', access: 'public', example: '/en/deputies?region=270000000&district=1&q=kulshar' },
  { method: 'GET', route: '/:lang/deputies/:id', access: 'public', example: '/en/deputies/{deputyPerson}' },
  { method: 'GET', route: '/:lang/council', access: 'public', example: '/en/council?date=2020-10-21' },
  { method: 'GET', route: '/api/v1/organizations', access: 'public', example: '/api/v1/organizations' },
  { method: 'GET', route: '/api/v1/persons', access: 'public', example: '/api/v1/persons' },
  { method: 'GET', route: '/api/v1/memberships', access: 'public', example: '/api/v1/memberships' },
  { method: 'GET', route: '/open-data/popolo.json', access: 'public', example: '/open-data/popolo.json' },
  { method: 'GET', route: '/open-data/deputies.csv', access: 'public', example: '/open-data/deputies.csv' },
  { method: 'GET', route: '/open-data/deputies.xlsx', access: 'public', example: '/open-data/deputies.xlsx' },
  { method: 'GET', route: '/open-data/kenes-open-data.zip', access: 'public', example: '/open-data/kenes-open-data.zip' },
  { method: 'GET', route: '/:lang/open-data', access: 'public', example: '/en/open-data' },
  { method: 'GET', route: '/:lang/open-data/api', access: 'public', example: '/en/open-data/api' },
  { method: 'GET', route: '/:lang/office/maslikhats/:slug/deputies', access: 'maslikhat-staff', example: '/en/office/maslikhats/maslikhat-270000000/deputies' },
  { method: 'GET', route: '/:lang/office/maslikhats/:slug/deputies/new', access: 'maslikhat-staff', example: '/en/office/maslikhats/maslikhat-270000000/deputies/new' },
  { method: 'POST', route: '/:lang/office/maslikhats/:slug/deputies/new', access: 'maslikhat-staff', example: '/en/office/maslikhats/maslikhat-270000000/deputies/new' },
  { method: 'GET', route: '/:lang/office/maslikhats/:slug/deputies/:id/edit', access: 'maslikhat-staff', example: '/en/office/maslikhats/maslikhat-270000000/deputies/{deputyMembership}/edit' },
  { method: 'POST', route: '/:lang/office/maslikhats/:slug/deputies/:id/edit', access: 'maslikhat-staff', example: '/en/office/maslikhats/maslikhat-270000000/deputies/{deputyMembership}/edit' },
  { method: 'GET', route: '/:lang/office/maslikhats/:slug/deputies/:id/end', access: 'maslikhat-staff', example: '/en/office/maslikhats/maslikhat-270000000/deputies/{deputyMembership}/end' },
  { method: 'POST', route: '/:lang/office/maslikhats/:slug/deputies/:id/end', access: 'maslikhat-staff', example: '/en/office/maslikhats/maslikhat-270000000/deputies/{deputyMembership}/end' },
  { method: 'POST', route: '/:lang/office/maslikhats/:slug/deputies/:id/photo', access: 'maslikhat-staff', example: '/en/office/maslikhats/maslikhat-270000000/deputies/{deputyMembership}/photo' },
  { method: 'GET', route: '/files/photos/:name', access: 'public-file', example: '/files/photos/0000000000000000000000000000000000000000000000000000000000000000.webp' },
  { method: 'GET', route: '/:lang/office/admin/reference', access: 'admin', example: '/en/office/admin/reference' },
  { method: 'POST', route: '/:lang/office/admin/reference/home', access: 'admin', example: '/en/office/admin/reference/home' },
  { method: 'GET', route: '/:lang/office/admin/organizations/:id/edit', access: 'admin', example: '/en/office/admin/organizations/{kurultai}/edit' },
  { method: 'POST', route: '/:lang/office/admin/organizations/:id/edit', access: 'admin', example: '/en/office/admin/organizations/{kurultai}/edit' },
  { method: 'GET', route: '/:lang/office/admin/areas', access: 'admin', example: '/en/office/admin/areas' },
  { method: 'GET', route: '/:lang/office/admin/areas/:id/edit', access: 'admin', example: '/en/office/admin/areas/{area}/edit' },
  { method: 'POST', route: '/:lang/office/admin/areas/:id/edit', access: 'admin', example: '/en/office/admin/areas/{area}/edit' },
  { method: 'POST', route: '/:lang/office/admin/areas/:id/population', access: 'admin', example: '/en/office/admin/areas/{area}/population' },
  { method: 'GET', route: '/:lang/office/admin/calendar', access: 'admin', example: '/en/office/admin/calendar' },
  { method: 'POST', route: '/:lang/office/admin/calendar', access: 'admin', example: '/en/office/admin/calendar' },
  { method: 'GET', route: '/:lang/office/admin/calendar/:year', access: 'admin', example: '/en/office/admin/calendar/2024' },
  { method: 'POST', route: '/:lang/office/admin/calendar/:year/complete', access: 'admin', example: '/en/office/admin/calendar/2024/complete' },
  { method: 'POST', route: '/:lang/office/admin/calendar/:year/days', access: 'admin', example: '/en/office/admin/calendar/2024/days' },
  { method: 'GET', route: '/:lang/office/admin/calendar/days/:date', access: 'admin', example: '/en/office/admin/calendar/days/2024-03-21' },
  { method: 'POST', route: '/:lang/office/admin/calendar/days/:date', access: 'admin', example: '/en/office/admin/calendar/days/2024-03-21' },
  // Outreach: a maslikhat's staff and deputies log its events (another maslikhat's staff is refused); receptions ahead, their calendar and the open data are public.
  { method: 'GET', route: '/:lang/office/outreach', access: 'signed-in', example: '/en/office/outreach' },
  { method: 'GET', route: '/:lang/office/outreach/new', access: 'signed-in', example: '/en/office/outreach/new' },
  { method: 'GET', route: '/:lang/office/maslikhats/:slug/outreach/new', access: 'maslikhat-staff', example: '/en/office/maslikhats/maslikhat-270000000/outreach/new' },
  { method: 'POST', route: '/:lang/office/maslikhats/:slug/outreach/new', access: 'maslikhat-staff', example: '/en/office/maslikhats/maslikhat-270000000/outreach/new' },
  { method: 'GET', route: '/:lang/office/outreach/:id', access: 'maslikhat-staff', example: '/en/office/outreach/{outreachEvent}' },
  { method: 'GET', route: '/:lang/office/outreach/:id/edit', access: 'maslikhat-staff', example: '/en/office/outreach/{outreachEvent}/edit' },
  { method: 'POST', route: '/:lang/office/outreach/:id/edit', access: 'maslikhat-staff', example: '/en/office/outreach/{outreachEvent}/edit' },
  { method: 'POST', route: '/:lang/office/outreach/:id/delete', access: 'maslikhat-staff', example: '/en/office/outreach/{outreachEvent}/delete' },
  { method: 'POST', route: '/:lang/office/outreach/:id/photos', access: 'maslikhat-staff', example: '/en/office/outreach/{outreachEvent}/photos' },
  { method: 'POST', route: '/:lang/office/outreach/:id/photos/:photoId/delete', access: 'maslikhat-staff', example: '/en/office/outreach/{outreachEvent}/photos/{outreachEvent}/delete' },
  { method: 'POST', route: '/:lang/office/outreach/:id/files', access: 'maslikhat-staff', example: '/en/office/outreach/{outreachEvent}/files' },
  { method: 'POST', route: '/:lang/office/outreach/:id/files/:fileId/delete', access: 'maslikhat-staff', example: '/en/office/outreach/{outreachEvent}/files/{outreachFile}/delete' },
  { method: 'GET', route: '/:lang/office/outreach/:id/files/:fileId', access: 'maslikhat-staff', example: '/en/office/outreach/{outreachEvent}/files/{outreachFile}' },
  { method: 'GET', route: '/:lang/office/maslikhats/:slug/outreach/import', access: 'maslikhat-staff', example: '/en/office/maslikhats/maslikhat-270000000/outreach/import' },
  { method: 'POST', route: '/:lang/office/maslikhats/:slug/outreach/import', access: 'maslikhat-staff', example: '/en/office/maslikhats/maslikhat-270000000/outreach/import' },
  { method: 'GET', route: '/:lang/office/outreach/import-template.xlsx', access: 'signed-in', example: '/en/office/outreach/import-template.xlsx?lang=ru' },
  { method: 'GET', route: '/:lang/office/outreach/topics', access: 'secretariat', example: '/en/office/outreach/topics' },
  { method: 'POST', route: '/:lang/office/outreach/topics', access: 'secretariat', example: '/en/office/outreach/topics' },
  { method: 'GET', route: '/:lang/office/outreach/topics/:id', access: 'secretariat', example: '/en/office/outreach/topics/{outreachTopic}' },
  { method: 'POST', route: '/:lang/office/outreach/topics/:id', access: 'secretariat', example: '/en/office/outreach/topics/{outreachTopic}' },
  { method: 'GET', route: '/files/outreach/:name', access: 'public-file', example: `/files/outreach/${'0'.repeat(64)}.webp` },
  { method: 'GET', route: '/:lang/receptions', access: 'public', example: '/en/receptions?region=270000000' },
  { method: 'GET', route: '/:lang/receptions.ics', access: 'public', example: '/en/receptions.ics' },
  { method: 'GET', route: '/:lang/receptions/:id', access: 'public', example: '/en/receptions/{outreachEvent}' },
  { method: 'GET', route: '/api/v1/outreach-events', access: 'public', example: '/api/v1/outreach-events?region=270000000' },
  { method: 'GET', route: '/api/v1/outreach-topics', access: 'public', example: '/api/v1/outreach-topics' },
  { method: 'GET', route: '/:lang/outreach', access: 'public', example: '/en/outreach?region=270000000' },
  { method: 'GET', route: '/:lang/outreach.csv', access: 'public', example: '/en/outreach.csv?table=map' },
  { method: 'GET', route: '/:lang/office/outreach/analytics', access: 'signed-in', example: '/en/office/outreach/analytics' },
  { method: 'GET', route: '/:lang/office/outreach/analytics.csv', access: 'signed-in', example: '/en/office/outreach/analytics.csv' },
  { method: 'GET', route: '/api/v1/outreach-stats', access: 'public', example: '/api/v1/outreach-stats?region=270000000' },
  { method: 'GET', route: '/:lang/office/meetings', access: 'secretariat', example: '/en/office/meetings' },
  { method: 'GET', route: '/:lang/office/meetings/new', access: 'secretariat', example: '/en/office/meetings/new' },
  { method: 'POST', route: '/:lang/office/meetings/new', access: 'secretariat', example: '/en/office/meetings/new' },
  { method: 'GET', route: '/:lang/office/meetings/:id', access: 'secretariat', example: '/en/office/meetings/{meeting}' },
  { method: 'GET', route: '/:lang/office/meetings/:id/edit', access: 'secretariat', example: '/en/office/meetings/{meeting}/edit' },
  { method: 'POST', route: '/:lang/office/meetings/:id/edit', access: 'secretariat', example: '/en/office/meetings/{meeting}/edit' },
  { method: 'POST', route: '/:lang/office/meetings/:id/status', access: 'secretariat', example: '/en/office/meetings/{meeting}/status' },
  { method: 'POST', route: '/:lang/office/meetings/:id/agenda', access: 'secretariat', example: '/en/office/meetings/{meeting}/agenda' },
  { method: 'POST', route: '/:lang/office/meetings/:id/agenda/:itemId/remove', access: 'secretariat', example: '/en/office/meetings/{meeting}/agenda/{agendaItem}/remove' },
  { method: 'POST', route: '/:lang/office/meetings/:id/invitations', access: 'secretariat', example: '/en/office/meetings/{meeting}/invitations' },
  { method: 'POST', route: '/:lang/office/meetings/:id/agenda/:itemId/move', access: 'secretariat', example: '/en/office/meetings/{meeting}/agenda/{agendaItem}/move' },
  { method: 'GET', route: '/:lang/office/meetings/:id/agenda/:itemId/edit', access: 'secretariat', example: '/en/office/meetings/{meeting}/agenda/{agendaItem}/edit' },
  { method: 'POST', route: '/:lang/office/meetings/:id/agenda/:itemId/edit', access: 'secretariat', example: '/en/office/meetings/{meeting}/agenda/{agendaItem}/edit' },
  { method: 'POST', route: '/:lang/office/meetings/:id/agenda/:itemId/speakers', access: 'secretariat', example: '/en/office/meetings/{meeting}/agenda/{agendaItem}/speakers' },
  { method: 'POST', route: '/:lang/office/meetings/:id/agenda/:itemId/speakers/:speakerId/remove', access: 'secretariat', example: '/en/office/meetings/{meeting}/agenda/{agendaItem}/speakers/{agendaItem}/remove' },
  { method: 'POST', route: '/:lang/office/meetings/:id/papers', access: 'secretariat', example: '/en/office/meetings/{publicMeeting}/papers' },
  { method: 'POST', route: '/:lang/office/meetings/:id/papers/:paperId/remove', access: 'secretariat', example: '/en/office/meetings/{publicMeeting}/papers/{paper}/remove' },
  { method: 'GET', route: '/:lang/office/meetings/:id/papers/:paperId', access: 'invitee', example: '/en/office/meetings/{publicMeeting}/papers/{paper}' },
  { method: 'GET', route: '/:lang/meetings/:id/papers/:paperId', access: 'public-file', example: '/en/meetings/{publicMeeting}/papers/{paper}' },
  { method: 'POST', route: '/:lang/office/meetings/:id/chair', access: 'secretariat', example: '/en/office/meetings/{meeting}/chair' },
  { method: 'GET', route: '/:lang/office/meetings/:id/live', access: 'secretariat', example: '/en/office/meetings/{publicMeeting}/live' },
  { method: 'GET', route: '/:lang/office/meetings/:id/live/panel', access: 'secretariat', example: '/en/office/meetings/{publicMeeting}/live/panel' },
  { method: 'GET', route: '/:lang/office/meetings/:id/live/events', access: 'live-stream', example: '/en/office/meetings/{publicMeeting}/live/events' },
  { method: 'POST', route: '/:lang/office/meetings/:id/live/current', access: 'secretariat', example: '/en/office/meetings/{publicMeeting}/live/current' },
  { method: 'POST', route: '/:lang/office/meetings/:id/live/attendance', access: 'secretariat', example: '/en/office/meetings/{publicMeeting}/live/attendance' },
  { method: 'POST', route: '/:lang/office/meetings/:id/live/statements', access: 'secretariat', example: '/en/office/meetings/{publicMeeting}/live/statements' },
  { method: 'POST', route: '/:lang/office/meetings/:id/live/decisions', access: 'secretariat', example: '/en/office/meetings/{publicMeeting}/live/decisions' },
  { method: 'POST', route: '/:lang/office/meetings/:id/live/statements/:statementId/remove', access: 'secretariat', example: '/en/office/meetings/{publicMeeting}/live/statements/{agendaItem}/remove' },
  { method: 'POST', route: '/:lang/office/meetings/:id/live/decisions/:decisionId/remove', access: 'secretariat', example: '/en/office/meetings/{publicMeeting}/live/decisions/{agendaItem}/remove' },
  { method: 'POST', route: '/:lang/office/meetings/:id/live/decisions/:decisionId/open', access: 'secretariat', example: '/en/office/meetings/{publicMeeting}/live/decisions/{agendaItem}/open' },
  { method: 'POST', route: '/:lang/office/meetings/:id/live/decisions/:decisionId/close', access: 'secretariat', example: '/en/office/meetings/{publicMeeting}/live/decisions/{agendaItem}/close' },
  { method: 'GET', route: '/:lang/office/meetings/:id/minutes/:file', access: 'secretariat', example: '/en/office/meetings/{heldMeeting}/minutes/minutes-kk.pdf' },
  { method: 'POST', route: '/:lang/office/meetings/:id/minutes/approve', access: 'secretariat', example: '/en/office/meetings/{heldMeeting}/minutes/approve' },
  { method: 'GET', route: '/:lang/meetings/:id/minutes/:file', access: 'public-file', example: '/en/meetings/{heldMeeting}/minutes/minutes-kk.pdf' },
  { method: 'GET', route: '/:lang/office/invitations', access: 'signed-in', example: '/en/office/invitations' },
  { method: 'POST', route: '/:lang/office/invitations/:id/respond', access: 'own-record', example: '/en/office/invitations/{westInvitation}/respond' },
  { method: 'GET', route: '/:lang/office/council', access: 'secretariat', example: '/en/office/council' },
  { method: 'GET', route: '/:lang/office/council/decisions/new', access: 'secretariat', example: '/en/office/council/decisions/new' },
  { method: 'POST', route: '/:lang/office/council/decisions/new', access: 'secretariat', example: '/en/office/council/decisions/new' },
  { method: 'GET', route: '/:lang/office/council/admit', access: 'secretariat', example: '/en/office/council/admit' },
  { method: 'POST', route: '/:lang/office/council/admit', access: 'secretariat', example: '/en/office/council/admit' },
  { method: 'GET', route: '/:lang/office/council/members/:id/withdraw', access: 'secretariat', example: '/en/office/council/members/{councilMembership}/withdraw' },
  { method: 'POST', route: '/:lang/office/council/members/:id/withdraw', access: 'secretariat', example: '/en/office/council/members/{councilMembership}/withdraw' },
  { method: 'GET', route: '/:lang/office/council/posts/new', access: 'secretariat', example: '/en/office/council/posts/new?role=head&q=Shakirov' },
  { method: 'POST', route: '/:lang/office/council/posts/new', access: 'secretariat', example: '/en/office/council/posts/new' },
  { method: 'GET', route: '/:lang/office/council/posts/:id/end', access: 'secretariat', example: '/en/office/council/posts/{councilPost}/end' },
  { method: 'POST', route: '/:lang/office/council/posts/:id/end', access: 'secretariat', example: '/en/office/council/posts/{councilPost}/end' },
  { method: 'GET', route: '/:lang/office/maslikhats/:slug/import', access: 'maslikhat-staff', example: '/en/office/maslikhats/maslikhat-270000000/import' },
  { method: 'GET', route: '/:lang/office/maslikhats/:slug/import/template.xlsx', access: 'maslikhat-staff', example: '/en/office/maslikhats/maslikhat-270000000/import/template.xlsx?lang=ru' },
  { method: 'POST', route: '/:lang/office/maslikhats/:slug/import', access: 'maslikhat-staff', example: '/en/office/maslikhats/maslikhat-270000000/import' },
  { method: 'POST', route: '/:lang/office/maslikhats/:slug/import/:uploadId/apply', access: 'maslikhat-staff', example: '/en/office/maslikhats/maslikhat-270000000/import/0190c8a0-0000-7000-8000-000000000000/apply' },
  { method: 'GET', route: '/:lang/plan', access: 'public', example: '/en/plan' },
  { method: 'GET', route: '/:lang/plan/:id', access: 'public', example: '/en/plan/{progressPlan}?region=270000000' },
  { method: 'GET', route: '/:lang/plan/:id/progress.csv', access: 'public', example: '/en/plan/{progressPlan}/progress.csv' },
  { method: 'GET', route: '/:lang/office/plan/:id/matrix', access: 'secretariat', example: '/en/office/plan/{progressPlan}/matrix?status=missing' },
  { method: 'GET', route: '/:lang/office/plan/:id/matrix.xlsx', access: 'secretariat', example: '/en/office/plan/{progressPlan}/matrix.xlsx' },
  { method: 'GET', route: '/:lang/office/plan/:id/matrix.csv', access: 'secretariat', example: '/en/office/plan/{progressPlan}/matrix.csv' },
  { method: 'GET', route: '/api/v1/plans', access: 'public', example: '/api/v1/plans' },
  { method: 'GET', route: '/api/v1/plans/:id', access: 'public', example: '/api/v1/plans/{progressPlan}' },
  { method: 'GET', route: '/api/v1/calendar/due-date', access: 'public', example: '/api/v1/calendar/due-date?from=2024-03-20&working_days=15' },
  { method: 'GET', route: '/api/v1/calendar/non-working-days', access: 'public', example: '/api/v1/calendar/non-working-days?year=2024' },
  { method: 'GET', route: '/:lang/search', access: 'public', example: '/en/search?q=maslikhat' },
  { method: 'GET', route: '/api/v1/search', access: 'public', example: '/api/v1/search?q=maslikhat' },
  // Citizens' questions: the form is public; the applicant's page is a private link (a wrong token is a plain 404);
  // the office lists what each may see (another region's question is not found), the retention is for administrators.
  { method: 'GET', route: '/:lang/questions/new', access: 'public', example: '/en/questions/new' },
  { method: 'POST', route: '/:lang/questions/new', access: 'public', example: '/en/questions/new' },
  { method: 'GET', route: '/:lang/questions/track/:token', access: 'private-link', example: '/en/questions/track/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' },
  { method: 'GET', route: '/:lang/office/questions', access: 'signed-in', example: '/en/office/questions' },
  { method: 'GET', route: '/:lang/office/questions.csv', access: 'signed-in', example: '/en/office/questions.csv' },
  { method: 'GET', route: '/:lang/office/questions/new', access: 'signed-in', example: '/en/office/questions/new' },
  { method: 'POST', route: '/:lang/office/questions/new', access: 'signed-in', example: '/en/office/questions/new' },
  { method: 'GET', route: '/:lang/office/questions/retention', access: 'admin', example: '/en/office/questions/retention' },
  { method: 'POST', route: '/:lang/office/questions/retention', access: 'admin', example: '/en/office/questions/retention' },
  { method: 'GET', route: '/:lang/office/questions/:id', access: 'own-record', example: '/en/office/questions/{westQuestion}' },
  { method: 'POST', route: '/:lang/office/questions/:id/take', access: 'own-record', example: '/en/office/questions/{westQuestion}/take' },
  { method: 'POST', route: '/:lang/office/questions/:id/assign', access: 'own-record', example: '/en/office/questions/{westQuestion}/assign' },
  { method: 'POST', route: '/:lang/office/questions/:id/forward', access: 'own-record', example: '/en/office/questions/{westQuestion}/forward' },
  { method: 'POST', route: '/:lang/office/questions/:id/answer', access: 'own-record', example: '/en/office/questions/{westQuestion}/answer' },
  { method: 'POST', route: '/:lang/office/questions/:id/close', access: 'own-record', example: '/en/office/questions/{westQuestion}/close' },
  { method: 'POST', route: '/:lang/office/questions/:id/extend', access: 'own-record', example: '/en/office/questions/{westQuestion}/extend' },
  { method: 'GET', route: '/api/v1/plan-reports', access: 'public', example: '/api/v1/plan-reports?region=270000000&period=2021-Q1' },
  // Plan reports: a maslikhat's staff file them, the secretariat reviews; a report's file is the body's and the secretariat's ('invitee' rules).
  { method: 'GET', route: '/:lang/office/maslikhats/:slug/plan', access: 'maslikhat-staff', example: '/en/office/maslikhats/maslikhat-270000000/plan' },
  { method: 'GET', route: '/:lang/office/maslikhats/:slug/plan/items/:itemId/periods/:periodStart', access: 'maslikhat-staff', example: '/en/office/maslikhats/maslikhat-270000000/plan/items/{planItem}/periods/2020-10-01' },
  { method: 'POST', route: '/:lang/office/maslikhats/:slug/plan/items/:itemId/periods/:periodStart', access: 'maslikhat-staff', example: '/en/office/maslikhats/maslikhat-270000000/plan/items/{planItem}/periods/2020-10-01' },
  // The plan's office: plans, sections, standing, items and priorities (the secretariat; another body's plan is not theirs to change).
  { method: 'GET', route: '/:lang/office/plan', access: 'secretariat', example: '/en/office/plan' },
  { method: 'POST', route: '/:lang/office/plan', access: 'secretariat', example: '/en/office/plan' },
  { method: 'GET', route: '/:lang/office/plan/import', access: 'secretariat', example: '/en/office/plan/import' },
  { method: 'GET', route: '/:lang/office/plan/import/template.xlsx', access: 'secretariat', example: '/en/office/plan/import/template.xlsx?lang=ru' },
  { method: 'POST', route: '/:lang/office/plan/import', access: 'secretariat', example: '/en/office/plan/import' },
  { method: 'POST', route: '/:lang/office/plan/import/:uploadId/apply', access: 'secretariat', example: '/en/office/plan/import/0190c8a0-0000-7000-8000-000000000000/apply' },
  { method: 'GET', route: '/:lang/office/plan/:id', access: 'secretariat', example: '/en/office/plan/{officePlan}' },
  { method: 'GET', route: '/:lang/office/plan/:id/edit', access: 'secretariat', example: '/en/office/plan/{officePlan}/edit' },
  { method: 'POST', route: '/:lang/office/plan/:id/edit', access: 'secretariat', example: '/en/office/plan/{officePlan}/edit' },
  { method: 'POST', route: '/:lang/office/plan/:id/sections', access: 'secretariat', example: '/en/office/plan/{officePlan}/sections' },
  { method: 'POST', route: '/:lang/office/plan/:id/sections/:sectionId', access: 'secretariat', example: '/en/office/plan/{officePlan}/sections/{officePlanSection}' },
  { method: 'GET', route: '/:lang/office/plan/:id/adopt', access: 'secretariat', example: '/en/office/plan/{officePlan}/adopt' },
  { method: 'POST', route: '/:lang/office/plan/:id/adopt', access: 'secretariat', example: '/en/office/plan/{officePlan}/adopt' },
  { method: 'GET', route: '/:lang/office/plan/:id/complete', access: 'secretariat', example: '/en/office/plan/{adoptedOfficePlan}/complete' },
  { method: 'POST', route: '/:lang/office/plan/:id/complete', access: 'secretariat', example: '/en/office/plan/{adoptedOfficePlan}/complete' },
  { method: 'GET', route: '/:lang/office/plan/:id/supersede', access: 'secretariat', example: '/en/office/plan/{adoptedOfficePlan}/supersede' },
  { method: 'POST', route: '/:lang/office/plan/:id/supersede', access: 'secretariat', example: '/en/office/plan/{adoptedOfficePlan}/supersede' },
  { method: 'GET', route: '/:lang/office/plan/:id/items/new', access: 'secretariat', example: '/en/office/plan/{officePlan}/items/new' },
  { method: 'POST', route: '/:lang/office/plan/:id/items', access: 'secretariat', example: '/en/office/plan/{officePlan}/items' },
  { method: 'GET', route: '/:lang/office/plan/:id/items/:itemId/edit', access: 'secretariat', example: '/en/office/plan/{officePlan}/items/{officePlanItem}/edit' },
  { method: 'POST', route: '/:lang/office/plan/:id/items/:itemId/edit', access: 'secretariat', example: '/en/office/plan/{officePlan}/items/{officePlanItem}/edit' },
  { method: 'GET', route: '/:lang/office/plan/:id/items/:itemId/cancel', access: 'secretariat', example: '/en/office/plan/{officePlan}/items/{officePlanItem}/cancel' },
  { method: 'POST', route: '/:lang/office/plan/:id/items/:itemId/cancel', access: 'secretariat', example: '/en/office/plan/{officePlan}/items/{officePlanItem}/cancel' },
  { method: 'GET', route: '/:lang/office/plan/priorities', access: 'secretariat', example: '/en/office/plan/priorities?saved=1' },
  { method: 'POST', route: '/:lang/office/plan/priorities', access: 'secretariat', example: '/en/office/plan/priorities' },
  { method: 'GET', route: '/:lang/office/plan/priorities/:id/edit', access: 'secretariat', example: '/en/office/plan/priorities/{planPriority}/edit' },
  { method: 'POST', route: '/:lang/office/plan/priorities/:id/edit', access: 'secretariat', example: '/en/office/plan/priorities/{planPriority}/edit' },
  { method: 'GET', route: '/:lang/office/plan/reports', access: 'secretariat', example: '/en/office/plan/reports?state=any' },
  { method: 'GET', route: '/:lang/office/plan/reports/:id', access: 'secretariat', example: '/en/office/plan/reports/{planReport}' },
  { method: 'POST', route: '/:lang/office/plan/reports/:id/accept', access: 'secretariat', example: '/en/office/plan/reports/{planReport}/accept' },
  { method: 'POST', route: '/:lang/office/plan/reports/:id/return', access: 'secretariat', example: '/en/office/plan/reports/{planReport}/return' },
  { method: 'GET', route: '/:lang/office/plan/reports/:id/attachments/:attachmentId', access: 'invitee', example: '/en/office/plan/reports/{planReport}/attachments/{planAttachment}' },
  // The library's office: partners prepare their organisation's materials, the secretariat approves, sends and reads coverage (maslikhat staff: 403).
  { method: 'GET', route: '/:lang/office/library', access: 'secretariat', example: '/en/office/library?state=published&page=1' },
  { method: 'GET', route: '/:lang/office/library/new', access: 'secretariat', example: '/en/office/library/new' },
  { method: 'POST', route: '/:lang/office/library', access: 'secretariat', example: '/en/office/library' },
  { method: 'GET', route: '/:lang/office/library/coverage', access: 'secretariat', example: '/en/office/library/coverage' },
  { method: 'GET', route: '/:lang/office/library/coverage.csv', access: 'secretariat', example: '/en/office/library/coverage.csv' },
  { method: 'GET', route: '/:lang/office/library/:id', access: 'secretariat', example: '/en/office/library/{libraryMaterial}' },
  { method: 'POST', route: '/:lang/office/library/:id', access: 'secretariat', example: '/en/office/library/{libraryMaterial}' },
  { method: 'POST', route: '/:lang/office/library/:id/files', access: 'secretariat', example: '/en/office/library/{libraryMaterial}/files' },
  { method: 'GET', route: '/:lang/office/library/:id/files/:fileId', access: 'secretariat', example: '/en/office/library/{libraryMaterial}/files/{libraryFile}' },
  { method: 'POST', route: '/:lang/office/library/:id/submit', access: 'secretariat', example: '/en/office/library/{libraryMaterial}/submit' },
  { method: 'POST', route: '/:lang/office/library/:id/publish', access: 'secretariat', example: '/en/office/library/{libraryMaterial}/publish' },
  { method: 'POST', route: '/:lang/office/library/:id/return', access: 'secretariat', example: '/en/office/library/{libraryMaterial}/return' },
  { method: 'POST', route: '/:lang/office/library/:id/withdraw', access: 'secretariat', example: '/en/office/library/{libraryMaterial}/withdraw' },
  { method: 'POST', route: '/:lang/office/library/:id/distribute', access: 'secretariat', example: '/en/office/library/{libraryMaterial}/distribute' },
  { method: 'GET', route: '/:lang/office/library/:id/coverage.csv', access: 'secretariat', example: '/en/office/library/{libraryMaterial}/coverage.csv' },
  { method: 'GET', route: '/:lang/office/library/:id/quiz', access: 'secretariat', example: '/en/office/library/{libraryMaterial}/quiz' },
  { method: 'POST', route: '/:lang/office/library/:id/quiz', access: 'secretariat', example: '/en/office/library/{libraryMaterial}/quiz' },
  { method: 'POST', route: '/:lang/office/library/:id/quiz/:questionId/remove', access: 'secretariat', example: '/en/office/library/{libraryMaterial}/quiz/{libraryQuizQuestion}/remove' },
  // A maslikhat's received library materials: its staff and deputies (another region's staff: 403); the public library.
  { method: 'GET', route: '/:lang/office/maslikhats/:slug/library', access: 'maslikhat-staff', example: '/en/office/maslikhats/maslikhat-270000000/library?page=1' },
  { method: 'GET', route: '/:lang/office/maslikhats/:slug/library/:id', access: 'maslikhat-staff', example: '/en/office/maslikhats/maslikhat-270000000/library/{libraryMaterial}' },
  { method: 'POST', route: '/:lang/office/maslikhats/:slug/library/:id/acknowledge', access: 'maslikhat-staff', example: '/en/office/maslikhats/maslikhat-270000000/library/{libraryMaterial}/acknowledge' },
  { method: 'GET', route: '/:lang/office/maslikhats/:slug/library/:id/quiz', access: 'maslikhat-staff', example: '/en/office/maslikhats/maslikhat-270000000/library/{libraryMaterial}/quiz?done=1' },
  { method: 'POST', route: '/:lang/office/maslikhats/:slug/library/:id/quiz', access: 'maslikhat-staff', example: '/en/office/maslikhats/maslikhat-270000000/library/{libraryMaterial}/quiz' },
  { method: 'GET', route: '/:lang/office/maslikhats/:slug/library/:id/files/:fileId', access: 'maslikhat-staff', example: '/en/office/maslikhats/maslikhat-270000000/library/{libraryMaterial}/files/{libraryFile}' },
  { method: 'GET', route: '/:lang/library', access: 'public', example: '/en/library?language=ru&page=1' },
  { method: 'GET', route: '/:lang/library/:id', access: 'public', example: '/en/library/{libraryMaterial}' },
  { method: 'GET', route: '/:lang/library/:id/files/:fileId', access: 'public', example: '/en/library/{libraryMaterial}/files/{libraryFile}' },
];

let t: TestApp;
let admin: TestAccount;
let staff: TestAccount;
let otherRegionStaff: TestAccount;
const ids: Record<string, string> = {};
let staffBrowser: Browser;
let adminBrowser: Browser;
let rightStaffBrowser: Browser;

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  admin = await createAccount(db, { grants: [{ role: 'admin', organizationSlug: 'council-senate' }] });
  staff = await createAccount(db, { grants: [{ role: 'maslikhat_staff', organizationSlug: 'maslikhat-750000000' }] });
  otherRegionStaff = await createAccount(db, { grants: [{ role: 'maslikhat_staff', organizationSlug: 'maslikhat-270000000' }] });
  const otherBrowser = new Browser(t.app);
  await otherBrowser.signIn(otherRegionStaff);
  rightStaffBrowser = otherBrowser;
  ids.otherSession = ids.session = (await db.selectFrom('session').select('id').where('account_id', '=', otherRegionStaff.id).executeTakeFirstOrThrow()).id;
  ids.person = otherRegionStaff.id;
  ids.grant = (await db.selectFrom('role_grant').select('id').where('account_id', '=', otherRegionStaff.id).executeTakeFirstOrThrow()).id;
  ids.otherApiToken = newId();
  await db.insertInto('api_token').values({ id: ids.otherApiToken, account_id: otherRegionStaff.id, name: 'theirs', token_hash: 'x'.repeat(64), token_prefix: 'kenes_xxxxxx' }).execute();
  // A deputy of West Kazakhstan (the other region) and a collective member of the Council.
  const westId = (await db.selectFrom('organization').select('id').where('slug', '=', 'maslikhat-270000000').executeTakeFirstOrThrow()).id;
  const councilId = (await db.selectFrom('organization').select('id').where('slug', '=', 'council-senate').executeTakeFirstOrThrow()).id;
  const deputyId = newId();
  ids.deputyPerson = deputyId;
  await db.insertInto('person').values({ id: deputyId, name: JSON.stringify({ ru: 'Депутат Тестовый' }), family_name: null, given_name: null, patronymic: null, birth_date: null, gender: null, iin: null, photo_file: null, source: null }).execute();
  ids.deputyMembership = newId();
  ids.councilMembership = newId();
  ids.councilPost = newId();
  await db.insertInto('membership').values([
    { id: ids.deputyMembership, organization_id: westId, person_id: deputyId, member_organization_id: null, role: 'deputy', label: null, on_behalf_of_id: null, electoral_district_id: null, convocation_id: null, start_date: '2023-03-19', end_date: null, start_decision_id: null, end_decision_id: null, end_reason: null, source: null },
    { id: ids.councilMembership, organization_id: councilId, person_id: deputyId, member_organization_id: null, role: 'member', label: null, on_behalf_of_id: null, electoral_district_id: null, convocation_id: null, start_date: '2020-10-21', end_date: null, start_decision_id: null, end_decision_id: null, end_reason: null, source: null },
    { id: ids.councilPost, organization_id: councilId, person_id: deputyId, member_organization_id: null, role: 'head', label: null, on_behalf_of_id: null, electoral_district_id: null, convocation_id: null, start_date: '2020-01-01', end_date: null, start_decision_id: null, end_decision_id: null, end_reason: null, source: null },
  ]).execute();
  ids.meeting = newId();
  ids.agendaItem = newId();
  ids.westInvitation = newId();
  await db.insertInto('meeting').values({ id: ids.meeting, organization_id: councilId, kind: 'regular', number: 1, title: null, starts_at: new Date('2026-12-10T06:00:00Z'), ends_at: null, place: null, format: 'online', video_url: 'https://meet.example/x', chair_person_id: null, status_reason: null, announced_at: null, current_agenda_item_id: null }).execute();
  await db.insertInto('agenda_item').values({ id: ids.agendaItem, meeting_id: ids.meeting, parent_id: null, position: 1, title: JSON.stringify({ ru: 'Вопрос' }), description: null, minutes_allotted: null }).execute();
  ids.publicMeeting = newId();
  await db.insertInto('meeting').values({ id: ids.publicMeeting, organization_id: councilId, kind: 'regular', number: 2, title: JSON.stringify({ ru: 'Объявленное заседание' }), starts_at: new Date('2026-12-17T06:00:00Z'), ends_at: null, place: null, format: 'in_person', video_url: null, chair_person_id: null, status: 'announced', status_reason: null, announced_at: new Date(), current_agenda_item_id: null }).execute();
  ids.heldMeeting = newId();
  await db.insertInto('meeting').values({ id: ids.heldMeeting, organization_id: councilId, kind: 'regular', number: 3, title: JSON.stringify({ ru: 'Проведённое заседание' }), starts_at: new Date('2026-11-12T06:00:00Z'), ends_at: null, place: null, format: 'in_person', video_url: null, chair_person_id: null, status: 'held', status_reason: null, announced_at: new Date(), current_agenda_item_id: null }).execute();
  ids.publishedNews = newId();
  await db.insertInto('news_item').values({ id: ids.publishedNews, organization_id: councilId, meeting_id: ids.publicMeeting, title: JSON.stringify({ ru: 'Пресс-релиз' }), lead: null, body: null, status: 'published', published_at: new Date(), created_by: null }).execute();
  await db.insertInto('meeting_invitation').values({ id: ids.westInvitation, meeting_id: ids.meeting, organization_id: westId, person_id: null, attendance_mode: null, attendees: null, responded_at: null, responded_by: null }).execute();
  // A paper of the announced meeting, to which West Kazakhstan is invited (and the other region is not).
  await db.insertInto('meeting_invitation').values({ id: newId(), meeting_id: ids.publicMeeting, organization_id: westId, person_id: null, attendance_mode: null, attendees: null, responded_at: null, responded_by: null }).execute();
  ids.paper = newId();
  const paperFile = await t.app.files.put(Buffer.from('%PDF-1.4\n%%EOF\n'), 'pdf');
  await db.insertInto('meeting_paper').values({ id: ids.paper, meeting_id: ids.publicMeeting, agenda_item_id: null, title: JSON.stringify({ ru: 'Справка' }), file_name: 'spravka.pdf', file_hash: paperFile, content_type: 'application/pdf', byte_size: 15, created_by: null }).execute();
  // West Kazakhstan's item of an adopted plan, with a filed report and its file.
  const plan = await createPlan(db, { status: 'adopted' });
  ids.planItem = (await createPlanItem(db, { planId: plan.id, responsible: ['270000000'] })).id;
  const planReport = await createPlanReport(db, { itemId: ids.planItem, body: '270000000', periodStart: '2021-01-01', periodEnd: '2021-03-31', dueOn: '2021-04-05', state: 'submitted' });
  ids.planReport = planReport.id;
  ids.planAttachment = await createPlanReportAttachment(db, { revisionId: planReport.revisionIds[0]!, fileName: paperFile, sizeBytes: 15 });
  // The plan's office: a draft plan with a section and an item, an adopted plan, a priority.
  const officePlan = await createPlan(db);
  ids.officePlan = officePlan.id;
  ids.officePlanSection = officePlan.sectionIds[0]!;
  ids.officePlanItem = (await createPlanItem(db, { planId: officePlan.id, sectionId: officePlan.sectionIds[0]!, responsible: ['270000000'] })).id;
  ids.adoptedOfficePlan = (await createPlan(db, { status: 'adopted' })).id;
  ids.planPriority = (await createPlanPriority(db)).id;
  ids.kurultai = (await db.selectFrom('organization').select('id').where('slug', '=', 'kurultai').executeTakeFirstOrThrow()).id;
  ids.area = (await db.selectFrom('area').select('id').executeTakeFirstOrThrow()).id;
  // A public outreach event of West Kazakhstan's maslikhat (its office pages, /receptions/{id}).
  ids.outreachTopic = (await db.selectFrom('outreach_topic').select('id').executeTakeFirstOrThrow()).id;
  ids.outreachEvent = await createOutreachEvent(db, { maslikhat: '270000000', startsAt: new Date('2020-10-15T10:00:00Z'), audienceTotal: 50, summary: 'Held.' });
  // A paper kept with it.
  ids.outreachFile = newId();
  const outreachPaper = await t.app.files.put(Buffer.from('%PDF-1.4\n% list\n%%EOF\n'), 'pdf');
  await db.insertInto('outreach_event_file').values({ id: ids.outreachFile, event_id: ids.outreachEvent, file_name: outreachPaper, original_name: 'list.pdf', content_type: 'application/pdf', size_bytes: 22, created_by: null }).execute();
  // An adopted plan with an item for West Kazakhstan (the plan's public pages, the matrix, the API).
  ids.progressPlan = (await createPlan(db, { status: 'adopted' })).id;
  await createPlanItem(db, { planId: ids.progressPlan, responsible: ['270000000'] });
  // A citizen's question to West Kazakhstan's maslikhat (the other region's staff may not see it).
  ids.westQuestion = newId();
  await db.insertInto('citizen_question').values({ id: ids.westQuestion, reference: 'Q-2026-999999', organization_id: westId, channel: 'form', applicant_name: 'A', contact_email: null, contact_phone: '+77010000000', area_id: (await db.selectFrom('organization').select('area_id').where('id', '=', westId).executeTakeFirstOrThrow()).area_id!, settlement: null, body: 'Q', language: 'en', consent_at: new Date(), registered_on: '2026-12-01', due_date: null, tracking_token_hash: 'q'.repeat(64), created_at: new Date(), updated_at: new Date() }).execute();
  // A published library material with a file, sent to West Kazakhstan (the other region is not sent it).
  ids.libraryMaterial = await createMaterial(db, { state: 'published', topics: ['бюджет'] });
  ids.libraryFile = await createMaterialFile(t.app, ids.libraryMaterial);
  await distribute(db, ids.libraryMaterial, ['maslikhat-270000000']);
  // Its self-check quiz of one question.
  ids.libraryQuizQuestion = newId();
  await db.insertInto('library_quiz_question').values({ id: ids.libraryQuizQuestion, material_id: ids.libraryMaterial, position: 1, prompt: JSON.stringify({ en: 'Q?' }), options: JSON.stringify([{ en: 'A' }, { en: 'B' }]), correct_option: 0 }).execute();
  await t.app.mailer.send({ to: 'x@example.kz', subject: 's', text: 't' });
  ids.mail = (await db.selectFrom('mail_message').select('id').executeTakeFirstOrThrow()).id;
  // One browser per person (signing in for every row would meet the sign-in rate limit, as it should).
  staffBrowser = new Browser(t.app);
  await staffBrowser.signIn(staff);
  adminBrowser = new Browser(t.app);
  await signInFully(adminBrowser, t.database.db, admin);
});
afterAll(() => t.close());

const urlOf = (row: Row) => row.example.replace(/\{(\w+)\}/g, (_, k: string) => ids[k]!);

async function call(browser: Browser | undefined, row: Row) {
  const url = urlOf(row);
  if (!browser) {
    if (row.method === 'GET') return t.app.inject({ method: 'GET', url });
    const anon = new Browser(t.app);
    return anon.post(url, {});
  }
  return row.method === 'GET' ? browser.get(url) : browser.post(url, {});
}

describe('authorisation table', () => {
  it('lists every registered route', () => {
    const known = new Set(table.map((r) => `${r.method} ${r.route}`));
    const registered = t.app.registeredRoutes
      .filter((r) => r.method === 'GET' || r.method === 'POST')
      .map((r) => `${r.method} ${r.url.replace(/\/$/, '') || '/'}`);
    const missing = [...new Set(registered)].filter((r) => !known.has(r));
    expect(missing, 'add these routes to the table in test/authorization.test.ts').toEqual([]);
  });

  const protectedRows = table.filter((r) => r.access === 'signed-in' || r.access === 'admin' || r.access === 'own-record');

  it.each(protectedRows.map((r) => [`${r.method} ${r.route}`, r] as const))('anonymous: %s sends the visitor to sign in', async (_, row) => {
    const res = await call(undefined, row);
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toMatch(/^\/en\/sign-in\?next=/);
  });

  const adminRows = table.filter((r) => r.access === 'admin');

  it.each(adminRows.map((r) => [`${r.method} ${r.route}`, r] as const))('wrong role (maslikhat staff): %s is forbidden', async (_, row) => {
    const res = await call(staffBrowser, row);
    expect(res.statusCode).toBe(403);
  });

  it.each(adminRows.filter((r) => r.method === 'GET').map((r) => [`${r.method} ${r.route}`, r] as const))('right role (admin): %s answers', async (_, row) => {
    const res = await call(adminBrowser, row);
    expect(res.statusCode).toBe(200);
  });

  it.each(table.filter((r) => r.access === 'own-record').map((r) => [`${r.method} ${r.route}`, r] as const))(
    'wrong organisation: %s on another region\'s staff member\'s record is not found (404, not 403)',
    async (_, row) => {
      const res = await call(staffBrowser, row);
      expect(res.statusCode).toBe(404);
    },
  );

  const staffRows = table.filter((r) => r.access === 'maslikhat-staff');

  it.each(staffRows.map((r) => [`${r.method} ${r.route}`, r] as const))('anonymous: %s sends the visitor to sign in', async (_, row) => {
    const res = await call(undefined, row);
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toMatch(/^\/en\/sign-in\?next=/);
  });

  it.each(staffRows.map((r) => [`${r.method} ${r.route}`, r] as const))('wrong organisation (another region\'s staff): %s is forbidden', async (_, row) => {
    const res = await call(staffBrowser, row);
    expect(res.statusCode).toBe(403);
  });

  it.each(staffRows.filter((r) => r.method === 'GET').map((r) => [`${r.method} ${r.route}`, r] as const))('right organisation (its own staff): %s answers', async (_, row) => {
    const res = await call(rightStaffBrowser, row);
    expect(res.statusCode).toBe(200);
  });

  const secretariatRows = table.filter((r) => r.access === 'secretariat');

  it.each(secretariatRows.map((r) => [`${r.method} ${r.route}`, r] as const))('wrong role (maslikhat staff): %s is forbidden', async (_, row) => {
    const res = await call(staffBrowser, row);
    expect(res.statusCode).toBe(403);
  });

  it.each(secretariatRows.filter((r) => r.method === 'GET').map((r) => [`${r.method} ${r.route}`, r] as const))('right role (admin): %s answers', async (_, row) => {
    const res = await call(adminBrowser, row);
    expect(res.statusCode).toBe(200);
  });

  // An event stream stays open: only the refusals (which answer at once) are checked here; live.test.ts reads the stream.
  const streamRows = table.filter((r) => r.access === 'live-stream');

  it.each(streamRows.map((r) => [`${r.method} ${r.route}`, r] as const))('anonymous: %s sends to sign-in', async (_, row) => {
    const res = await call(undefined, row);
    expect(res.statusCode).toBe(303);
  });

  it.each(streamRows.map((r) => [`${r.method} ${r.route}`, r] as const))('not invited (another region\'s staff): %s is forbidden', async (_, row) => {
    const res = await call(staffBrowser, row);
    expect(res.statusCode).toBe(403);
  });

  // A meeting's papers in the office: the secretariat and the invited maslikhats' staff read them; nobody else.
  const inviteeRows = table.filter((r) => r.access === 'invitee');

  it.each(inviteeRows.map((r) => [`${r.method} ${r.route}`, r] as const))('anonymous: %s sends the visitor to sign in', async (_, row) => {
    const res = await call(undefined, row);
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toMatch(/^\/en\/sign-in\?next=/);
  });

  it.each(inviteeRows.map((r) => [`${r.method} ${r.route}`, r] as const))('not invited (another region\'s staff): %s is forbidden', async (_, row) => {
    const res = await call(staffBrowser, row);
    expect(res.statusCode).toBe(403);
  });

  it.each(inviteeRows.map((r) => [`${r.method} ${r.route}`, r] as const))('invited (the invited region\'s staff) and the secretariat (admin): %s answers', async (_, row) => {
    expect((await call(rightStaffBrowser, row)).statusCode).toBe(200);
    expect((await call(adminBrowser, row)).statusCode).toBe(200);
  });

  it.each(table.filter((r) => r.access === 'public' && r.method === 'GET').map((r) => [r.route, r] as const))('public: %s needs no sign-in', async (_, row) => {
    const res = await call(undefined, row);
    expect(res.statusCode).toBeLessThan(400);
  });

  it.each(table.filter((r) => r.access === 'public-file').map((r) => [r.route, r] as const))('public file: %s needs no sign-in, and an unknown file is not found', async (_, row) => {
    const res = await call(undefined, row);
    expect(res.statusCode).toBe(404);
  });

  it.each(table.filter((r) => r.access === 'link').map((r) => [`${r.method} ${r.route}`, r] as const))('one-time link: %s with a bad token is gone (410)', async (_, row) => {
    const res = await call(undefined, row);
    expect(res.statusCode).toBe(410);
  });

  it.each(table.filter((r) => r.access === 'private-link').map((r) => [`${r.method} ${r.route}`, r] as const))('private link: %s with a wrong token is not found (404)', async (_, row) => {
    const res = await call(undefined, row);
    expect(res.statusCode).toBe(404);
  });
});
