// The minutes as files. The secretariat downloads drafts while the record is open and approves
// them once the meeting is held (/{lang}/office/meetings/:id/minutes/…); the public downloads the
// approved files from the meeting's page (/{lang}/meetings/:id/minutes/…).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authorize } from '../../core/auth/authorize.js';
import { languagePrefixGuard } from '../../core/http/language.js';
import { idParam, pathParams } from '../../core/http/params.js';
import type { RegistryService } from '../registry/registry.service.js';
import { refusalOf } from './errors.js';
import { createMinutesService } from './minutes.service.js';
import { minutesContentTypes, parseMinutesFileName, type MinutesFile } from './minutes-files.js';

/** One of the minutes' file names (minutes-kk.pdf, …), with the file it names; any other name names nothing. */
const minutesFileParam = z.string().transform((name, ctx) => {
  const file = parseMinutesFileName(name);
  if (!file) {
    ctx.addIssue({ code: 'custom', message: 'not a minutes file' });
    return z.NEVER;
  }
  return { name, file };
});

const meetingParams = pathParams({ id: idParam });
const fileParams = pathParams({ id: idParam, file: minutesFileParam });

export async function minutesRoutes(app: FastifyInstance, opts: { registry: RegistryService }): Promise<void> {
  await languagePrefixGuard(app);
  const route = app.withTypeProvider<ZodTypeProvider>();
  const service = createMinutesService(app.db, opts.registry, app.files, app.live);
  const baseUrl = (request: FastifyRequest) => (app.config.publicUrl ?? `${request.protocol}://${request.host}`).replace(/\/+$/, '');

  const send = (reply: FastifyReply, file: MinutesFile, bytes: Buffer, name: string) =>
    reply.header('content-type', minutesContentTypes[file.format]).header('content-disposition', `attachment; filename="${name}"`).header('x-content-type-options', 'nosniff').send(bytes);

  route.get('/office/meetings/:id/minutes/:file', { schema: { params: fileParams } }, async (request, reply) => {
    authorize(request, 'meetings.manage');
    const { id, file } = request.params;
    const { bytes, draft } = await service.officeFile(id, file.file, baseUrl(request));
    reply.header('cache-control', 'no-store');
    return send(reply, file.file, bytes, `${draft ? 'draft-' : ''}${file.name}`);
  });

  route.post('/office/meetings/:id/minutes/approve', { schema: { params: meetingParams } }, async (request, reply) => {
    authorize(request, 'meetings.manage');
    const { id } = request.params;
    // Refused only when the meeting is not held: its page says so.
    const refused = await refusalOf(() => service.approve(id, request.changeContext(), baseUrl(request)));
    return reply.redirect(`/${request.lang}/office/meetings/${id}?minutes=${refused ? 'not-held' : 'approved'}`, 303);
  });

  route.get('/meetings/:id/minutes/:file', { schema: { params: fileParams } }, async (request, reply) => {
    const { id, file } = request.params;
    const bytes = await service.publicFile(id, file.file);
    reply.header('cache-control', 'public, max-age=3600');
    return send(reply, file.file, bytes, file.name);
  });
}
