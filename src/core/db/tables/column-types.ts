// Column types shared by the table definitions: how a column reads and is written through Kysely.
import type { ColumnType } from 'kysely';

/** A `date` column: always 'YYYY-MM-DD' strings (see value-types.ts). */
export type DateString = string;
export type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
export type Json<T> = ColumnType<T, T | string, T | string>;
/** A timestamp that starts empty and may be set later. */
export type LaterTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
