// The office side of the registry: a maslikhat's staff keep its deputies; the secretariat keeps the
// Council's members and decisions. Mounted under /:lang.
import { isUploadedFile, singleFileUploads } from '../../core/http/uploads.js';
import { pageQuery } from '../../core/http/pagination.js';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { maxPhotoBytes, normalisePhoto } from '../../core/images.js';
import { recordChange } from '../../core/audit/audit.js';
import { setPersonPhoto, isPublishedPhoto } from './staff.repository.js';
import { z } from 'zod';
import { authorize, definePolicies } from '../../core/auth/authorize.js';
import type { DecisionKind } from '../../core/db/database.js';
import { todayInKazakhstan } from '../../core/db/dated.js';
import { NotFoundError, type FieldProblem } from '../../core/errors.js';
import { languagePrefixGuard } from '../../core/http/language.js';
import { formatDate } from '../../core/i18n/format.js';
import { translate, type MessageKey } from '../../core/i18n/messages.js';
import { isUuid } from '../../core/ids.js';
import type { RegistryService } from './registry.service.js';
import { registryPolicies } from './registry.policies.js';
import { CouncilError, createStaffService, type CouncilProblem, type DeputyInput, type PersonNameInput } from './staff.service.js';
import { AdmitPage, CouncilOfficePage, DecisionFormPage, EndPostPage, PostFormPage, WithdrawPage, type AdmitAnswers, type DecisionAnswers, type PostAnswers } from './views/office/council.js';
import type { PostRole } from './membership.repository.js';
import { DeputiesOfficePage, DeputyFormPage, EndMembershipPage, type DeputyAnswers } from './views/office/deputies.js';
import { OrganizationEditPage, ReferencePage, type OrganizationAnswers } from './views/office/reference.js';
import { formText, titleWithErrors } from '../../core/http/form.js';
import { localizedText } from '../../core/i18n/localized-text.js';

const isoDate = z.iso.date();

/** An admission says how many members it admits (a whole number from 1); other kinds leave it empty. */
function admitsCountProblem(kind: string, admits: string): MessageKey | null {
  if (kind !== 'admission') return null;
  if (!admits) return 'decisionForm.admitsMissing';
  return /^[1-9]\d{0,2}$/.test(admits) ? null : 'decisionForm.admitsInvalid';
}

function dateProblem(field: string, value: string, required: boolean): FieldProblem | null {
  if (!value) return required ? { field, messageKey: 'deputyForm.dateMissing' } : null;
  return isoDate.safeParse(value).success ? null : { field, messageKey: 'people.dateInvalid' };
}

/** The three name parts in Kazakh and Russian: family and given names required in at least one language. */
function nameProblems(a: Pick<DeputyAnswers, 'familyNameKk' | 'givenNameKk' | 'familyNameRu' | 'givenNameRu'>, prefix = ''): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!a.familyNameKk && !a.familyNameRu) problems.push({ field: `${prefix}familyNameKk`, messageKey: 'deputyForm.familyNameMissing' });
  if (!a.givenNameKk && !a.givenNameRu) problems.push({ field: `${prefix}givenNameKk`, messageKey: 'deputyForm.givenNameMissing' });
  return problems;
}

function personInput(a: Pick<DeputyAnswers, 'familyNameKk' | 'givenNameKk' | 'patronymicKk' | 'familyNameRu' | 'givenNameRu' | 'patronymicRu' | 'birthDate' | 'gender'>): PersonNameInput {
  const patronymic = localizedText(a.patronymicKk, a.patronymicRu);
  return {
    familyName: localizedText(a.familyNameKk, a.familyNameRu),
    givenName: localizedText(a.givenNameKk, a.givenNameRu),
    patronymic: Object.keys(patronymic).length ? patronymic : null,
    birthDate: a.birthDate || null,
    gender: a.gender === 'female' || a.gender === 'male' ? a.gender : null,
  };
}

/** Where each refusal of a Council change is shown, and what it says. */
const councilProblems: Record<CouncilProblem, { field: string; messageKey: MessageKey }> = {
  admission_complete: { field: 'decisionId', messageKey: 'admit.complete' },
  already_member: { field: 'orgNameKk', messageKey: 'admit.alreadyMember' },
  post_overlaps: { field: 'startDate', messageKey: 'councilPost.overlaps' },
  person_unknown: { field: 'personId', messageKey: 'councilPost.personMissing' },
  end_before_start: { field: 'endDate', messageKey: 'people.dateOrder' },
};

