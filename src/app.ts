// Builds the Fastify application: core plugins first, then the features. No listening here.
import compress from '@fastify/compress';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import helmet from 'helmet';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Config } from './core/config.js';
import type { DatabaseHandle, Db } from './core/db/connect.js';
import { requestIdFor } from './core/ids.js';
import { AccessLog } from './core/http/access-log.js';
import { assetRoutes, buildAssetManifest, type AssetManifest } from './core/http/assets.js';
import { csrfProtection } from './core/http/csrf.js';
import { controlCharacterGuard } from './core/http/control-characters.js';
import { errorHandling, frameworkErrorHandler } from './core/http/error-handler.js';
import { healthRoutes } from './core/http/health.js';
import { languageSupport } from './core/http/language.js';
import { metrics } from './core/http/metrics.js';
import { openApi } from './core/http/openapi.js';
import { htmlRendering } from './core/html/render.js';
import { sessionSupport } from './core/auth/session.js';
import { logRedactPaths } from './core/personal-data.js';
import { createMailer, type Mailer } from './core/mail/mailer.js';
import { openFileStore, type FileStore } from './core/files.js';
import { accountRoutes } from './features/accounts/accounts.routes.js';
import { peopleRoutes } from './features/accounts/people.routes.js';
import { importRoutes } from './features/registry/import/import.routes.js';
import { apiTokenRoutes } from './features/accounts/api-tokens.routes.js';
import { adminRoutes } from './features/admin/admin.routes.js';
import { registryPhotoRoutes, registryStaffRoutes } from './features/registry/staff.routes.js';
import { areasAdminRoutes } from './features/registry/areas-admin.routes.js';
import { meetingOfficeRoutes } from './features/meetings/meetings.routes.js';
import { liveSittingRoutes } from './features/meetings/live.routes.js';
import { minutesRoutes } from './features/meetings/minutes.routes.js';
import { portalRoutes } from './features/portal/portal.routes.js';
import { directoryRoutes } from './features/registry/directory.routes.js';
import { publicMeetingRoutes } from './features/meetings/public.routes.js';
import { newsOfficeRoutes, newsPhotoRoutes, publicNewsRoutes } from './features/news/news.routes.js';
import { registryApiRoutes } from './features/registry/registry.routes.js';
import { openDataRoutes } from './features/registry/open-data.routes.js';
import { createRegistryService } from './features/registry/registry.service.js';
import { planOfficeRoutes } from './features/plan/plan-office.routes.js';
import { planImportRoutes } from './features/plan/import.routes.js';
import { planReportRoutes } from './features/plan/reports.routes.js';
import { publicPlanRoutes } from './features/plan/public.routes.js';
import { planMatrixRoutes } from './features/plan/matrix.routes.js';
import { planApiRoutes } from './features/plan/api.routes.js';
import { calendarApiRoutes } from './features/calendar/api.routes.js';
import { calendarOfficeRoutes } from './features/calendar/office.routes.js';
import { outreachOfficeRoutes, outreachPhotoRoutes } from './features/outreach/office.routes.js';
import { publicOutreachRoutes } from './features/outreach/public.routes.js';
import { outreachApiRoutes } from './features/outreach/api.routes.js';
import { analyticsApiRoutes, officeAnalyticsRoutes, publicAnalyticsRoutes } from './features/outreach/analytics.routes.js';
import { createLiveHub, type LiveHub } from './core/live.js';
import { createRelatedLinks, type RelatedLinks } from './core/related.js';
import { searchIndexing } from './core/search/search-index.js';
import { searchApiRoutes, searchRoutes } from './features/search/search.routes.js';
import { createPageCacheStore, pageCache } from './core/http/page-cache.js';
import { feedRoutes } from './features/feeds/feeds.routes.js';
import { sitemapRoutes } from './features/portal/sitemap.routes.js';
import { openCors } from './core/http/cors.js';
import { openRateLimit } from './core/http/rate-limit.js';
import { isInternalRequest } from './features/open-data/bulk-zip.js';
import { openDataPortalRoutes } from './features/open-data/open-data.routes.js';
import { oneClickUnsubscribeRoutes, subscriptionRoutes } from './features/subscriptions/subscriptions.routes.js';
import { questionRoutes } from './features/questions/questions.routes.js';
import { libraryOfficeRoutes } from './features/library/office.routes.js';
import { libraryReceivedRoutes } from './features/library/received.routes.js';
import { publicLibraryRoutes } from './features/library/public.routes.js';

declare module 'fastify' {
  interface FastifyInstance {
    config: Config;
    db: Db;
    database: DatabaseHandle;
    mailer: Mailer;
    /** Uploaded files by content hash: in the data directory on PGlite, in the database on PostgreSQL. */
    files: FileStore;
    /** Live updates between app instances (LISTEN/NOTIFY) for server-sent events. */
    live: LiveHub;
    /** What other features link to a meeting, a decision or a maslikhat's page (core/related.ts). */
    related: RelatedLinks;
    /** Every route as registered (method and URL pattern), for the authorisation table test. */
    registeredRoutes: { method: string; url: string }[];
  }
}

