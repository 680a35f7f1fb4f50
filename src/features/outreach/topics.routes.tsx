// The managed list of outreach topics in the office (the secretariat, an admin), mounted under /:lang
// by office.routes.tsx: the list with the form to add one, and a topic's form (titles in kk/ru/en,
// kind, order, offered or not), audited and version-checked (a stale form is a 409 keeping the answers).
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { authorize } from '../../core/auth/authorize.js';
import type { Db } from '../../core/db/connect.js';
import { outreachTopicKinds } from '../../core/db/database.js';
import { NotFoundError, type FieldProblem } from '../../core/errors.js';
import { choice, emptyAnswers, parseForm, requiredText, text, titleWithErrors, version, wholeNumber } from '../../core/http/forms.js';
import { idParam, pathParams } from '../../core/http/params.js';
import { localizedText } from '../../core/i18n/localized-text.js';
import { translate } from '../../core/i18n/messages.js';
import type { Route } from './import.routes.js';
import * as repo from './outreach.repository.js';
import { saveTopic } from './outreach.service.js';
import { TopicPage, TopicsPage, type TopicAnswers } from './views/topics.js';

const topicParams = pathParams({ id: idParam });

export const topicForm = z.object({
  kind: choice(outreachTopicKinds, 'outreach.topics.kindMissing'),
  titleKk: requiredText('outreach.topics.titleKkMissing', 300),
  titleRu: requiredText('outreach.topics.titleRuMissing', 300),
  titleEn: text(300),
  position: wholeNumber('outreach.topics.positionInvalid', 'outreach.topics.positionInvalid', { max: 100_000 }),
  active: text(10),
  version: version(),
});

const valuesOf = (a: z.output<typeof topicForm>): repo.TopicValues => ({ kind: a.kind, title: localizedText(a.titleKk, a.titleRu, a.titleEn), active: a.active === '1', position: a.position });

export function outreachTopicRoutes(route: Route, db: Db): void {
  const manage = (request: FastifyRequest) => authorize(request, 'outreach.topics.manage');
  const listTitle = (request: FastifyRequest, problems: FieldProblem[]) => titleWithErrors(request.lang, translate(request.lang, 'outreach.topics.title'), problems);

  async function showList(request: FastifyRequest, reply: FastifyReply, answers: TopicAnswers, problems: FieldProblem[], status = 200) {
    const topics = await repo.listTopics(db, { activeOnly: false });
    return reply.header('cache-control', 'no-store').page(listTitle(request, problems), <TopicsPage topics={topics} answers={answers} problems={problems} />, status);
  }

  route.get('/office/outreach/topics', async (request, reply) => {
    manage(request);
    return showList(request, reply, emptyAnswers(topicForm, { active: '1', position: '1000', version: '0' }), []);
  });

  route.post('/office/outreach/topics', async (request, reply) => {
    manage(request);
    const form = parseForm(topicForm, request.body);
    if (!form.ok) return showList(request, reply, form.raw, form.problems, 400);
    await saveTopic(db, null, valuesOf(form.answers), 0, request.changeContext());
    return reply.redirect(`/${request.lang}/office/outreach/topics`, 303);
  });

  route.get('/office/outreach/topics/:id', { schema: { params: topicParams } }, async (request, reply) => {
    manage(request);
    const topic = await repo.findTopic(db, request.params.id);
    if (!topic) throw NotFoundError();
    const answers = emptyAnswers(topicForm, { kind: topic.kind, titleKk: topic.title.kk ?? '', titleRu: topic.title.ru ?? '', titleEn: topic.title.en ?? '', position: String(topic.position), active: topic.active ? '1' : '', version: String(topic.version) });
    return reply.header('cache-control', 'no-store').page(translate(request.lang, 'outreach.topics.editTitle'), <TopicPage id={topic.id} answers={answers} problems={[]} conflict={false} />);
  });

  route.post('/office/outreach/topics/:id', { schema: { params: topicParams } }, async (request, reply) => {
    manage(request);
    const topic = await repo.findTopic(db, request.params.id);
    if (!topic) throw NotFoundError();
    const form = parseForm(topicForm, request.body);
    const title = (problems: FieldProblem[]) => titleWithErrors(request.lang, translate(request.lang, 'outreach.topics.editTitle'), problems);
    if (!form.ok) return reply.page(title(form.problems), <TopicPage id={topic.id} answers={form.raw} problems={form.problems} conflict={false} />, 400);
    if (!(await saveTopic(db, topic.id, valuesOf(form.answers), form.answers.version, request.changeContext()))) {
      const latest = await repo.findTopic(db, topic.id);
      const problems: FieldProblem[] = [{ field: 'titleKk', messageKey: 'outreach.topics.conflict' }];
      return reply.page(title(problems), <TopicPage id={topic.id} answers={{ ...form.raw, version: String(latest?.version ?? 0) }} problems={problems} conflict />, 409);
    }
    return reply.redirect(`/${request.lang}/office/outreach/topics`, 303);
  });
}
