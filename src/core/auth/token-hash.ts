// The one way a secret token (session cookie, API token, invitation or reset link) is kept in the
// database: its SHA-256, so a leaked table lets nobody sign in.
import { createHash } from 'node:crypto';

export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');