export interface BuildAppOptions {
  config: Config;
  database: DatabaseHandle;
  /** false for silence; otherwise a level and/or a stream (tests capture logs) on top of the product's log settings. */
  logger?: false | { level?: string; stream?: { write(line: string): void } };
  /** Extra routes registered after the core (tests use this for probes). */
  extend?: (app: FastifyInstance) => Promise<void>;
  assets?: AssetManifest;
}

function contentSecurityPolicy(config: Config) {
  return {
    useDefaults: false,
    directives: {
      'default-src': ["'self'"],
      'script-src': ["'self'"],
      'style-src': ["'self'"],
      'img-src': ["'self'", 'data:'],
      'font-src': ["'self'"],
      'connect-src': ["'self'"],
      'form-action': ["'self'"],
      'frame-ancestors': ["'none'"],
      'base-uri': ["'self'"],
      'object-src': ["'none'"],
      ...(config.secureCookies ? { 'upgrade-insecure-requests': [] } : {}),
    },
  };
}

/**
 * The query as one string per name: a repeated name keeps its first value (no route reads a list
 * from the query, and a handler expecting text must never get an array), and names that would
 * reach an object's prototype are dropped.
 */
export function parseQueryString(query: string): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [name, value] of new URLSearchParams(query)) {
    if (name === '__proto__' || name === 'constructor' || name === 'prototype' || Object.hasOwn(values, name)) continue;
    values[name] = value;
  }
  return values;
}

