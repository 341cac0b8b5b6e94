/** Bearer-token checks shared by the gRPC service and the WebSocket gateway. */
import { timingSafeEqual } from 'node:crypto';

/** True when `header` is `Bearer <token>` (or no token is required). */
export function bearerMatches(token: string | undefined, header: string | undefined | null): boolean {
  if (!token) return true;
  if (typeof header !== 'string') return false;
  const m = /^Bearer\s+(.+)$/i.exec(header.trim());
  if (!m) return false;
  const a = Buffer.from(m[1]);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}
