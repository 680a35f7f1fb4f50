// The minutes as files. The secretariat downloads drafts while the record is open and approves
// them once the meeting is held (/{lang}/office/meetings/:id/minutes/…); the public downloads the
// approved files from the meeting's page (/{lang}/meetings/:id/minutes/…).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { authorize } from '../../core/auth/authorize.js';
import { NotFoundError } from '../../core/errors.js';
import { languagePrefixGuard } from '../../core/http/language.js';
import { isUuid } from '../../core/ids.js';
import type { RegistryService } from '../registry/registry.service.js';
import { createMinutesService, MinutesError } from './minutes.service.js';
import { minutesContentTypes, parseMinutesFileName, type MinutesFile } from './minutes-files.js';

export async function minutesRoutes(app: FastifyInstance, opts: { registry: RegistryService }): Promise<void> {
  await languagePrefixGuard(app);
  const service = createMinutesService(app.db, opts.registry, app.files, app.live);
  const baseUrl = (request: FastifyRequest) => (app.config.publicUrl ?? `${request.protocol}://${request.host}`).replace(/\/+$/, '');

  const target = (params: { id: string; file: string }): { meetingId: string; file: MinutesFile } => {
    const file = parseMinutesFileName(params.file);
    if (!isUuid(params.id) || !file) throw NotFoundError();
    return { meetingId: params.id.toLowerCase(), file };
  };

  const send = (reply: FastifyReply, file: MinutesFile, bytes: Buffer, name: string) =>
    reply.header('content-type', minutesContentTypes[file.format]).header('content-disposition', `attachment; filename="${name}"`).header('x-content-type-options', 'nosniff').send(bytes);

  app.get<{ Params: { id: string; file: string } }>('/office/meetings/:id/minutes/:file', async (request, reply) => {
    authorize(request, 'meetings.manage');
    const { meetingId, file } = target(request.params);
    const { bytes, draft } = await service.officeFile(meetingId, file, baseUrl(request));
    reply.header('cache-control', 'no-store');
    return send(reply, file, bytes, `${draft ? 'draft-' : ''}${request.params.file}`);
  });

  app.post<{ Params: { id: string } }>('/office/meetings/:id/minutes/approve', async (request, reply) => {
    authorize(request, 'meetings.manage');
    if (!isUuid(request.params.id)) throw NotFoundError();
    const id = request.params.id.toLowerCase();
    try {
      await service.approve(id, request.changeContext(), baseUrl(request));
    } catch (err) {
      if (!(err instanceof MinutesError)) throw err;
      return reply.redirect(`/${request.lang}/office/meetings/${id}?minutes=not-held`, 303);
    }
    return reply.redirect(`/${request.lang}/office/meetings/${id}?minutes=approved`, 303);
  });

  app.get<{ Params: { id: string; file: string } }>('/meetings/:id/minutes/:file', async (request, reply) => {
    const { meetingId, file } = target(request.params);
    const bytes = await service.publicFile(meetingId, file);
    reply.header('cache-control', 'public, max-age=3600');
    return send(reply, file, bytes, request.params.file);
  });
}
