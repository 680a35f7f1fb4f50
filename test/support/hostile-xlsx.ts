// Hand-made XLSX files for the resource suite: a minimal workbook around a sheet (and shared strings)
// generated piece by piece, deflated as a stream, so a part that unpacks to a gigabyte costs the test
// only its packed megabyte. The zip container is written here so that its headers can lie.
import { once } from 'node:events';
import zlib from 'node:zlib';

/** Pieces of a part, generated lazily. */
export type Pieces = Iterable<string | Buffer>;

export interface PackedPart {
  name: string;
  packed: Buffer;
  crc: number;
  size: number;
  /** What the zip's headers say the part unpacks to; its real size unless the file is to lie. */
  declaredSize?: number;
}

/** Deflates the pieces as they come; only the packed bytes are kept. */
export async function pack(name: string, pieces: Pieces, level = 6): Promise<PackedPart> {
  const deflate = zlib.createDeflateRaw({ level });
  const out: Buffer[] = [];
  deflate.on('data', (chunk: Buffer) => out.push(chunk));
  const ended = once(deflate, 'end');
  let crc = 0;
  let size = 0;
  for (const piece of pieces) {
    const bytes = typeof piece === 'string' ? Buffer.from(piece) : piece;
    crc = zlib.crc32(bytes, crc);
    size += bytes.length;
    if (!deflate.write(bytes)) await once(deflate, 'drain');
  }
  deflate.end();
  await ended;
  return { name, packed: Buffer.concat(out), crc, size };
}

/** A zip of deflated parts; the local and central headers both say `declaredSize`. */
export function zip(parts: PackedPart[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const name = Buffer.from(part.name);
    const size = part.declaredSize ?? part.size;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt32LE(part.crc >>> 0, 14);
    local.writeUInt32LE(part.packed.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4); // made by
    central.writeUInt16LE(20, 6); // needed
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(part.crc >>> 0, 16);
    central.writeUInt32LE(part.packed.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, part.packed);
    centrals.push(central, name);
    offset += local.length + name.length + part.packed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const xmlHead = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const main = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const rel = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** The parts every workbook needs around its one sheet (and its shared strings, if any). */
export async function workbookParts(withSharedStrings: boolean): Promise<PackedPart[]> {
  return Promise.all([
    pack('[Content_Types].xml', [
      `${xmlHead}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">`,
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>',
      '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>',
      '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>',
      withSharedStrings ? '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>' : '',
      '</Types>',
    ]),
    pack('_rels/.rels', [`${xmlHead}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>`]),
    pack('xl/workbook.xml', [`${xmlHead}<workbook xmlns="${main}" xmlns:r="${rel}"><sheets><sheet name="Депутаты" sheetId="1" r:id="rId1"/></sheets></workbook>`]),
    pack('xl/_rels/workbook.xml.rels', [
      `${xmlHead}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rel}/worksheet" Target="worksheets/sheet1.xml"/>`,
      withSharedStrings ? `<Relationship Id="rId2" Type="${rel}/sharedStrings" Target="sharedStrings.xml"/>` : '',
      '</Relationships>',
    ]),
  ]);
}

export const sheetStart = `${xmlHead}<worksheet xmlns="${main}"><sheetData>`;
export const sheetEnd = '</sheetData></worksheet>';
const inline = (ref: string, text: string) => `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`;
/** The template's header row in Russian: family name, given name, IIN. */
export const headerRow = `<row r="1">${inline('A1', 'Фамилия')}${inline('B1', 'Имя')}${inline('C1', 'ИИН')}</row>`;
export const deputyRow = (r: number) => `<row r="${r}">${inline(`A${r}`, 'Мұқашев')}${inline(`B${r}`, 'Асқар')}<c r="C${r}" t="inlineStr"><is><t>780305300009</t></is></c></row>`;

/** The pieces of one iterable after another, as they are asked for. */
export function* chain(...parts: Pieces[]): Generator<string | Buffer> {
  for (const part of parts) yield* part;
}

/** Rows made one by one, given in blocks of about 64 KB. */
export function* rows(from: number, to: number, row: (r: number) => string): Generator<string> {
  let block = '';
  for (let r = from; r <= to; r++) {
    block += row(r);
    if (block.length >= 64 * 1024) {
      yield block;
      block = '';
    }
  }
  if (block) yield block;
}

/** Repeats one piece until `bytes` are given, in blocks of about 1 MB. */
export function* repeat(piece: string, bytes: number): Generator<Buffer> {
  const block = Buffer.from(piece.repeat(Math.max(1, Math.floor((1024 * 1024) / Buffer.byteLength(piece)))));
  for (let given = 0; given < bytes; given += block.length) yield block;
}

/** A workbook whose one sheet is the given pieces (between the sheet's start and end tags). */
export async function workbook(sheetRows: Pieces, options: { sharedStrings?: Pieces; declaredSheetSize?: number; level?: number } = {}): Promise<Buffer> {
  const sheet = await pack('xl/worksheets/sheet1.xml', chain([sheetStart], sheetRows, [sheetEnd]), options.level);
  if (options.declaredSheetSize !== undefined) sheet.declaredSize = options.declaredSheetSize;
  const strings = options.sharedStrings ? [await pack('xl/sharedStrings.xml', options.sharedStrings, options.level)] : [];
  return zip([...(await workbookParts(strings.length > 0)), sheet, ...strings]);
}
