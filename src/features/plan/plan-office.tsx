// What the plan's office routes share: who may see and change a plan, the plan page as shown again
// with problems, and the choices the item form offers (bodies of every kind, decisions, meetings)
// from the registry and the meetings as of today.
import type { FastifyBaseLogger, FastifyInstance, FastifyReply, FastifyRequest, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { authorize, can } from '../../core/auth/authorize.js';
import type { Db } from '../../core/db/connect.js';
import { todayInKazakhstan } from '../../core/db/dated.js';
import type { FieldProblem } from '../../core/errors.js';
import { titleWithErrors } from '../../core/http/forms.js';
import { localize } from '../../core/i18n/format.js';
import { createMeetingsService } from '../meetings/meetings.service.js';
import { decisionsOfKind } from '../registry/decisions.js';
import type { RegistryService } from '../registry/registry.service.js';
import { otherBodyKinds } from './plan-item.forms.js';
import { isEditable, type PlanService, type PlanSummary } from './plan.service.js';
import type { BodyChoice, BodyChoices } from './views/office/plan-item-form.js';
import { PlanPage } from './views/office/plan.js';

/** The plugin's routes with zod schemas, as the route files get them. */
export type Route = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, ZodTypeProvider>;

export interface PlanShown {
  problems?: FieldProblem[];
  sectionAnswers?: { titleKk: string; titleRu: string; titleEn: string };
  status?: number;
}

export function createPlanOffice(db: Db, service: PlanService, registry: RegistryService) {
  const meetings = createMeetingsService(db);

  /** Any secretariat (or an admin) sees the plans. */
  const viewer = (request: FastifyRequest) => authorize(request, 'plan.view');

  /** A plan the person may change: the secretariat of its organisation, or an admin (404 when there is no such plan). */
  async function managed(request: FastifyRequest, planId: string): Promise<PlanSummary> {
    viewer(request);
    const plan = await service.summary(planId);
    authorize(request, 'plan.manage', { organizationId: plan.organizationId });
    return plan;
  }

  const mayManage = (request: FastifyRequest, plan: { organizationId: string }) => can(request.actor, 'plan.manage', { organizationId: plan.organizationId });

  /** The decisions and meetings of the plan's organisation an item may name, as their labels need them. */
  async function linkChoices(organizationId: string) {
    const [decisions, list] = await Promise.all([decisionsOfKind(db, organizationId), meetings.list(organizationId)]);
    return { decisions, meetings: list.map((m) => ({ id: m.id, number: m.number, date: todayInKazakhstan(m.startsAt), title: m.title })) };
  }

  async function showPlan(request: FastifyRequest, reply: FastifyReply, planId: string, shown: PlanShown = {}) {
    viewer(request);
    const plan = await service.summary(planId);
    const [predecessors, sections, items, links] = await Promise.all([service.predecessors(plan.id), service.sections(plan.id), service.itemViews(plan.id), linkChoices(plan.organizationId)]);
    const canManage = mayManage(request, plan);
    const problems = shown.problems ?? [];
    const title = titleWithErrors(request.lang, localize(request.lang, plan.title).text, problems);
    return reply.page(
      title,
      <PlanPage
        plan={plan}
        predecessors={predecessors}
        sections={sections}
        items={items}
        decisions={links.decisions}
        meetings={links.meetings}
        canEdit={canManage && isEditable(plan.status)}
        canManage={canManage}
        sectionAnswers={shown.sectionAnswers ?? { titleKk: '', titleRu: '', titleEn: '' }}
        problems={problems}
      />,
      shown.status ?? 200,
    );
  }

  /**
   * The bodies an item may name: the Council (and the plan's own body), the Council's member
   * organisations and the region maslikhats as of today, any other organisation in the registry
   * then (by kind: government bodies, institutes, associations…), and any already named.
   */
  async function bodyChoices(plan: PlanSummary, named: BodyChoice[]): Promise<BodyChoices> {
    const today = todayInKazakhstan();
    const home = await registry.homeOrganization();
    const [regions, members, organizations] = await Promise.all([registry.listRegionMaslikhats(today), registry.councilMembers(home.id, today), registry.organizationsOfClassifications(otherBodyKinds, today)]);
    const council: BodyChoice[] = [{ id: home.id, name: home.name }];
    if (plan.organizationId !== home.id) council.push({ id: plan.organizationId, name: plan.organizationName ?? {} });
    const partners: BodyChoice[] = members.flatMap((m) => (m.memberOrganizationId ? [{ id: m.memberOrganizationId, name: m.memberName ?? {} }] : []));
    const shown = new Set([...council, ...partners, ...regions].map((b) => b.id));
    const others = otherBodyKinds
      .map((kind) => ({ kind, bodies: organizations.filter((o) => o.classification === kind && !shown.has(o.id)).map((o) => ({ id: o.id, name: o.name })) }))
      .filter((g) => g.bodies.length > 0);
    const listed = new Set([...shown, ...organizations.map((o) => o.id)]);
    for (const b of named) if (!listed.has(b.id)) partners.push(b);
    return { council, regions: regions.map((r) => ({ id: r.id, name: r.name })), partners: partners.filter((b, i) => partners.findIndex((o) => o.id === b.id) === i), others };
  }

  return { viewer, managed, mayManage, showPlan, linkChoices, bodyChoices };
}

export type PlanOffice = ReturnType<typeof createPlanOffice>;
