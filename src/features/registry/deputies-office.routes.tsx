// A maslikhat's staff keep its deputies: the list, a new deputy, corrections, the photo, the end of a
// membership. Mounted under /:lang (by staff.routes.tsx).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { authorize } from '../../core/auth/authorize.js';
import { todayInKazakhstan } from '../../core/db/dated.js';
import { NotFoundError } from '../../core/errors.js';
import { emptyAnswers, parseForm, titleWithErrors, uploadedFile } from '../../core/http/forms.js';
import { pageQuery } from '../../core/http/pagination.js';
import { idParam, pathParams, slugParam } from '../../core/http/params.js';
import { singleFileUploads } from '../../core/http/uploads.js';
import { maxPhotoBytes, normalisePhoto } from '../../core/images.js';
import { translate } from '../../core/i18n/messages.js';
import { deputyEditQuery, deputyForm, deputyInput, endMembershipForm } from './deputies.forms.js';
import type { RegistryService } from './registry.service.js';
import { createStaffService } from './staff.service.js';
import { deputyAnswers } from './office.presenters.js';
import { DeputiesOfficePage, DeputyFormPage, EndMembershipPage } from './views/office/deputies.js';

const maslikhatParams = pathParams({ slug: slugParam });
const deputyParams = pathParams({ slug: slugParam, id: idParam });

