// Reference data kept by administrators: which organisation the platform serves, and institutions'
// names and dates. Mounted under /:lang (by staff.routes.tsx).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { authorize } from '../../core/auth/authorize.js';
import type { FieldProblem } from '../../core/errors.js';
import { parseForm, titleWithErrors } from '../../core/http/forms.js';
import { idParam, pathParams } from '../../core/http/params.js';
import { translate } from '../../core/i18n/messages.js';
import { currentName, organizationAnswers } from './office.presenters.js';
import { homeForm, organizationForm, organizationInput, savedQuery } from './reference.forms.js';
import type { RegistryService } from './registry.service.js';
import { createStaffService } from './staff.service.js';
import { OrganizationEditPage, ReferencePage } from './views/office/reference.js';

/** The institutions that can be the organisation the platform serves. */
const homeClassifications = ['council', 'parliament', 'chamber'];

export async function referenceRoutes(app: FastifyInstance, opts: { registry: RegistryService }): Promise<void> {
  const route = app.withTypeProvider<ZodTypeProvider>();
  const service = createStaffService(app.db);

  const referencePage = async (request: FastifyRequest, problems: FieldProblem[] = [], saved = false) => {
    authorize(request, 'registry.reference.manage');
    const [institutions, home] = await Promise.all([service.institutions(), opts.registry.homeOrganization()]);
    return <ReferencePage institutions={institutions} homeSlug={home.slug} saved={saved} problems={problems} />;
  };
  const saved = (lang: string) => `/${lang}/office/admin/reference?saved=1`;

  route.get('/office/admin/reference', { schema: { querystring: savedQuery } }, async (request, reply) => {
    return reply.page(translate(request.lang, 'reference.title'), await referencePage(request, [], request.query.saved));
  });

  route.post('/office/admin/reference/home', async (request, reply) => {
    authorize(request, 'registry.reference.manage');
    const institutions = (await service.institutions()).filter((i) => homeClassifications.includes(i.classification));
    const form = parseForm(homeForm(institutions.map((i) => i.slug)), request.body);
    if (!form.ok) return reply.page(titleWithErrors(request.lang, translate(request.lang, 'reference.title'), form.problems), await referencePage(request, form.problems), 400);
    const chosen = institutions.find((i) => i.slug === form.answers.organization)!;
    const previous = await opts.registry.homeOrganization();
    await service.setHomeOrganization(chosen, previous.slug, request.changeContext());
    opts.registry.homeOrganization.invalidate();
    return reply.redirect(saved(request.lang), 303);
  });

  const organizationParams = pathParams({ id: idParam });

  route.get('/office/admin/organizations/:id/edit', { schema: { params: organizationParams } }, async (request, reply) => {
    authorize(request, 'registry.reference.manage');
    const org = await service.organizationForEdit(request.params.id);
    return reply.page(translate(request.lang, 'reference.editTitle'), <OrganizationEditPage id={org.id} answers={organizationAnswers(org)} history={org.names} problems={[]} />);
  });

  route.post('/office/admin/organizations/:id/edit', { schema: { params: organizationParams } }, async (request, reply) => {
    const lang = request.lang;
    authorize(request, 'registry.reference.manage');
    const org = await service.organizationForEdit(request.params.id);
    const form = parseForm(organizationForm(lang, currentName(org)?.validFrom), request.body);
    if (!form.ok) {
      return reply.page(titleWithErrors(lang, translate(lang, 'reference.editTitle'), form.problems), <OrganizationEditPage id={org.id} answers={form.answers} history={org.names} problems={form.problems} />, 400);
    }
    await service.saveOrganization(org.id, organizationInput(form.answers), form.answers.version, request.changeContext());
    opts.registry.homeOrganization.invalidate();
    return reply.redirect(saved(lang), 303);
  });
}
