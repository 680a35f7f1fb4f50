// A paper's kind and size beside its link, on the office pages and the public meeting page.
import { usePage } from '../../../core/html/page-context.js';

const paperTypeNames: Record<string, string> = {
  'application/pdf': 'PDF',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'DOCX',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'XLSX',
  'application/vnd.oasis.opendocument.text': 'ODT',
};

/** "PDF, 120 KB": the kind and size of a paper, so a reader on a slow line knows what comes. */
export function PaperFacts({ paper }: { paper: { contentType: string; byteSize: number } }) {
  const { t, number } = usePage();
  const size = paper.byteSize >= 1024 * 1024 ? t('papers.sizeMb', { size: number(Math.round((paper.byteSize / 1024 / 1024) * 10) / 10) }) : t('papers.sizeKb', { size: number(Math.max(1, Math.ceil(paper.byteSize / 1024))) });
  return (
    <span class="hint">
      {' '}
      ({paperTypeNames[paper.contentType] ?? paper.contentType}, {size})
    </span>
  );
}
