// Which files a meeting's minutes consist of, their names in URLs and their content types.
import type { MinutesFormat } from './minutes.repository.js';

export interface MinutesFile {
  language: 'kk' | 'ru';
  format: MinutesFormat;
}

/** The files of a meeting's minutes: the protocol in Kazakh and Russian, and the Akoma Ntoso debate (Kazakh). */
export const minutesFiles: MinutesFile[] = [
  { language: 'kk', format: 'pdf' },
  { language: 'kk', format: 'docx' },
  { language: 'ru', format: 'pdf' },
  { language: 'ru', format: 'docx' },
  { language: 'kk', format: 'akn' },
];

export function minutesFileName(file: MinutesFile): string {
  return file.format === 'akn' ? 'akoma-ntoso.xml' : `minutes-${file.language}.${file.format}`;
}

export function parseMinutesFileName(name: string): MinutesFile | undefined {
  return minutesFiles.find((f) => minutesFileName(f) === name);
}

export const minutesContentTypes: Record<MinutesFormat, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
  akn: 'application/xml; charset=utf-8',
};