export async function deputyOfficeRoutes(app: FastifyInstance, opts: { registry: RegistryService }): Promise<void> {
  // Photo uploads: a file over the limit arrives marked truncated, so the form can say the true limit.
  await singleFileUploads(app, { maxBytes: maxPhotoBytes, fields: 10 });
  const { db } = app;
  const route = app.withTypeProvider<ZodTypeProvider>();
  const service = createStaffService(db);

  /** The maslikhat named in the URL, and the check that this person keeps its deputies. */
  async function maslikhatFor(request: FastifyRequest, slug: string) {
    const org = await service.organizationBySlug(slug);
    if (org.classification !== 'maslikhat') throw NotFoundError();
    authorize(request, 'registry.deputies.manage', { organizationId: org.id });
    const named = (await opts.registry.listOrganizationsByIds([org.id]))[0]!;
    return { ...org, name: named.name };
  }

  /** The maslikhat and one of its deputies' memberships. */
  async function deputyFor(request: FastifyRequest, params: { slug: string; id: string }) {
    const org = await maslikhatFor(request, params.slug);
    return { org, membership: await service.membership(params.id, org.id) };
  }

  const formOf = async () => {
    const parties = await service.partiesToday();
    return { parties, schema: deputyForm(parties.map((p) => p.id)) };
  };
  const base = (lang: string, slug: string) => `/${lang}/office/maslikhats/${slug}/deputies`;

  route.get('/office/maslikhats/:slug/deputies', { schema: { params: maslikhatParams, querystring: pageQuery } }, async (request, reply) => {
    const org = await maslikhatFor(request, request.params.slug);
    const [deputies, parties] = await Promise.all([service.currentDeputies(org.id, request.query.page), service.partiesToday()]);
    return reply.page(translate(request.lang, 'deputiesOffice.title'), <DeputiesOfficePage slug={org.slug} maslikhatName={org.name} deputies={deputies} parties={parties} />);
  });

  route.get('/office/maslikhats/:slug/deputies/new', { schema: { params: maslikhatParams } }, async (request, reply) => {
    const org = await maslikhatFor(request, request.params.slug);
    const { parties, schema } = await formOf();
    const title = translate(request.lang, 'deputyForm.addTitle');
    const answers = emptyAnswers(schema, { startDate: todayInKazakhstan() });
    return reply.page(title, <DeputyFormPage action={`${base(request.lang, org.slug)}/new`} title={title} answers={answers} parties={parties} problems={[]} />);
  });

  route.post('/office/maslikhats/:slug/deputies/new', { schema: { params: maslikhatParams } }, async (request, reply) => {
    const lang = request.lang;
    const org = await maslikhatFor(request, request.params.slug);
    const { parties, schema } = await formOf();
    const form = parseForm(schema, request.body);
    if (!form.ok) {
      const title = translate(lang, 'deputyForm.addTitle');
      return reply.page(titleWithErrors(lang, title, form.problems), <DeputyFormPage action={`${base(lang, org.slug)}/new`} title={title} answers={form.answers} parties={parties} problems={form.problems} />, 400);
    }
    await service.addDeputy(org.id, deputyInput(form.answers), request.changeContext());
    return reply.redirect(base(lang, org.slug), 303);
  });

  route.get('/office/maslikhats/:slug/deputies/:id/edit', { schema: { params: deputyParams, querystring: deputyEditQuery } }, async (request, reply) => {
    const lang = request.lang;
    const { org, membership: m } = await deputyFor(request, request.params);
    const title = translate(lang, 'deputyForm.editTitle');
    const { photo: saved, photoProblem: problem } = request.query;
    const photo = { action: `${base(lang, org.slug)}/${m.id}/photo`, current: m.photoFile, saved, problem };
    return reply.page(
      titleWithErrors(lang, title, Boolean(problem)),
      <DeputyFormPage action={`${base(lang, org.slug)}/${m.id}/edit`} title={title} answers={deputyAnswers(m)} parties={await service.partiesToday()} problems={[]} photo={photo} />,
      problem ? 400 : 200,
    );
  });

  route.post('/office/maslikhats/:slug/deputies/:id/edit', { schema: { params: deputyParams } }, async (request, reply) => {
    const lang = request.lang;
    const { org, membership: m } = await deputyFor(request, request.params);
    const { parties, schema } = await formOf();
    const form = parseForm(schema, request.body);
    if (!form.ok) {
      const title = translate(lang, 'deputyForm.editTitle');
      return reply.page(titleWithErrors(lang, title, form.problems), <DeputyFormPage action={`${base(lang, org.slug)}/${m.id}/edit`} title={title} answers={form.answers} parties={parties} problems={form.problems} />, 400);
    }
    const versions = { membership: form.answers.membershipVersion, person: form.answers.personVersion };
    await service.editDeputy(org.id, m.id, deputyInput(form.answers), versions, request.changeContext());
    return reply.redirect(base(lang, org.slug), 303);
  });

  route.post('/office/maslikhats/:slug/deputies/:id/photo', { schema: { params: deputyParams } }, async (request, reply) => {
    const { org, membership: m } = await deputyFor(request, request.params);
    const editPage = `${base(request.lang, org.slug)}/${m.id}/edit`;
    const file = uploadedFile(request.body, 'photo');
    const result = !file ? ({ ok: false, problem: 'missing' } as const) : file.truncated ? ({ ok: false, problem: 'too_large' } as const) : await normalisePhoto(file.data);
    if (!result.ok) return reply.redirect(`${editPage}?photoProblem=${result.problem}`, 303);
    const name = await app.files.put(result.bytes, result.extension);
    await service.changeDeputyPhoto(org.id, m.id, name, request.changeContext());
    return reply.redirect(`${editPage}?photo=1`, 303);
  });

  route.get('/office/maslikhats/:slug/deputies/:id/end', { schema: { params: deputyParams } }, async (request, reply) => {
    const { org, membership: m } = await deputyFor(request, request.params);
    return reply.page(
      translate(request.lang, 'endMembership.title'),
      <EndMembershipPage action={`${base(request.lang, org.slug)}/${m.id}/end`} name={m.personName} answers={{ endDate: todayInKazakhstan(), reason: '' }} problems={[]} version={m.version} />,
    );
  });

  route.post('/office/maslikhats/:slug/deputies/:id/end', { schema: { params: deputyParams } }, async (request, reply) => {
    const lang = request.lang;
    const { org, membership: m } = await deputyFor(request, request.params);
    const form = parseForm(endMembershipForm(m.startDate), request.body);
    if (!form.ok) {
      const title = translate(lang, 'endMembership.title');
      return reply.page(titleWithErrors(lang, title, form.problems), <EndMembershipPage action={`${base(lang, org.slug)}/${m.id}/end`} name={m.personName} answers={form.answers} problems={form.problems} version={m.version} />, 400);
    }
    const { endDate, reason, version } = form.answers;
    await service.endMembership(org.id, m.id, { endDate, reason }, version, request.changeContext());
    return reply.redirect(base(lang, org.slug), 303);
  });
}