/** Request log lines: method, URL with one-time tokens removed, and who asked (never cookies or bodies). */
export function serializeRequest(request: { method: string; url: string; ip?: string; id?: string }) {
  return {
    method: request.method,
    url: request.url.replace(/(\/(?:password-reset|invitation|subscribe\/confirm|unsubscribe|questions\/track)\/)[^/?#]+/g, '$1[redacted]').replace(/([?&](?:token|code)=)[^&#]*/g, '$1[redacted]'),
    remoteAddress: request.ip,
  };
}

/**
 * On PostgreSQL, files an earlier Kenes kept in this instance's data directory are copied into the
 * database in the background after start-up, so the other instances serve them too (a read here
 * copies a file at once if the sweep has not reached it yet).
 */
function adoptLocalFiles(app: FastifyInstance) {
  if (app.files.kind !== 'database') return;
  const stop = new AbortController();
  let sweep: Promise<void> | undefined;
  app.addHook('onReady', async () => {
    sweep = app.files.adoptLocalFiles(stop.signal).then(
      ({ copied, damaged }) => {
        if (copied) app.log.info({ copied }, 'files copied from the data directory into the database');
        if (damaged.length) app.log.warn({ damaged }, 'files in the data directory do not match their names and were not copied');
      },
      (err: unknown) => app.log.error({ err }, 'copying files from the data directory into the database failed'),
    );
  });
  app.addHook('onClose', async () => {
    stop.abort();
    await sweep;
  });
}

export async function buildApp(options: BuildAppOptions): Promise<FastifyInstance> {
  const { config, database } = options;
  const logger: FastifyServerOptions['logger'] =
    options.logger === false
      ? false
      : {
          level: options.logger?.level ?? config.logLevel,
          redact: { paths: logRedactPaths, censor: '[redacted]' },
          serializers: { req: serializeRequest },
          ...(options.logger?.stream ? { stream: options.logger.stream } : {}),
        };
  // Made before the app: a kept public page is answered by the server it provides, before Fastify.
  const pageCacheStore =
    config.pageCacheBytes > 0
      ? createPageCacheStore({ maxBytes: config.pageCacheBytes, maxAgeMs: 60_000, trustProxy: config.trustProxy, secureCookies: config.secureCookies })
      : undefined;
  const app = Fastify({
    ...(pageCacheStore ? { serverFactory: pageCacheStore.serverFactory } : {}),
    logger,
    logController: new AccessLog(),
    genReqId: (req) => requestIdFor(req.headers['x-request-id']),
    bodyLimit: config.bodyLimit,
    trustProxy: config.trustProxy,
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200, querystringParser: parseQueryString },
    frameworkErrors: frameworkErrorHandler(config.bodyLimit),
  });
  app.decorate('config', config);
  app.decorate('db', database.db);
  app.decorate('database', database);
  const mailer = createMailer({ db: database.db, smtpUrl: config.smtpUrl, from: config.mailFrom, logger: app.log });
  app.decorate('mailer', mailer);
  app.decorate('files', openFileStore(database, config.dataDir));
  adoptLocalFiles(app);
  app.decorate('live', createLiveHub(database));
  app.decorate('related', createRelatedLinks(database.db));
  searchIndexing(app, { follow: config.env !== 'test' });
  app.addHook('onClose', async () => mailer.close());
  const registeredRoutes: { method: string; url: string }[] = [];
  app.decorate('registeredRoutes', registeredRoutes);
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) if (method !== 'HEAD') registeredRoutes.push({ method, url: route.url });
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  const registry = createRegistryService(database.db);
  const assets = options.assets ?? buildAssetManifest();

  await errorHandling(app, { bodyLimit: config.bodyLimit });
  // First of the hooks: a kept public page is answered before sessions, languages and handlers run.
  if (pageCacheStore) await pageCache(app, { database, store: pageCacheStore });
  await openCors(app);
  // Security headers on every answer, from one helmet middleware made here: the Fastify plugin
  // makes helmet afresh for each request (parsing the CSP again), 15–30 µs each.
  const securityHeaders = helmet({
    contentSecurityPolicy: contentSecurityPolicy(config),
    hsts: config.secureCookies ? { maxAge: 31536000, includeSubDomains: true } : false,
    crossOriginEmbedderPolicy: false,
  });
  app.addHook('onRequest', (request, reply, done) => securityHeaders(request.raw, reply.raw, (err?: unknown) => done(err instanceof Error ? err : undefined)));
  await app.register(compress, { threshold: 1024, encodings: ['br', 'gzip'], brotliOptions: { params: { 1: 4 } } });
  await app.register(cookie);
  await app.register(formbody, { bodyLimit: config.bodyLimit });
  await metrics(app, { database, live: app.live });
  await languageSupport(app);
  await controlCharacterGuard(app);
  await sessionSupport(app, { db: database.db, config });
  await csrfProtection(app);
  await openRateLimit(app, { perMinute: config.openApiRatePerMinute, isInternal: isInternalRequest });
  await htmlRendering(app, { assets, loadSite: () => registry.siteInfo() });
  await healthRoutes(app, { db: database.db });
  await assetRoutes(app, assets);
  await openApi(app);

  await app.register(registryApiRoutes, { registry });
  await app.register(openDataRoutes);
  await app.register(portalRoutes, { prefix: '/:lang', registry });
  await app.register(directoryRoutes, { prefix: '/:lang', registry });
  await app.register(publicMeetingRoutes, { prefix: '/:lang', registry });
  await app.register(publicNewsRoutes, { prefix: '/:lang', registry });
  await app.register(feedRoutes, { prefix: '/:lang', registry });
  await app.register(sitemapRoutes, { registry });
  await app.register(openDataPortalRoutes, { registry });
  await app.register(accountRoutes, { prefix: '/:lang', registry });
  await app.register(apiTokenRoutes, { prefix: '/:lang' });
  await app.register(peopleRoutes, { prefix: '/:lang' });
  await app.register(importRoutes, { prefix: '/:lang' });
  await app.register(adminRoutes, { prefix: '/:lang' });
  await app.register(registryStaffRoutes, { prefix: '/:lang', registry });
  await app.register(areasAdminRoutes, { prefix: '/:lang' });
  await app.register(registryPhotoRoutes);
  await app.register(meetingOfficeRoutes, { prefix: '/:lang', registry });
  await app.register(newsOfficeRoutes, { prefix: '/:lang', registry });
  await app.register(newsPhotoRoutes, { registry });
  await app.register(liveSittingRoutes, { prefix: '/:lang', registry });
  await app.register(minutesRoutes, { prefix: '/:lang', registry });
  await app.register(planOfficeRoutes, { prefix: '/:lang', registry });
  await app.register(planImportRoutes, { prefix: '/:lang', registry });
  await app.register(planReportRoutes, { prefix: '/:lang', registry });
  await app.register(publicPlanRoutes, { prefix: '/:lang' });
  await app.register(planMatrixRoutes, { prefix: '/:lang' });
  await app.register(planApiRoutes);
  await app.register(subscriptionRoutes, { prefix: '/:lang', registry });
  await app.register(oneClickUnsubscribeRoutes, { registry });
  await app.register(calendarApiRoutes);
  await app.register(calendarOfficeRoutes, { prefix: '/:lang' });
  await app.register(outreachOfficeRoutes, { prefix: '/:lang' });
  await app.register(outreachPhotoRoutes);
  await app.register(publicOutreachRoutes, { prefix: '/:lang' });
  await app.register(outreachApiRoutes);
  await app.register(publicAnalyticsRoutes, { prefix: '/:lang' });
  await app.register(officeAnalyticsRoutes, { prefix: '/:lang' });
  await app.register(analyticsApiRoutes);
  await app.register(searchRoutes, { prefix: '/:lang', registry });
  await app.register(searchApiRoutes, { registry });
  await app.register(questionRoutes, { prefix: '/:lang', registry });
  await app.register(libraryOfficeRoutes, { prefix: '/:lang', registry });
  await app.register(libraryReceivedRoutes, { prefix: '/:lang', registry });
  await app.register(publicLibraryRoutes, { prefix: '/:lang', registry });
  if (options.extend) await options.extend(app);
  return app;
}
