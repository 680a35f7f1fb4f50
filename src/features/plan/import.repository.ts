// The plan import's stored uploads: kept in `import_upload` (kind 'plan') between the check and the
// apply, like the deputies' (whose rows are kind 'deputies'), so the apply reads what the server
// checked and works the same on several instances. Deleted when applied; a day old, at the next upload.
import type { Executor } from '../../core/db/query.js';

const kind = 'plan';

export async function saveUpload(db: Executor, id: string, value: unknown): Promise<void> {
  await db.insertInto('import_upload').values({ id, kind, payload: JSON.stringify(value) }).execute();
}

/** The stored upload; `lock` holds it until the transaction ends, so an upload is applied once. */
export async function findUpload(db: Executor, id: string, lock = false): Promise<unknown> {
  let query = db.selectFrom('import_upload').select('payload').where('id', '=', id).where('kind', '=', kind);
  if (lock) query = query.forUpdate();
  return (await query.executeTakeFirst())?.payload;
}

export async function deleteUpload(db: Executor, id: string): Promise<void> {
  await db.deleteFrom('import_upload').where('id', '=', id).where('kind', '=', kind).execute();
}

export async function deleteUploadsBefore(db: Executor, before: Date): Promise<void> {
  await db.deleteFrom('import_upload').where('kind', '=', kind).where('created_at', '<', before).execute();
}

