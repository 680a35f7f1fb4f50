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

/** The file store's directory under a data directory (KENES_DATA_DIR/files). */
export const fileStoreDir = (dataDir: string): string => path.join(dataDir, 'files');

/** Whether a name is one the store gives out ('<sha256>.<ext>'): safe to join to a path. */
export const isStoredFileName = (name: string): boolean => namePattern.test(name);

/** Where the store under `root` keeps a file (backups stream files in and out by this path). */
export const storedFilePath = (root: string, name: string): string => path.join(root, name.slice(0, 2), name);

export function createFileStore(root: string): FileStore {
  const where = (name: string) => storedFilePath(root, name);
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
