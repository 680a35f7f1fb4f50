// The secretariat prepares a meeting: sub-items, order, wording, rapporteurs and co-speakers,
// papers, the chair and the quorum rule; invitees and, once the meeting is held, the public read it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, signedIn } from '../../../test/support/factories.js';
import { createMeeting } from '../../../test/support/meeting-factories.js';
import { createCollectiveMembers, createPerson, organizationId } from '../../../test/support/registry-factories.js';
import { page as read, textOf } from '../../../test/support/page.js';
import { createTestApp, type TestApp } from '../../../test/support/test-app.js';
import { newId } from '../../core/ids.js';
import { translate } from '../../core/i18n/messages.js';
import { insertMemberships } from '../registry/membership.repository.js';
import { createRegistryService } from '../registry/registry.service.js';
import { sniffPaper } from '../../core/documents.js';
import { loadMeetingRecord } from './record.js';

let t: TestApp;
let clerk: Browser;
let west: Browser;
let almaty: Browser;
let member: { id: string; name: string };
let otherMember: { id: string; name: string };
let representative: { id: string; name: string };

const db = () => t.database.db;

async function councilMember(name: string, label?: { kk: string; ru: string }) {
  const council = await organizationId(db(), 'council-senate');
  const person = await createPerson(db(), { name: { kk: name, ru: name } });
  await insertMemberships(db(), [{ id: newId(), organization_id: council, person_id: person.id, role: 'member', label: label ?? null, start_date: '2025-01-01', source: 'test' }]);
  return { id: person.id, name };
}

beforeAll(async () => {
  t = await createTestApp();
  member = await councilMember('Әлиев Нұрлан');
  otherMember = await councilMember('Бекова Гүлнар');
  const collective = await createCollectiveMembers(db(), { admittedOn: '2025-01-01', members: [{ name: { kk: 'Заңгерлер одағы', ru: 'Союз юристов', en: 'Union of Lawyers' }, representative: { name: 'Серікова Айгүл' } }] });
  representative = { id: collective.members[0]!.representativeId!, name: 'Серікова Айгүл' };
  clerk = await signedIn(t.app, db(), { role: 'secretariat', organizationSlug: 'council-senate' });
  west = await signedIn(t.app, db(), { role: 'maslikhat_staff', organizationSlug: 'maslikhat-270000000' });
  almaty = await signedIn(t.app, db(), { role: 'maslikhat_staff', organizationSlug: 'maslikhat-750000000' });
});
afterAll(() => t.close());

/** A meeting of the Council on 10 December 2026; its office page's path. */
async function meeting(input: Parameters<typeof createMeeting>[1] = {}) {
  const m = await createMeeting(db(), { startsAt: '2026-12-10T11:00', title: { kk: 'Кеңес отырысы', ru: 'Заседание Совета' }, format: 'in_person', videoUrl: null, status: 'draft', ...input });
  return { ...m, url: `/en/office/meetings/${m.id}`, ru: `/ru/office/meetings/${m.id}` };
}

async function addItem(url: string, titleRu: string, extra: Record<string, string> = {}) {
  const res = await clerk.post(`${url}/agenda`, { titleKk: `${titleRu} (kk)`, titleRu, ...extra });
  expect(res.statusCode).toBe(303);
  return (res.headers.location as string).split('#item-')[1]!;
}

async function agendaOrder(meetingId: string) {
  const rows = await db().selectFrom('agenda_item').select(['title', 'position', 'parent_id']).where('meeting_id', '=', meetingId).orderBy('position').execute();
  return rows.map((r) => `${r.position}:${r.parent_id ? '  ' : ''}${(r.title as { ru: string }).ru}`);
}

async function changes(meetingId: string) {
  const rows = await db().selectFrom('agenda_change').select('summary').where('meeting_id', '=', meetingId).orderBy('changed_at').orderBy('id').execute();
  return rows.map((r) => (r.summary as { en?: string; ru?: string }).en ?? (r.summary as { ru?: string }).ru);
}