/** A refusal as a field problem, its dates written out in the page's language. */
function councilProblem(lang: Parameters<typeof formatDate>[0], err: CouncilError): FieldProblem {
  const values = Object.fromEntries(Object.entries(err.values).map(([k, v]) => [k, typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? formatDate(lang, v) : v]));
  if (err.reason === 'post_overlaps') values.post = translate(lang, `councilPost.role.${err.values.role === 'head' ? 'head' : 'deputy_head'}`);
  return { ...councilProblems[err.reason], values };
}

const deputyFields = ['publicEmail', 'publicPhone', 'reception', 'internalPhone', 'familyNameKk', 'givenNameKk', 'patronymicKk', 'familyNameRu', 'givenNameRu', 'patronymicRu', 'birthDate', 'gender', 'partyId', 'districtNumber', 'districtName', 'startDate', 'membershipVersion', 'personVersion'] as const;

export async function registryStaffRoutes(app: FastifyInstance, opts: { registry: RegistryService }): Promise<void> {
  const { db } = app;
  definePolicies(registryPolicies);
  await languagePrefixGuard(app);
  // Photo uploads: a file over the limit arrives marked truncated, so the form can say the true limit.
  await singleFileUploads(app, { maxBytes: maxPhotoBytes, fields: 10 });
  const service = createStaffService(db);

  /** The maslikhat named in the URL, and the check that this person keeps its deputies. */
  async function maslikhatFor(request: FastifyRequest, slug: string) {
    const org = await service.organizationBySlug(slug);
    if (org.classification !== 'maslikhat') throw NotFoundError();
    authorize(request, 'registry.deputies.manage', { organizationId: org.id });
    const named = (await opts.registry.listOrganizationsByIds([org.id]))[0]!;
    return { ...org, name: named.name };
  }

  async function deputyProblems(a: DeputyAnswers, parties: { id: string }[]): Promise<FieldProblem[]> {
    const problems = nameProblems(a);
    const birth = dateProblem('birthDate', a.birthDate, false);
    if (birth) problems.push(birth);
    if (a.partyId && !parties.some((p) => p.id === a.partyId)) problems.push({ field: 'partyId', messageKey: 'people.organizationMissing' });
    if (a.districtNumber && !/^\d{1,3}$/.test(a.districtNumber)) problems.push({ field: 'districtNumber', messageKey: 'deputyForm.districtInvalid' });
    const start = dateProblem('startDate', a.startDate, true);
    if (start) problems.push(start);
    if (a.publicEmail && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(a.publicEmail)) problems.push({ field: 'publicEmail', messageKey: 'passwordReset.emailInvalid' });
    for (const field of ['publicPhone', 'internalPhone'] as const) {
      if (a[field] && !/^\+?[\d\s()-]{6,20}$/.test(a[field])) problems.push({ field, messageKey: 'deputyForm.phoneInvalid' });
    }
    return problems;
  }

  const deputyInput = (a: DeputyAnswers): DeputyInput => ({
    ...personInput(a),
    partyId: a.partyId || null,
    districtNumber: a.districtNumber ? Number(a.districtNumber) : null,
    districtName: a.districtName ? localizedText(a.districtName, '') : null,
    startDate: a.startDate,
    contacts: { publicEmail: a.publicEmail || null, publicPhone: a.publicPhone || null, reception: a.reception || null, internalPhone: a.internalPhone || null },
  });

  const readDeputy = (body: unknown): DeputyAnswers => Object.fromEntries(deputyFields.map((f) => [f, formText(body, f)])) as unknown as DeputyAnswers;

  app.get<{ Params: { slug: string } }>('/office/maslikhats/:slug/deputies', async (request, reply) => {
    const org = await maslikhatFor(request, request.params.slug);
    const { page } = pageQuery.parse(request.query ?? {});
    const [deputies, parties] = await Promise.all([service.currentDeputies(org.id, page), service.partiesToday()]);
    return reply.page(translate(request.lang, 'deputiesOffice.title'), <DeputiesOfficePage slug={org.slug} maslikhatName={org.name} deputies={deputies} parties={parties} />);
  });

  app.get<{ Params: { slug: string } }>('/office/maslikhats/:slug/deputies/new', async (request, reply) => {
    const org = await maslikhatFor(request, request.params.slug);
    const answers = { ...readDeputy({}), startDate: todayInKazakhstan() };
    const title = translate(request.lang, 'deputyForm.addTitle');
    return reply.page(title, <DeputyFormPage action={`/${request.lang}/office/maslikhats/${org.slug}/deputies/new`} title={title} answers={answers} parties={await service.partiesToday()} problems={[]} />);
  });

  app.post<{ Params: { slug: string } }>('/office/maslikhats/:slug/deputies/new', async (request, reply) => {
    const lang = request.lang;
    const org = await maslikhatFor(request, request.params.slug);
    const answers = readDeputy(request.body);
    const parties = await service.partiesToday();
    const problems = await deputyProblems(answers, parties);
    if (problems.length) {
      const title = translate(lang, 'deputyForm.addTitle');
      return reply.page(titleWithErrors(lang, title, problems), <DeputyFormPage action={`/${lang}/office/maslikhats/${org.slug}/deputies/new`} title={title} answers={answers} parties={parties} problems={problems} />, 400);
    }
    await service.addDeputy(org.id, deputyInput(answers), request.changeContext());
    return reply.redirect(`/${lang}/office/maslikhats/${org.slug}/deputies`, 303);
  });

  app.get<{ Params: { slug: string; id: string } }>('/office/maslikhats/:slug/deputies/:id/edit', async (request, reply) => {
    const org = await maslikhatFor(request, request.params.slug);
    if (!isUuid(request.params.id)) throw NotFoundError();
    const m = await service.membership(request.params.id, org.id);
    const answers: DeputyAnswers = {
      familyNameKk: m.familyName?.kk ?? '',
      givenNameKk: m.givenName?.kk ?? '',
      patronymicKk: m.patronymic?.kk ?? '',
      familyNameRu: m.familyName?.ru ?? '',
      givenNameRu: m.givenName?.ru ?? '',
      patronymicRu: m.patronymic?.ru ?? '',
      birthDate: m.birthDate ?? '',
      gender: m.gender ?? '',
      partyId: m.onBehalfOfId ?? '',
      districtNumber: m.districtNumber ? String(m.districtNumber) : '',
      districtName: m.districtName?.kk ?? '',
      startDate: m.startDate ?? '',
      publicEmail: m.contacts.publicEmail ?? '',
      publicPhone: m.contacts.publicPhone ?? '',
      reception: m.contacts.reception ?? '',
      internalPhone: m.contacts.internalPhone ?? '',
      membershipVersion: String(m.version),
      personVersion: String(m.personVersion ?? 1),
    };
    const title = translate(request.lang, 'deputyForm.editTitle');
    const query = request.query as { photo?: string; photoProblem?: string };
    const photoProblem = ['too_large', 'too_many_pixels', 'not_an_image', 'too_small', 'missing'].includes(query.photoProblem ?? '') ? (query.photoProblem as 'missing') : undefined;
    const photo = { action: `/${request.lang}/office/maslikhats/${org.slug}/deputies/${m.id}/photo`, current: m.photoFile, saved: query.photo === '1', problem: photoProblem };
    return reply.page(
      titleWithErrors(request.lang, title, Boolean(photoProblem)),
      <DeputyFormPage action={`/${request.lang}/office/maslikhats/${org.slug}/deputies/${m.id}/edit`} title={title} answers={answers} parties={await service.partiesToday()} problems={[]} photo={photo} />,
      photoProblem ? 400 : 200,
    );
  });

  app.post<{ Params: { slug: string; id: string } }>('/office/maslikhats/:slug/deputies/:id/edit', async (request, reply) => {
    const lang = request.lang;
    const org = await maslikhatFor(request, request.params.slug);
    if (!isUuid(request.params.id)) throw NotFoundError();
    await service.membership(request.params.id, org.id);
    const answers = readDeputy(request.body);
    const parties = await service.partiesToday();
    const problems = await deputyProblems(answers, parties);
    if (problems.length) {
      const title = translate(lang, 'deputyForm.editTitle');
      return reply.page(titleWithErrors(lang, title, problems), <DeputyFormPage action={`/${lang}/office/maslikhats/${org.slug}/deputies/${request.params.id}/edit`} title={title} answers={answers} parties={parties} problems={problems} />, 400);
    }
    await service.editDeputy(org.id, request.params.id, deputyInput(answers), { membership: Number(answers.membershipVersion) || 0, person: Number(answers.personVersion) || 0 }, request.changeContext());
    return reply.redirect(`/${lang}/office/maslikhats/${org.slug}/deputies`, 303);
  });

  app.post<{ Params: { slug: string; id: string } }>('/office/maslikhats/:slug/deputies/:id/photo', async (request, reply) => {
    const lang = request.lang;
    const org = await maslikhatFor(request, request.params.slug);
    if (!isUuid(request.params.id)) throw NotFoundError();
    const m = await service.membership(request.params.id, org.id);
    const upload = (request.body as Record<string, unknown> | undefined)?.photo;
    const file = isUploadedFile(upload) && upload.data.length > 0 ? upload : undefined;
    const result = !file ? ({ ok: false, problem: 'missing' } as const) : file.truncated ? ({ ok: false, problem: 'too_large' } as const) : await normalisePhoto(file.data);
    if (!result.ok) {
      return reply.redirect(`/${lang}/office/maslikhats/${org.slug}/deputies/${m.id}/edit?photoProblem=${result.problem}`, 303);
    }
    const name = await app.files.put(result.bytes, result.extension);
    const before = await setPersonPhoto(db, m.personId!, name);
    await recordChange(db, request.changeContext(), { entity: 'person', entityId: m.personId, action: 'photo_changed', before: { photo_file: before }, after: { photo_file: name } });
    return reply.redirect(`/${lang}/office/maslikhats/${org.slug}/deputies/${m.id}/edit?photo=1`, 303);
  });

  const endAction = (lang: string, slug: string, id: string) => `/${lang}/office/maslikhats/${slug}/deputies/${id}/end`;

  app.get<{ Params: { slug: string; id: string } }>('/office/maslikhats/:slug/deputies/:id/end', async (request, reply) => {
    const org = await maslikhatFor(request, request.params.slug);
    if (!isUuid(request.params.id)) throw NotFoundError();
    const m = await service.membership(request.params.id, org.id);
    return reply.page(
      translate(request.lang, 'endMembership.title'),
      <EndMembershipPage action={endAction(request.lang, org.slug, m.id)} name={m.personName} answers={{ endDate: todayInKazakhstan(), reason: '' }} problems={[]} version={m.version} />,
    );
  });

  app.post<{ Params: { slug: string; id: string } }>('/office/maslikhats/:slug/deputies/:id/end', async (request, reply) => {
    const lang = request.lang;
    const org = await maslikhatFor(request, request.params.slug);
    if (!isUuid(request.params.id)) throw NotFoundError();
    const m = await service.membership(request.params.id, org.id);
    const answers = { endDate: formText(request.body, 'endDate'), reason: formText(request.body, 'reason') };
    const problems: FieldProblem[] = [];
    const end = dateProblem('endDate', answers.endDate, true);
    if (end) problems.push(end);
    else if (m.startDate && answers.endDate < m.startDate) problems.push({ field: 'endDate', messageKey: 'endMembership.beforeStart' });
    if (!answers.reason) problems.push({ field: 'reason', messageKey: 'endMembership.reasonMissing' });
    if (problems.length) {
      const title = translate(lang, 'endMembership.title');
      return reply.page(titleWithErrors(lang, title, problems), <EndMembershipPage action={endAction(lang, org.slug, m.id)} name={m.personName} answers={answers} problems={problems} version={m.version} />, 400);
    }
    await service.endMembership(org.id, m.id, { endDate: answers.endDate, reason: answers.reason }, Number(formText(request.body, 'version')) || 0, request.changeContext());
    return reply.redirect(`/${lang}/office/maslikhats/${org.slug}/deputies`, 303);
  });

  // ── Reference data: which organisation the platform serves; institutions' names and dates. ──

  const referencePage = async (request: FastifyRequest, problems: FieldProblem[] = [], saved = false) => {
    authorize(request, 'registry.reference.manage');
    const [institutions, home] = await Promise.all([service.institutions(), opts.registry.homeOrganization()]);
    return <ReferencePage institutions={institutions} homeSlug={home.slug} saved={saved} problems={problems} />;
  };

  app.get('/office/admin/reference', async (request, reply) => {
    const saved = (request.query as { saved?: string }).saved === '1';
    return reply.page(translate(request.lang, 'reference.title'), await referencePage(request, [], saved));
  });

  app.post('/office/admin/reference/home', async (request, reply) => {
    authorize(request, 'registry.reference.manage');
    const slug = formText(request.body, 'organization');
    const institutions = await service.institutions();
    const chosen = institutions.find((i) => i.slug === slug && ['council', 'parliament', 'chamber'].includes(i.classification));
    if (!chosen) {
      const problems: FieldProblem[] = [{ field: 'organization', messageKey: 'people.organizationMissing' }];
      return reply.page(titleWithErrors(request.lang, translate(request.lang, 'reference.title'), problems), await referencePage(request, problems), 400);
    }
    const previous = await opts.registry.homeOrganization();
    await service.setHomeOrganization(chosen, previous.slug, request.changeContext());
    opts.registry.homeOrganization.invalidate();
    return reply.redirect(`/${request.lang}/office/admin/reference?saved=1`, 303);
  });

  const orgFields = ['nameKk', 'nameRu', 'nameEn', 'shortKk', 'shortRu', 'shortEn', 'renamedFrom', 'foundingDate', 'dissolutionDate', 'descriptionKk', 'descriptionRu', 'descriptionEn', 'version'] as const;

  app.get<{ Params: { id: string } }>('/office/admin/organizations/:id/edit', async (request, reply) => {
    authorize(request, 'registry.reference.manage');
    if (!isUuid(request.params.id)) throw NotFoundError();
    const org = await service.organizationForEdit(request.params.id);
    const current = org.names.find((n) => n.validTo === null) ?? org.names[0];
    const answers: OrganizationAnswers = {
      nameKk: current?.name.kk ?? '',
      nameRu: current?.name.ru ?? '',
      nameEn: current?.name.en ?? '',
      shortKk: current?.shortName?.kk ?? '',
      shortRu: current?.shortName?.ru ?? '',
      shortEn: current?.shortName?.en ?? '',
      renamedFrom: '',
      foundingDate: org.foundingDate ?? '',
      dissolutionDate: org.dissolutionDate ?? '',
      descriptionKk: org.description?.kk ?? '',
      descriptionRu: org.description?.ru ?? '',
      descriptionEn: org.description?.en ?? '',
      version: String(org.version),
    };
    return reply.page(translate(request.lang, 'reference.editTitle'), <OrganizationEditPage id={org.id} answers={answers} history={org.names} problems={[]} />);
  });

  app.post<{ Params: { id: string } }>('/office/admin/organizations/:id/edit', async (request, reply) => {
    const lang = request.lang;
    authorize(request, 'registry.reference.manage');
    if (!isUuid(request.params.id)) throw NotFoundError();
    const org = await service.organizationForEdit(request.params.id);
    const a = Object.fromEntries(orgFields.map((f) => [f, f.startsWith('description') ? ((request.body as Record<string, unknown>)?.[f] as string | undefined)?.trim().slice(0, 5000) ?? '' : formText(request.body, f)])) as unknown as OrganizationAnswers;
    const problems: FieldProblem[] = [];
    if (!a.nameKk) problems.push({ field: 'nameKk', messageKey: 'decisionForm.titleKkMissing' });
    if (!a.nameRu) problems.push({ field: 'nameRu', messageKey: 'decisionForm.titleRuMissing' });
    for (const field of ['renamedFrom', 'foundingDate', 'dissolutionDate'] as const) {
      const p = dateProblem(field, a[field], false);
      if (p) problems.push(p);
    }
    if (!problems.length && a.foundingDate && a.dissolutionDate && a.dissolutionDate < a.foundingDate) problems.push({ field: 'dissolutionDate', messageKey: 'people.dateOrder' });
    // A new name starts after the current one did; an earlier date would leave the current name ending before it began.
    const currentFrom = (org.names.find((n) => n.validTo === null) ?? org.names[0])?.validFrom;
    if (!problems.length && a.renamedFrom && currentFrom && a.renamedFrom <= currentFrom) {
      problems.push({ field: 'renamedFrom', messageKey: 'reference.renamedNotAfterCurrent', values: { date: formatDate(lang, currentFrom) } });
    }
    if (problems.length) {
      return reply.page(titleWithErrors(lang, translate(lang, 'reference.editTitle'), problems), <OrganizationEditPage id={org.id} answers={a} history={org.names} problems={problems} />, 400);
    }
    const optional = (kk: string, ru: string, en: string) => {
      const value = localizedText(kk, ru, en);
      return Object.keys(value).length ? value : null;
    };
    await service.saveOrganization(
      org.id,
      {
        name: localizedText(a.nameKk, a.nameRu, a.nameEn),
        shortName: optional(a.shortKk, a.shortRu, a.shortEn),
        renamedFrom: a.renamedFrom || null,
        foundingDate: a.foundingDate || null,
        dissolutionDate: a.dissolutionDate || null,
        description: optional(a.descriptionKk, a.descriptionRu, a.descriptionEn),
      },
      Number(a.version) || 0,
      request.changeContext(),
    );
    opts.registry.homeOrganization.invalidate();
    return reply.redirect(`/${lang}/office/admin/reference?saved=1`, 303);
  });

  // ── The Council (the home organisation): members and decisions. ──

  async function councilFor(request: FastifyRequest) {
    authorize(request, 'registry.council.manage');
    const home = await opts.registry.homeOrganization();
    return home;
  }

  app.get('/office/council', async (request, reply) => {
    const council = await councilFor(request);
    const [members, decisions, posts, admissions] = await Promise.all([opts.registry.councilMembers(council.id, todayInKazakhstan()), service.decisions(council.id), service.posts(council.id), service.admissions(council.id)]);
    return reply.page(translate(request.lang, 'councilOffice.title'), <CouncilOfficePage councilName={council.name} members={members} decisions={decisions} posts={posts} admissions={admissions} />);
  });

  const emptyDecision: DecisionAnswers = { number: '', date: '', kind: '', admits: '', titleKk: '', titleRu: '', titleEn: '' };

  app.get('/office/council/decisions/new', async (request, reply) => {
    await councilFor(request);
    return reply.page(translate(request.lang, 'decisionForm.title'), <DecisionFormPage answers={{ ...emptyDecision, date: todayInKazakhstan() }} problems={[]} />);
  });

  app.post('/office/council/decisions/new', async (request, reply) => {
    const lang = request.lang;
    const council = await councilFor(request);
    const answers = Object.fromEntries(Object.keys(emptyDecision).map((k) => [k, formText(request.body, k)])) as unknown as DecisionAnswers;
    const problems: FieldProblem[] = [];
    const d = dateProblem('date', answers.date, true);
    if (d) problems.push(d);
    if (!['admission', 'withdrawal', 'plan_adoption', 'recommendation', 'other'].includes(answers.kind)) problems.push({ field: 'kind', messageKey: 'decisionForm.kindMissing' });
    const admitsProblem = admitsCountProblem(answers.kind, answers.admits);
    if (admitsProblem) problems.push({ field: 'admits', messageKey: admitsProblem });
    if (!answers.titleKk) problems.push({ field: 'titleKk', messageKey: 'decisionForm.titleKkMissing' });
    if (!answers.titleRu) problems.push({ field: 'titleRu', messageKey: 'decisionForm.titleRuMissing' });
    if (problems.length) {
      return reply.page(titleWithErrors(lang, translate(lang, 'decisionForm.title'), problems), <DecisionFormPage answers={answers} problems={problems} />, 400);
    }
    await service.recordDecision(
      council.id,
      {
        number: answers.number || null,
        date: answers.date,
        kind: answers.kind as DecisionKind,
        title: localizedText(answers.titleKk, answers.titleRu, answers.titleEn),
        body: null,
        admissionsExpected: answers.kind === 'admission' ? Number(answers.admits) : null,
      },
      request.changeContext(),
    );
    return reply.redirect(`/${lang}/office/council`, 303);
  });

  const emptyAdmit: AdmitAnswers = {
    decisionId: '',
    memberType: '',
    familyNameKk: '',
    givenNameKk: '',
    patronymicKk: '',
    familyNameRu: '',
    givenNameRu: '',
    patronymicRu: '',
    orgNameKk: '',
    orgNameRu: '',
    orgNameEn: '',
    orgClassification: '',
    repFamilyNameKk: '',
    repGivenNameKk: '',
    repFamilyNameRu: '',
    repGivenNameRu: '',
  };

  const admissionDecisions = async (councilId: string) => (await service.decisions(councilId)).filter((d) => d.kind === 'admission');

  /** The admit form: the decisions with members still to enter, and how far the chosen one is. */
  async function admitPage(councilId: string, answers: AdmitAnswers, problems: FieldProblem[]) {
    const [decisions, admissions] = await Promise.all([admissionDecisions(councilId), service.admissions(councilId)]);
    const complete = new Set(admissions.filter((a) => a.complete).map((a) => a.id));
    const offered = decisions.filter((d) => !complete.has(d.id) || d.id === answers.decisionId);
    return <AdmitPage answers={answers} decisions={offered} problems={problems} progress={admissions.find((a) => a.id === answers.decisionId)} />;
  }

  app.get('/office/council/admit', async (request, reply) => {
    const council = await councilFor(request);
    const decisions = await admissionDecisions(council.id);
    // A meeting's page links here with the decision it adopted (?decision=…) to apply it.
    const wanted = (request.query as { decision?: string }).decision;
    const decisionId = decisions.some((d) => d.id === wanted) ? wanted! : emptyAdmit.decisionId;
    return reply.page(translate(request.lang, 'admit.title'), await admitPage(council.id, { ...emptyAdmit, decisionId }, []));
  });

  app.post('/office/council/admit', async (request, reply) => {
    const lang = request.lang;
    const council = await councilFor(request);
    const a = Object.fromEntries(Object.keys(emptyAdmit).map((k) => [k, formText(request.body, k)])) as unknown as AdmitAnswers;
    const decisions = await admissionDecisions(council.id);
    const problems: FieldProblem[] = [];
    if (!decisions.some((d) => d.id === a.decisionId)) problems.push({ field: 'decisionId', messageKey: 'admit.decisionMissing' });
    if (a.memberType === 'person') problems.push(...nameProblems(a));
    else if (a.memberType === 'organization') {
      if (!a.orgNameKk) problems.push({ field: 'orgNameKk', messageKey: 'admit.orgNameKkMissing' });
      if (!a.orgNameRu) problems.push({ field: 'orgNameRu', messageKey: 'admit.orgNameRuMissing' });
      if (!['government_body', 'institute', 'media', 'association'].includes(a.orgClassification)) problems.push({ field: 'orgClassification', messageKey: 'admit.classificationMissing' });
    } else problems.push({ field: 'memberType', messageKey: 'admit.memberTypeMissing' });
    const refused = async (found: FieldProblem[]) => reply.page(titleWithErrors(lang, translate(lang, 'admit.title'), found), await admitPage(council.id, a, found), 400);
    if (problems.length) return refused(problems);
    const blankNames = { patronymicKk: '', patronymicRu: '', birthDate: '', gender: '' };
    const hasRepresentative = Boolean((a.repFamilyNameKk || a.repFamilyNameRu) && (a.repGivenNameKk || a.repGivenNameRu));
    try {
      await service.admit(
        council.id,
        {
          decisionId: a.decisionId,
          person: a.memberType === 'person' ? personInput({ ...a, birthDate: '', gender: '' }) : null,
          organization: a.memberType === 'organization' ? { name: localizedText(a.orgNameKk, a.orgNameRu, a.orgNameEn), classification: a.orgClassification as 'government_body' } : null,
          representative:
            a.memberType === 'organization' && hasRepresentative
              ? personInput({ ...blankNames, familyNameKk: a.repFamilyNameKk, givenNameKk: a.repGivenNameKk, familyNameRu: a.repFamilyNameRu, givenNameRu: a.repGivenNameRu })
              : null,
        },
        request.changeContext(),
      );
    } catch (err) {
      if (!(err instanceof CouncilError)) throw err;
      return refused([councilProblem(lang, err)]);
    }
    // More to enter under the decision: back to the form with it chosen and the progress shown.
    const progress = (await service.admissions(council.id)).find((d) => d.id === a.decisionId);
    return reply.redirect(progress && !progress.complete ? `/${lang}/office/council/admit?decision=${a.decisionId}` : `/${lang}/office/council`, 303);
  });

  // ── The Council's chair and deputy chairs ──

  const emptyPost: PostAnswers = { role: '', q: '', personId: '', familyNameKk: '', givenNameKk: '', patronymicKk: '', familyNameRu: '', givenNameRu: '', patronymicRu: '', labelKk: '', labelRu: '', labelEn: '', startDate: '', endDate: '' };
  const postTitle = (lang: Parameters<typeof translate>[0]) => translate(lang, 'councilPost.addTitle');

  app.get('/office/council/posts/new', async (request, reply) => {
    await councilFor(request);
    const query = (request.query ?? {}) as Record<string, unknown>;
    const answers: PostAnswers = { ...emptyPost, role: formText(query, 'role', 20), q: formText(query, 'q', 100) };
    const found = answers.q ? await service.findPersons(answers.q) : undefined;
    return reply.page(postTitle(request.lang), <PostFormPage answers={answers} found={found} problems={[]} />);
  });

  app.post('/office/council/posts/new', async (request, reply) => {
    const lang = request.lang;
    const council = await councilFor(request);
    const a = Object.fromEntries(Object.keys(emptyPost).map((k) => [k, formText(request.body, k, k === 'q' ? 100 : 500)])) as unknown as PostAnswers;
    const problems: FieldProblem[] = [];
    if (a.role !== 'head' && a.role !== 'deputy_head') problems.push({ field: 'role', messageKey: 'councilPost.roleMissing' });
    if (a.personId === 'new') problems.push(...nameProblems(a));
    else if (!isUuid(a.personId)) problems.push({ field: 'personId', messageKey: 'councilPost.personMissing' });
    const start = dateProblem('startDate', a.startDate, true);
    if (start) problems.push(start);
    const end = dateProblem('endDate', a.endDate, false);
    if (end) problems.push(end);
    if (!start && !end && a.endDate && a.endDate < a.startDate) problems.push({ field: 'endDate', messageKey: 'people.dateOrder' });
    const refused = async (found: FieldProblem[]) =>
      reply.page(titleWithErrors(lang, postTitle(lang), found), <PostFormPage answers={a} found={a.q ? await service.findPersons(a.q) : undefined} problems={found} />, 400);
    if (problems.length) return refused(problems);
    const label = localizedText(a.labelKk, a.labelRu, a.labelEn);
    try {
      await service.appointToPost(
        council.id,
        {
          role: a.role as PostRole,
          personId: a.personId === 'new' ? null : a.personId.toLowerCase(),
          newPerson: a.personId === 'new' ? personInput({ ...a, birthDate: '', gender: '' }) : null,
          label: Object.keys(label).length ? label : null,
          startDate: a.startDate,
          endDate: a.endDate || null,
        },
        request.changeContext(),
      );
    } catch (err) {
      if (!(err instanceof CouncilError)) throw err;
      return refused([councilProblem(lang, err)]);
    }
    return reply.redirect(`/${lang}/office/council`, 303);
  });

  app.get<{ Params: { id: string } }>('/office/council/posts/:id/end', async (request, reply) => {
    const council = await councilFor(request);
    if (!isUuid(request.params.id)) throw NotFoundError();
    const post = await service.post(council.id, request.params.id.toLowerCase());
    return reply.page(translate(request.lang, 'councilPost.endTitle'), <EndPostPage post={post} endDate={todayInKazakhstan()} problems={[]} />);
  });

  app.post<{ Params: { id: string } }>('/office/council/posts/:id/end', async (request, reply) => {
    const lang = request.lang;
    const council = await councilFor(request);
    if (!isUuid(request.params.id)) throw NotFoundError();
    const post = await service.post(council.id, request.params.id.toLowerCase());
    const endDate = formText(request.body, 'endDate');
    const problem = dateProblem('endDate', endDate, true);
    const refused = (found: FieldProblem[]) => reply.page(titleWithErrors(lang, translate(lang, 'councilPost.endTitle'), found), <EndPostPage post={post} endDate={endDate} problems={found} />, 400);
    if (problem) return refused([problem]);
    try {
      await service.endPost(council.id, post.id, endDate, Number(formText(request.body, 'version')) || 0, request.changeContext());
    } catch (err) {
      if (!(err instanceof CouncilError)) throw err;
      return refused([councilProblem(lang, err)]);
    }
    return reply.redirect(`/${lang}/office/council`, 303);
  });

  const withdrawalDecisions = async (councilId: string) => (await service.decisions(councilId)).filter((d) => d.kind === 'withdrawal');

  app.get<{ Params: { id: string } }>('/office/council/members/:id/withdraw', async (request, reply) => {
    const council = await councilFor(request);
    if (!isUuid(request.params.id)) throw NotFoundError();
    const m = await service.membership(request.params.id, council.id);
    return reply.page(translate(request.lang, 'withdraw.title'), <WithdrawPage membershipId={m.id} version={m.version} decisions={await withdrawalDecisions(council.id)} decisionId="" problems={[]} />);
  });

  app.post<{ Params: { id: string } }>('/office/council/members/:id/withdraw', async (request, reply) => {
    const lang = request.lang;
    const council = await councilFor(request);
    if (!isUuid(request.params.id)) throw NotFoundError();
    const m = await service.membership(request.params.id, council.id);
    const decisionId = formText(request.body, 'decisionId');
    const decisions = await withdrawalDecisions(council.id);
    if (!decisions.some((d) => d.id === decisionId)) {
      const problems: FieldProblem[] = [{ field: 'decisionId', messageKey: 'withdraw.decisionMissing' as MessageKey }];
      return reply.page(titleWithErrors(lang, translate(lang, 'withdraw.title'), problems), <WithdrawPage membershipId={m.id} version={m.version} decisions={decisions} decisionId={decisionId} problems={problems} />, 400);
    }
    await service.withdraw(council.id, m.id, decisionId, Number(formText(request.body, 'version')) || 0, request.changeContext());
    return reply.redirect(`/${lang}/office/council`, 303);
  });
}

/** Deputies' photos, public: only files that are some person's photo are served, re-encoded at upload. */
export async function registryPhotoRoutes(app: FastifyInstance): Promise<void> {
  app.get<{ Params: { name: string } }>('/files/photos/:name', async (request, reply) => {
    const name = request.params.name;
    if (!/^[0-9a-f]{64}\.webp$/.test(name) || !(await isPublishedPhoto(app.db, name))) throw NotFoundError();
    const bytes = await app.files.read(name);
    if (!bytes) throw NotFoundError();
    return reply.type('image/webp').header('cache-control', 'public, max-age=31536000, immutable').header('x-content-type-options', 'nosniff').send(bytes);
  });
}
