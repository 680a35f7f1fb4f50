// The minutes as a Word document (A4, PT Serif embedded so that every Kazakh letter shows on a
// machine without the font); a draft carries "DRAFT" in the page header of every page.
import type { Paragraph as ParagraphType } from 'docx';
import { loadDocx } from '../../../core/lazy-modules.js';
import type { MeetingRecord } from '../record.js';
import { buildMinutesContent, loadMinutesFont, minutesFontFamily, type DecisionBlock, type MinutesLanguage, type MinutesOptions } from './minutes-content.js';

const languageTags: Record<MinutesLanguage, string> = { kk: 'kk-KZ', ru: 'ru-RU', en: 'en-GB' };
/** Half-points, as Word counts font sizes. */
const bodySize = 24;
const indentPerLevel = 567; // 1 cm in twips

export async function renderMinutesDocx(record: MeetingRecord, lang: MinutesLanguage, options: MinutesOptions): Promise<Buffer> {
  const [docx, font] = await Promise.all([loadDocx(), loadMinutesFont()]);
  const { AlignmentType, CharacterSet, Document, Header, Packer, Paragraph, TabStopType, TextRun } = docx;
  const content = buildMinutesContent(record, lang, options);

  const para = (text: string, opts: { bold?: boolean; center?: boolean; size?: number; indent?: number; before?: number; after?: number } = {}) =>
    new Paragraph({
      children: [new TextRun({ text, bold: opts.bold ?? false, ...(opts.size ? { size: opts.size } : {}) })],
      ...(opts.center ? { alignment: AlignmentType.CENTER } : { alignment: AlignmentType.BOTH }),
      ...(opts.indent ? { indent: { left: opts.indent } } : {}),
      spacing: { before: opts.before ?? 0, after: opts.after ?? 60 },
    });
  const labelled = (label: string, value: string) =>
    new Paragraph({ children: [new TextRun({ text: `${label}: `, bold: true }), new TextRun(value)], spacing: { after: 60 } });
  const label = (text: string) => para(text, { bold: true, before: 120 });
  const decision = (d: DecisionBlock, indent: number): ParagraphType[] => [
    para(d.title, { bold: true, indent }),
    ...(d.body ? [para(d.body, { indent })] : []),
    ...(d.votes ? [para(d.votes, { indent })] : []),
    ...(d.result ? [para(d.result, { indent })] : []),
  ];

  const body: ParagraphType[] = [
    para(content.organization, { bold: true, center: true }),
    para(content.title, { bold: true, center: true, size: 32, before: 240 }),
    para(content.heading, { center: true, after: 240 }),
    ...content.facts.map((f) => labelled(f.label, f.value)),
    label(`${content.present.label}:`),
    ...content.present.entries.map((name) => para(name, { indent: indentPerLevel })),
    para(content.present.quorum),
  ];
  if (content.present.absent) {
    body.push(label(`${content.present.absent.label}:`), ...content.present.absent.entries.map((name) => para(name, { indent: indentPerLevel })));
  }
  if (content.regions) {
    body.push(label(`${content.regions.label}:`), ...content.regions.entries.map((name) => para(name, { indent: indentPerLevel })));
  }
  if (content.invited) {
    body.push(label(`${content.invited.label}:`), ...content.invited.entries.map((name) => para(name, { indent: indentPerLevel })));
  }
  body.push(
    para(content.agenda.label, { bold: true, center: true, before: 240 }),
    ...content.agenda.entries.map((a) => para(`${a.number} ${a.title}`, { indent: a.depth * indentPerLevel })),
  );
  for (const item of content.items) {
    const indent = item.depth * indentPerLevel;
    body.push(para(`${item.number} ${item.title}`, { bold: true, indent, before: 240 }));
    if (item.heard) body.push(para(item.heard.label, { bold: true, indent, before: 120 }), ...item.heard.entries.map((h) => para(h, { indent })));
    if (item.spoke) {
      body.push(para(item.spoke.label, { bold: true, indent, before: 120 }));
      for (const s of item.spoke.entries) {
        body.push(new Paragraph({ children: [new TextRun({ text: s.speaker, bold: true }), new TextRun(` — ${s.text}`)], indent: { left: indent }, alignment: AlignmentType.BOTH, spacing: { after: 60 } }));
      }
    }
    if (item.decided) body.push(para(item.decided.label, { bold: true, indent, before: 120 }), ...item.decided.entries.flatMap((d) => decision(d, indent)));
  }
  if (content.otherDecisions) {
    body.push(para(content.otherDecisions.label, { bold: true, before: 240 }), ...content.otherDecisions.entries.flatMap((d) => decision(d, 0)));
  }
  // "Chair ____________ Name", the name at a right-aligned tab stop.
  body.push(
    ...content.signatures.map(
      (s, i) =>
        new Paragraph({
          children: [new TextRun({ text: s.role, bold: true }), new TextRun({ text: '\t____________________\t' }), new TextRun(s.name)],
          tabStops: [
            { type: TabStopType.LEFT, position: 4200 },
            { type: TabStopType.RIGHT, position: 9354 },
          ],
          spacing: { before: i === 0 ? 600 : 360 },
        }),
    ),
  );

  const header = content.draftMark
    ? new Header({ children: [new Paragraph({ alignment: AlignmentType.RIGHT, children: [new TextRun({ text: content.draftMark, bold: true, size: 36, color: 'C00000' })] })] })
    : undefined;

  const document = new Document({
    title: `${content.title} — ${content.organization}`,
    creator: content.organization,
    fonts: [{ name: minutesFontFamily, data: font.regular, bold: font.bold, characterSet: CharacterSet.RUSSIAN }],
    styles: { default: { document: { run: { font: minutesFontFamily, size: bodySize, language: { value: languageTags[lang] } } } } },
    sections: [
      {
        properties: { page: { size: { width: 11906, height: 16838 }, margin: { top: 1134, bottom: 1134, left: 1701, right: 851 } } },
        ...(header ? { headers: { default: header } } : {}),
        children: body,
      },
    ],
  });
  return Packer.toBuffer(document);
}