/** A small but valid PDF: one empty page, with a correct cross-reference table. */
function tinyPdf(): Buffer {
  const objects = ['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [3 0 R] /Count 1 >>', '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>'];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

/** A ZIP archive of stored (uncompressed) entries, with its central directory. */
function storedZip(entries: Record<string, string>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of Object.entries(entries)) {
    const nameBytes = Buffer.from(name);
    const data = Buffer.from(content);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    centrals.push(central, nameBytes);
    offset += 30 + nameBytes.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(entries).length, 8);
  end.writeUInt16LE(Object.keys(entries).length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

function multipart(fields: Record<string, string>, file?: { name: string; data: Buffer; type?: string }) {
  const boundary = `----kenes${newId().replaceAll('-', '')}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  if (file) {
    parts.push(Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="${file.name}"\r\ncontent-type: ${file.type ?? 'application/octet-stream'}\r\n\r\n`));
    parts.push(file.data, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

async function upload(url: string, fields: Record<string, string>, file?: { name: string; data: Buffer; type?: string }) {
  if (!clerk.cookie('kenes_csrf')) await clerk.get('/kk/');
  const body = multipart({ _csrf: clerk.cookie('kenes_csrf')!, ...fields }, file);
  return t.app.inject({ method: 'POST', url, payload: body.payload, headers: { cookie: clerk.cookieHeader, 'content-type': body.contentType } });
}

interface AgendaItem { title: string; items: AgendaItem[] }
/** The agenda under its heading as nested lists: each item's own words (not its actions) and its sub-items. */
function agendaTree(html: string, heading: string): AgendaItem[] {
  const list = read(html).byRole('heading', { name: heading }).nextElementSibling;
  const items = (ol: Element | null): AgendaItem[] =>
    [...(ol?.children ?? [])].filter((li) => li.tagName === 'LI').map((li) => ({ title: textOf(li.firstChild), items: items(li.querySelector(':scope > ol')) }));
  expect(list?.tagName).toBe('OL');
  return items(list);
}
/** The error summary's messages. */
const errors = (html: string) => read(html).errorSummary().map((e) => e.text);
/** The entries of the list that follows the heading with this name (such as the changes since the announcement). */
const listUnder = (html: string, heading: string) => [...(read(html).byRole('heading', { name: heading }).nextElementSibling?.querySelectorAll('li') ?? [])].map((li) => textOf(li));

describe('POST /:lang/office/meetings/:id/agenda (sub-items)', () => {
  it('adds sub-items under an item, numbered in document order, and shows them nested', async () => {
    const m = await meeting();
    const a = await addItem(m.url, 'Вопрос А');
    await addItem(m.url, 'Вопрос Б');
    await addItem(m.url, 'Подвопрос А.1', { parentId: a });
    await addItem(m.url, 'Подвопрос А.2', { parentId: a, minutes: '15' });
    expect(await agendaOrder(m.id)).toEqual(['1:Вопрос А', '2:  Подвопрос А.1', '3:  Подвопрос А.2', '4:Вопрос Б']);

    const page = (await clerk.get(m.ru)).body;
    // Sub-items sit in a list inside their item, before the next item.
    expect(agendaTree(page, 'Повестка дня')).toEqual([
      { title: 'Вопрос А', items: [{ title: 'Подвопрос А.1', items: [] }, { title: 'Подвопрос А.2', items: [] }] },
      { title: 'Вопрос Б', items: [] },
    ]);
    // The "under item" select offers top-level items only.
    expect(read(page).options(/^В составе вопроса/).map((o) => o.text)).toEqual(['Самостоятельный вопрос', 'Вопрос А', 'Вопрос Б']);
  });

  it('refuses an unknown parent or a sub-item under a sub-item, keeping the answers (400, localised)', async () => {
    const m = await meeting();
    const a = await addItem(m.url, 'Основной вопрос');
    const sub = await addItem(m.url, 'Его подвопрос', { parentId: a });
    const res = await clerk.post(`${m.ru}/agenda`, { titleKk: '', titleRu: 'Глубже', minutes: '0', parentId: sub });
    expect(res.statusCode).toBe(400);
    expect(read(res.body).title.startsWith(translate('ru', 'form.errorTitlePrefix'))).toBe(true);
    expect(errors(res.body)).toEqual([translate('ru', 'agendaEdit.parentUnknown'), translate('ru', 'meetingsOffice.minutesInvalid')]);
    expect(read(res.body).value('Тема на русском')).toBe('Глубже');
    expect(await agendaOrder(m.id)).toEqual(['1:Основной вопрос', '2:  Его подвопрос']);
  });
});

describe('POST /:lang/office/meetings/:id/agenda/:itemId/move', () => {
  it('moves an item with its sub-items among its siblings, keeps positions dense, and does nothing at either end', async () => {
    const m = await meeting();
    const a = await addItem(m.url, 'Первый');
    const b = await addItem(m.url, 'Второй');
    const a1 = await addItem(m.url, 'Первый.1', { parentId: a });
    const a2 = await addItem(m.url, 'Первый.2', { parentId: a });
    const move = (id: string, direction: string) => clerk.post(`${m.url}/agenda/${id}/move`, { direction });

    expect((await move(b, 'up')).statusCode).toBe(303);
    expect(await agendaOrder(m.id)).toEqual(['1:Второй', '2:Первый', '3:  Первый.1', '4:  Первый.2']);
    expect((await move(a2, 'up')).statusCode).toBe(303);
    expect(await agendaOrder(m.id)).toEqual(['1:Второй', '2:Первый', '3:  Первый.2', '4:  Первый.1']);
    expect((await move(a1, 'down')).statusCode).toBe(303);
    expect((await move(b, 'up')).statusCode).toBe(303);
    expect(await agendaOrder(m.id)).toEqual(['1:Второй', '2:Первый', '3:  Первый.2', '4:  Первый.1']);
    expect((await move(b, 'down')).statusCode).toBe(303);
    expect(await agendaOrder(m.id)).toEqual(['1:Первый', '2:  Первый.2', '3:  Первый.1', '4:Второй']);

    // Removing an item takes its sub-items; the rest close up.
    expect((await clerk.post(`${m.url}/agenda/${a}/remove`)).statusCode).toBe(303);
    expect(await agendaOrder(m.id)).toEqual(['1:Второй']);
    expect((await move(newId(), 'up')).statusCode).toBe(404);
  });
});

describe('GET and POST /:lang/office/meetings/:id/agenda/:itemId/edit', () => {
  it('edits an item on its own page; bad input comes back with the answers (400, localised); a stale form is a conflict', async () => {
    const m = await meeting();
    const id = await addItem(m.url, 'Черновой заголовок');
    const form = await clerk.get(`${m.ru}/agenda/${id}/edit`);
    expect(form.statusCode).toBe(200);
    expect(read(form.body).value('Тема на русском')).toBe('Черновой заголовок');
    expect([...read(form.body).document.querySelectorAll('input[name="version"]')].map((input) => input.getAttribute('value'))).toEqual(['1']);

    const bad = await clerk.post(`${m.ru}/agenda/${id}/edit`, { titleKk: '', titleRu: '', titleEn: 'Draft', descriptionRu: 'Описание остаётся', minutes: 'сорок', version: '1' });
    expect(bad.statusCode).toBe(400);
    const kept = read(bad.body);
    expect(kept.title.startsWith(translate('ru', 'form.errorTitlePrefix'))).toBe(true);
    expect(errors(bad.body)).toEqual(expect.arrayContaining([translate('ru', 'meetingForm.titleMissing'), translate('ru', 'meetingsOffice.minutesInvalid')]));
    expect(kept.value('Описание на русском (необязательно)')).toBe('Описание остаётся');
    expect(kept.value('Отведённое время, минут (необязательно)')).toBe('сорок');
    expect(kept.value('Тема на английском (необязательно)')).toBe('Draft');

    const saved = await clerk.post(`${m.ru}/agenda/${id}/edit`, {
      titleKk: 'Жолдауды іске асыру',
      titleRu: 'О реализации Послания',
      titleEn: 'Implementing the Address',
      descriptionKk: 'Сипаттама',
      descriptionRu: 'Описание',
      minutes: '40',
      isMain: '1',
      version: '1',
    });
    expect(saved.statusCode).toBe(303);
    const row = await db().selectFrom('agenda_item').select(['title', 'description', 'minutes_allotted', 'is_main', 'version']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toEqual({ title: { kk: 'Жолдауды іске асыру', ru: 'О реализации Послания', en: 'Implementing the Address' }, description: { kk: 'Сипаттама', ru: 'Описание' }, minutes_allotted: 40, is_main: true, version: 2 });

    const stale = await clerk.post(`${m.ru}/agenda/${id}/edit`, { titleRu: 'Поверх чужой правки', version: '1' });
    expect(stale.statusCode).toBe(409);
    expect((await clerk.get(`${m.url}/agenda/${newId()}/edit`)).statusCode).toBe(404);
  });
});

describe('POST /:lang/office/meetings/:id/agenda/:itemId/speakers', () => {
  it('adds a rapporteur with a label and a representative as co-speaker: shown on the office page, the public page and in the record', async () => {
    const m = await meeting();
    const id = await addItem(m.url, 'О законодательных инициативах маслихатов');
    const page = await clerk.get(`${m.ru}/agenda/${id}/edit`);
    expect(read(page.body).options('Кто выступает')).toEqual(expect.arrayContaining([
      { text: member.name, value: member.id, selected: false },
      { text: `${representative.name} — представитель: Союз юристов`, value: representative.id, selected: false },
    ]));

    const added = await clerk.post(`${m.ru}/agenda/${id}/speakers`, { personId: member.id, role: 'rapporteur', labelKk: 'Сенат депутаты', labelRu: 'депутат Сената' });
    expect(added.statusCode).toBe(303);
    expect(added.headers.location).toBe(`${m.ru}/agenda/${id}/edit`);
    expect((await clerk.post(`${m.ru}/agenda/${id}/speakers`, { personId: representative.id, role: 'co_speaker', labelKk: '', labelRu: '' })).statusCode).toBe(303);

    const duplicate = await clerk.post(`${m.ru}/agenda/${id}/speakers`, { personId: member.id, role: 'co_speaker', labelRu: 'ещё раз' });
    expect(duplicate.statusCode).toBe(400);
    expect(read(duplicate.body).fieldError('Кто выступает')).toBe(translate('ru', 'agendaEdit.speakerDuplicate'));
    expect(read(duplicate.body).value('Должность на русском (необязательно)')).toBe('ещё раз');
    const stranger = await createPerson(db(), { name: 'Бөгде Адам' });
    const notMember = await clerk.post(`${m.ru}/agenda/${id}/speakers`, { personId: stranger.id, role: 'sage' });
    expect(notMember.statusCode).toBe(400);
    expect(errors(notMember.body)).toEqual(expect.arrayContaining([translate('ru', 'agendaEdit.personMissing'), translate('ru', 'agendaEdit.roleMissing')]));

    const office = read((await clerk.get(m.ru)).body).text('main');
    expect(office).toContain(`Докладчик: ${member.name} (депутат Сената); Содокладчик: ${representative.name}`);

    await db().updateTable('meeting').set({ status: 'announced', announced_at: new Date() }).where('id', '=', m.id).execute();
    const publicPage = read((await t.app.inject(`/ru/meetings/${m.id}`)).body).text('main');
    expect(publicPage).toContain(`${member.name} (депутат Сената)`);

    const record = await loadMeetingRecord(db(), createRegistryService(db()), m.id);
    expect(record!.agenda[0]!.rapporteurs).toMatchObject([{ personId: member.id, label: { kk: 'Сенат депутаты', ru: 'депутат Сената' } }]);
    expect(record!.agenda[0]!.coSpeakers).toMatchObject([{ personId: representative.id, label: null }]);

    // Removing a speaker after the announcement is a tracked change.
    const speaker = await db().selectFrom('agenda_speaker').select('id').where('person_id', '=', representative.id).where('agenda_item_id', '=', id).executeTakeFirstOrThrow();
    expect((await clerk.post(`${m.url}/agenda/${id}/speakers/${speaker.id}/remove`)).statusCode).toBe(303);
    expect(await changes(m.id)).toEqual([`Co-speaker removed from “О законодательных инициативах маслихатов”: ${representative.name}`]);
  });
});

describe('POST /:lang/office/meetings/:id/papers and the downloads', () => {
  it('stores a PDF paper for the meeting and one for an item; the secretariat and the invited maslikhat download them, another region cannot; the public only once the meeting is held', async () => {
    const m = await meeting({ status: 'announced', agenda: [{ title: { kk: 'Жоспар туралы', ru: 'О плане работы' } }], invitations: [{ kato: '270000000' }] });
    const itemId = m.agenda[0]!.id;
    const pdf = tinyPdf();
    const res = await upload(`${m.url}/papers`, { titleKk: 'Анықтама', titleRu: 'Справка', agendaItemId: '' }, { name: 'Справка о работе.pdf', data: pdf, type: 'application/pdf' });
    expect(res.statusCode).toBe(303);
    expect((await upload(`${m.url}/papers`, { titleKk: '', titleRu: 'Проект плана', agendaItemId: itemId }, { name: 'plan.pdf', data: pdf })).statusCode).toBe(303);
    const papers = await db().selectFrom('meeting_paper').selectAll().where('meeting_id', '=', m.id).orderBy('created_at').orderBy('id').execute();
    expect(papers.map((p) => [p.file_name, p.content_type, p.byte_size, p.agenda_item_id])).toEqual([
      ['Справка о работе.pdf', 'application/pdf', pdf.length, null],
      ['plan.pdf', 'application/pdf', pdf.length, itemId],
    ]);
    const paper = papers[0]!;
    const office = `${m.url}/papers/${paper.id}`;

    const own = await clerk.get(office);
    expect(own.statusCode).toBe(200);
    expect(own.headers['content-type']).toBe('application/pdf');
    expect(own.headers['content-disposition']).toMatch(/^attachment; filename="_+ _ _+\.pdf"; filename\*=UTF-8''%D0%A1/);
    expect(own.headers['x-content-type-options']).toBe('nosniff');
    expect(Buffer.compare(own.rawPayload, pdf)).toBe(0);

    const invited = await west.get(office);
    expect(invited.statusCode).toBe(200);
    expect(invited.headers['content-disposition']).toMatch(/^attachment;/);
    expect(invited.headers['x-content-type-options']).toBe('nosniff');
    expect((await almaty.get(office)).statusCode).toBe(403);
    const anonymous = await t.app.inject(office);
    expect(anonymous.statusCode).toBe(303);
    expect(anonymous.headers.location).toMatch(/^\/en\/sign-in\?next=/);

    // The invited maslikhat's page shows the agenda, the papers and the changes since the announcement.
    const invitations = read((await west.get('/ru/office/invitations')).body);
    expect(invitations.text('main')).toContain('О плане работы');
    const links = invitations.links().map((l) => l.href);
    expect(links).toContain(`/ru/office/meetings/${m.id}/papers/${paper.id}`);
    expect(links).toContain(`/ru/office/meetings/${m.id}/papers/${papers[1]!.id}`);
    expect(invitations.text('main')).toContain('Добавлен документ: Проект плана (к вопросу «О плане работы»)');

    const publicUrl = `/en/meetings/${m.id}/papers/${paper.id}`;
    expect((await t.app.inject(publicUrl)).statusCode).toBe(404);
    const before = read((await t.app.inject(`/ru/meetings/${m.id}`)).body);
    expect(before.text()).not.toContain('Справка');
    expect(before.links().map((l) => l.href).filter((href) => href.includes('/papers/'))).toEqual([]);

    await db().updateTable('meeting').set({ status: 'held' }).where('id', '=', m.id).execute();
    const open = await t.app.inject(publicUrl);
    expect(open.statusCode).toBe(200);
    expect(open.headers['content-disposition']).toMatch(/^attachment;/);
    expect(open.headers['x-content-type-options']).toBe('nosniff');
    expect(Buffer.compare(open.rawPayload, pdf)).toBe(0);
    const publicPage = read((await t.app.inject(`/ru/meetings/${m.id}`)).body);
    expect(publicPage.href('Справка')).toBe(`/ru/meetings/${m.id}/papers/${paper.id}`);
    expect(publicPage.text('main')).toContain('Проект плана');

    // Removing a paper: gone from the list, and from the downloads.
    expect((await clerk.post(`${m.url}/papers/${paper.id}/remove`)).statusCode).toBe(303);
    expect((await clerk.get(office)).statusCode).toBe(404);
  });

  it('refuses a renamed .exe with a localised error, keeping the answers; and a paper with no file or title', async () => {
    const m = await meeting();
    const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(510, 0x90)]);
    const res = await upload(`${m.ru}/papers`, { titleKk: 'Күн тәртібі', titleRu: 'Повестка', agendaItemId: '' }, { name: 'agenda.pdf', data: exe, type: 'application/pdf' });
    expect(res.statusCode).toBe(400);
    const refused = read(res.body);
    expect(refused.title.startsWith(translate('ru', 'form.errorTitlePrefix'))).toBe(true);
    expect(refused.errorSummary()).toEqual([{ text: translate('ru', 'papers.fileType'), href: '#paper-file' }]);
    expect(refused.value('Название на русском')).toBe('Повестка');
    expect(refused.value('Название на казахском')).toBe('Күн тәртібі');

    const empty = await upload(`${m.ru}/papers`, { titleKk: '', titleRu: '', agendaItemId: newId() });
    expect(empty.statusCode).toBe(400);
    expect(errors(empty.body)).toEqual(expect.arrayContaining([translate('ru', 'papers.fileMissing'), translate('ru', 'papers.titleMissing'), translate('ru', 'papers.itemUnknown')]));
    expect(await db().selectFrom('meeting_paper').select('id').where('meeting_id', '=', m.id).execute()).toEqual([]);
  });
});

describe('sniffPaper', () => {
  it('tells PDF, DOCX, XLSX and ODT by their bytes and refuses anything else', () => {
    expect(sniffPaper(tinyPdf())?.extension).toBe('pdf');
    expect(sniffPaper(storedZip({ '[Content_Types].xml': '<Types/>', 'word/document.xml': '<w:document/>' }))?.extension).toBe('docx');
    expect(sniffPaper(storedZip({ '[Content_Types].xml': '<Types/>', 'xl/workbook.xml': '<workbook/>' }))?.extension).toBe('xlsx');
    expect(sniffPaper(storedZip({ mimetype: 'application/vnd.oasis.opendocument.text', 'content.xml': '<office:document-content/>' }))?.extension).toBe('odt');
    expect(sniffPaper(storedZip({ mimetype: 'application/vnd.oasis.opendocument.spreadsheet' }))).toBeUndefined();
    expect(sniffPaper(storedZip({ 'payload.exe': 'MZ' }))).toBeUndefined();
    expect(sniffPaper(Buffer.from('MZ\x90\x00'))).toBeUndefined();
    expect(sniffPaper(Buffer.from('PK\x03\x04 truncated'))).toBeUndefined();
  });
});

describe('POST /:lang/office/meetings/:id/chair', () => {
  it('sets the chair and the quorum rule with a version check; a stale form is a conflict; bad answers come back localised', async () => {
    const m = await meeting();
    const page = await clerk.get(m.url);
    const chairs = read(page.body).options('Chair');
    expect(chairs).toContainEqual({ text: member.name, value: member.id, selected: false });
    expect(chairs.map((o) => o.value)).not.toContain(representative.id);

    const saved = await clerk.post(`${m.url}/chair`, { chairPersonId: member.id, quorumRule: 'two_thirds', version: '1' });
    expect(saved.statusCode).toBe(303);
    const row = await db().selectFrom('meeting').select(['chair_person_id', 'quorum_rule', 'version']).where('id', '=', m.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ chair_person_id: member.id, quorum_rule: 'two_thirds', version: 2 });
    expect(read((await clerk.get(m.ru)).body).definition('Кворум')).toBe(translate('ru', 'chair.twoThirds'));
    await db().updateTable('meeting').set({ status: 'announced', announced_at: new Date() }).where('id', '=', m.id).execute();
    const record = await loadMeetingRecord(db(), createRegistryService(db()), m.id);
    expect(record!.chair?.personId).toBe(member.id);
    expect(record!.meeting.quorumRule).toBe('two_thirds');

    const stale = await clerk.post(`${m.url}/chair`, { chairPersonId: otherMember.id, quorumRule: 'more_than_half', version: '1' });
    expect(stale.statusCode).toBe(409);
    expect((await db().selectFrom('meeting').select('chair_person_id').where('id', '=', m.id).executeTakeFirstOrThrow()).chair_person_id).toBe(member.id);

    const bad = await clerk.post(`${m.ru}/chair`, { chairPersonId: newId(), quorumRule: 'unanimity', version: '2' });
    expect(bad.statusCode).toBe(400);
    expect(read(bad.body).errorSummary()).toEqual(expect.arrayContaining([
      { text: translate('ru', 'chair.chairUnknown'), href: '#chair-chairPersonId' },
      expect.objectContaining({ text: translate('ru', 'chair.quorumRuleMissing') }),
    ]));

    await db().updateTable('meeting').set({ status: 'held' }).where('id', '=', m.id).execute();
    expect(read((await clerk.get(m.url)).body).allByRole('combobox', { name: 'Chair' })).toHaveLength(0);
    expect((await clerk.get(m.url)).body).not.toContain('name="chairPersonId"');
    const late = await clerk.post(`${m.url}/chair`, { chairPersonId: otherMember.id, quorumRule: 'more_than_half', version: '2' });
    expect(late.statusCode).toBe(400);
    expect(errors(late.body)).toContain(translate('en', 'meetingsOffice.notAllowed'));
  });
});

