// The minutes as a PDF (A4, PT Serif embedded and subset, text extractable); a draft carries a
// diagonal "DRAFT" watermark on every page.
import { loadPdfKit } from '../../../core/lazy-modules.js';
import type { MeetingRecord } from '../record.js';
import { buildMinutesContent, loadMinutesFont, type DecisionBlock, type MinutesLanguage, type MinutesOptions } from './minutes-content.js';

const regular = 'PTSerif';
const bold = 'PTSerif-Bold';
const bodySize = 12;
const indentPerLevel = 28; // 1 cm in points
/** Points: 2 cm above and below, 3 cm left (for binding), 1.5 cm right. */
const margins = { top: 57, bottom: 57, left: 85, right: 42 };

/** A pale diagonal mark over every page, drawn once the text is laid out (so it never moves it). */
function watermark(doc: PDFKit.PDFDocument, mark: string): void {
  const pages = doc.bufferedPageRange();
  for (let i = pages.start; i < pages.start + pages.count; i++) {
    doc.switchToPage(i);
    const { width: w, height: h } = doc.page;
    doc.save().rotate(-45, { origin: [w / 2, h / 2] }).font(bold).fontSize(110).fillColor('#c00000').fillOpacity(0.12);
    doc.text(mark, 0, h / 2 - 60, { width: w, align: 'center', lineBreak: false });
    doc.restore();
  }
}

export async function renderMinutesPdf(record: MeetingRecord, lang: MinutesLanguage, options: MinutesOptions): Promise<Buffer> {
  const [PDFDocument, font] = await Promise.all([loadPdfKit(), loadMinutesFont()]);
  const content = buildMinutesContent(record, lang, options);
  const doc = new PDFDocument({
    size: 'A4',
    margins,
    bufferPages: true,
    lang,
    displayTitle: true,
    info: { Title: `${content.title} — ${content.organization}`, Author: content.organization, Creator: 'Kenes' },
  });
  const done = new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont(regular, font.regular);
  doc.registerFont(bold, font.bold);

  const left = margins.left;
  const width = () => doc.page.width - margins.left - margins.right;

  const line = (text: string, opts: { bold?: boolean; center?: boolean; size?: number; indent?: number; gap?: number } = {}) => {
    if (opts.gap) doc.moveDown(opts.gap);
    const indent = opts.indent ?? 0;
    doc
      .font(opts.bold ? bold : regular)
      .fontSize(opts.size ?? bodySize)
      .text(text, left + indent, doc.y, { width: width() - indent, align: opts.center ? 'center' : opts.bold ? 'left' : 'justify', paragraphGap: 3 });
  };
  const labelled = (label: string, value: string, indent = 0) => {
    doc.font(bold).fontSize(bodySize).text(label, left + indent, doc.y, { continued: true, width: width() - indent, align: 'left' });
    doc.font(regular).text(value, { paragraphGap: 3 });
  };
  const decision = (d: DecisionBlock, indent: number) => {
    line(d.title, { bold: true, indent });
    if (d.body) line(d.body, { indent });
    if (d.votes) line(d.votes, { indent });
    if (d.result) line(d.result, { indent });
  };

  line(content.organization, { bold: true, center: true });
  line(content.title, { bold: true, center: true, size: 16, gap: 1 });
  line(content.heading, { center: true });
  doc.moveDown(1);
  for (const f of content.facts) labelled(`${f.label}: `, f.value);
  line(`${content.present.label}:`, { bold: true, gap: 0.5 });
  for (const name of content.present.entries) line(name, { indent: indentPerLevel });
  line(content.present.quorum);
  if (content.present.absent) {
    line(`${content.present.absent.label}:`, { bold: true, gap: 0.5 });
    for (const name of content.present.absent.entries) line(name, { indent: indentPerLevel });
  }
  if (content.regions) {
    line(`${content.regions.label}:`, { bold: true, gap: 0.5 });
    for (const name of content.regions.entries) line(name, { indent: indentPerLevel });
  }
  if (content.invited) {
    line(`${content.invited.label}:`, { bold: true, gap: 0.5 });
    for (const name of content.invited.entries) line(name, { indent: indentPerLevel });
  }
  line(content.agenda.label, { bold: true, center: true, gap: 1 });
  for (const a of content.agenda.entries) line(`${a.number} ${a.title}`, { indent: a.depth * indentPerLevel });

  for (const item of content.items) {
    const indent = item.depth * indentPerLevel;
    line(`${item.number} ${item.title}`, { bold: true, indent, gap: 1 });
    if (item.heard) {
      line(item.heard.label, { bold: true, indent, gap: 0.3 });
      for (const h of item.heard.entries) line(h, { indent });
    }
    if (item.spoke) {
      line(item.spoke.label, { bold: true, indent, gap: 0.3 });
      for (const s of item.spoke.entries) labelled(s.speaker, ` — ${s.text}`, indent);
    }
    if (item.decided) {
      line(item.decided.label, { bold: true, indent, gap: 0.3 });
      for (const d of item.decided.entries) decision(d, indent);
    }
  }
  if (content.otherDecisions) {
    line(content.otherDecisions.label, { bold: true, gap: 1 });
    for (const d of content.otherDecisions.entries) decision(d, 0);
  }

  doc.moveDown(2);
  for (const s of content.signatures) {
    // Keep each signature line whole: start a new page rather than split it.
    if (doc.y + 3 * bodySize > doc.page.height - margins.bottom) doc.addPage();
    const y = doc.y;
    doc.font(bold).fontSize(bodySize).text(s.role, left, y, { width: width() * 0.45, lineBreak: false });
    doc.font(regular).text('____________________', left + width() * 0.45, y, { width: width() * 0.3, lineBreak: false });
    doc.text(s.name, left + width() * 0.75, y, { width: width() * 0.25, align: 'right' });
    doc.x = left;
    doc.moveDown(1.5);
  }

  if (content.draftMark) watermark(doc, content.draftMark);
  doc.end();
  return done;
}
