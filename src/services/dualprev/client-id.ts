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