describe('tracked changes after the announcement', () => {
  it('records added, edited, moved items, speakers and papers once the meeting is announced (not before), for the office and for invitees', async () => {
    const m = await meeting({ invitations: [{ kato: '270000000' }] });
    const first = await addItem(m.url, 'Первый вопрос');
    const second = await addItem(m.url, 'Второй вопрос');
    expect(await changes(m.id)).toEqual([]);
    expect((await clerk.post(`${m.url}/status`, { action: 'announce', version: '1' })).statusCode).toBe(303);

    await addItem(m.url, 'Новый подвопрос', { parentId: first });
    await clerk.post(`${m.url}/agenda/${second}/move`, { direction: 'up' });
    await clerk.post(`${m.url}/agenda/${first}/edit`, { titleKk: 'Бірінші мәселе', titleRu: 'Первый вопрос (уточнён)', version: '1' });
    await clerk.post(`${m.url}/agenda/${first}/speakers`, { personId: otherMember.id, role: 'rapporteur' });
    await upload(`${m.url}/papers`, { titleRu: 'Справка к заседанию' }, { name: 'a.pdf', data: tinyPdf() });
    await clerk.post(`${m.url}/agenda/${second}/remove`);
    expect(await changes(m.id)).toEqual([
      '+ Новый подвопрос',
      'Item moved up: Второй вопрос',
      'Item changed: Первый вопрос (уточнён)',
      `Rapporteur added to “Первый вопрос (уточнён)”: ${otherMember.name}`,
      'Paper added: Справка к заседанию',
      '− Второй вопрос',
    ]);

    // Each change is listed with when it was made: "2 декабря 2026 г. в 12:55: …".
    const said = (entries: string[]) => entries.map((entry) => entry.replace(/^.*?\d\d:\d\d: /, ''));
    const office = said(listUnder((await clerk.get(m.ru)).body, translate('ru', 'meetingsOffice.changesTitle')));
    expect(office).toHaveLength(6);
    expect(office).toContain('Вопрос изменён: Первый вопрос (уточнён)');
    expect(office).toContain(`По вопросу «Первый вопрос (уточнён)» добавлен докладчик: ${otherMember.name}`);
    const invitee = said(listUnder((await west.get('/kk/office/invitations')).body, translate('kk', 'meetingsOffice.changesTitle')));
    expect(invitee).toHaveLength(6);
    expect(invitee).toContain('Мәселе жоғары жылжытылды: Второй вопрос (kk)');
    expect(invitee).toContain('Құжат қосылды: Справка к заседанию');
  });
});
