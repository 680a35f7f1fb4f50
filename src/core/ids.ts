// Ids are UUIDv7, made by the app (PostgreSQL 15 has no uuidv7()); they sort by creation time.
import { v7 } from 'uuid';

export const newId = (): string => v7();

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (value: string): boolean => uuidPattern.test(value);
