import { uuidv7 } from 'uuidv7';
import { Invalid } from '../../domain/errors.ts';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

/**
 * A record made in the field carries the id its device gave it, so that sending it twice makes one
 * record. The id must be a UUIDv7: time-ordered like ours, and unlikely to collide.
 */
export function recordId(clientId: string | undefined): string {
  if (clientId === undefined) return uuidv7();
  if (!UUID_V7.test(clientId)) throw new Invalid('id must be a UUIDv7 made by the client', [{ path: 'id', message: 'not a UUIDv7' }]);
  return clientId.toLowerCase();
}

/**
 * A UUIDv7-shaped id derived from a seed (a check's item, an alarm): a record made from the same
 * thing twice — a retried request, two people at once — is one record.
 */
export function derivedId(seed: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (let i = 0; i < seed.length; i++) {
    h1 = Math.imul(h1 ^ seed.charCodeAt(i), 16777619) >>> 0;
    h2 = Math.imul(h2 ^ seed.charCodeAt(i), 2246822519) >>> 0;
  }
  const hex = (n: number) => n.toString(16).padStart(8, '0');
  const a = hex(h1) + hex(h2) + hex(Math.imul(h1, 31) >>> 0) + hex(Math.imul(h2 ^ h1, 0x9e3779b1) >>> 0);
  return `${a.slice(0, 8)}-${a.slice(8, 12)}-7${a.slice(13, 16)}-8${a.slice(17, 20)}-${a.slice(20, 32)}`;
}
