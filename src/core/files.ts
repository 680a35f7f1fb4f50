// Files stored by content hash under the data directory (an object-store adapter can replace this).
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';

export interface FileStore {
  /** Stores the bytes and returns their name: the SHA-256 and the extension. Storing twice is harmless. */
  put(bytes: Buffer, extension: string): Promise<string>;
  read(name: string): Promise<Buffer | undefined>;
}

const namePattern = /^[0-9a-f]{64}\.[a-z0-9]{1,5}$/;

export function createFileStore(root: string): FileStore {
  const where = (name: string) => path.join(root, name.slice(0, 2), name);
  return {
    async put(bytes, extension) {
      const name = `${createHash('sha256').update(bytes).digest('hex')}.${extension}`;
      const file = where(name);
      await mkdir(path.dirname(file), { recursive: true });
      // Write then rename, so a reader never sees half a file.
      const temporary = `${file}.${process.pid}.tmp`;
      await writeFile(temporary, bytes);
      await rename(temporary, file);
      return name;
    },
    async read(name) {
      if (!namePattern.test(name)) return undefined;
      try {
        return await readFile(where(name));
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw err;
      }
    },
  };
}
