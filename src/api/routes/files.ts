import fs from 'node:fs';
import { z } from 'zod';
import type { FileService } from '../../services/files.ts';
import { MAX_FILE_BYTES } from '../../services/files.ts';
import type { App } from '../app.ts';
import { who } from '../auth.ts';
import { errors, idParam } from '../schemas.ts';

const fileSchema = z.object({ id: z.string(), sha256: z.string(), size: z.number(), mime: z.string(), name: z.string().nullable(), region: z.string(), enterprise: z.string().nullable(), createdAt: z.number() }).meta({ id: 'File' });

/** Shown in the browser: what it renders itself and cannot run. Anything else is saved. */
const INLINE = /^(image\/(jpeg|png|webp)|application\/pdf|video\/mp4)$/;

/**
 * A Content-Disposition no stored name can break out of: an ASCII fallback with everything else
 * replaced, and the full name percent-encoded (RFC 6266, RFC 8187).
 */
export function contentDisposition(meta: { id: string; name: string | null; mime: string }): string {
  const kind = INLINE.test(meta.mime) ? 'inline' : 'attachment';
  if (!meta.name) return `${kind}; filename="${meta.id}"`;
  const name = meta.name.replace(/[\u0000-\u001f\u007f"\\]/g, '_');
  const ascii = name.replace(/[^A-Za-z0-9._ ()-]/g, '_');
  const utf8 = encodeURIComponent(name).replace(/['()*!]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${utf8}`;
}

export function fileRoutes(app: App, files: FileService) {
  // Uploads are the raw bytes with their own Content-Type (a photo from the field app, a PDF).
  app.addContentTypeParser(/^(image|video)\/.*|^application\/(pdf|octet-stream|vnd\..*)$|^text\/csv/, { parseAs: 'buffer', bodyLimit: MAX_FILE_BYTES }, (_req, body, done) => done(null, body));

  app.post(
    '/api/v1/files',
    {
      bodyLimit: MAX_FILE_BYTES,
      schema: {
        tags: ['files'],
        summary: 'Upload a file (photo, evidence, document) as the raw body; it belongs to a site or enterprise',
        querystring: z.strictObject({ site: z.string().max(100).optional(), enterprise: z.string().max(64).optional(), name: z.string().max(200).optional() }),
        response: { 201: fileSchema, ...errors },
      },
    },
    async (req, reply) => {
      const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      return reply.code(201).send(await files.put(who(req), body, req.headers['content-type'] ?? 'application/octet-stream', req.query.name ?? null, req.query));
    },
  );

  app.get('/api/v1/files/:id', { schema: { tags: ['files'], summary: 'Download a file', params: idParam } }, async (req, reply) => {
    const f = await files.get(who(req), req.params.id);
    reply.header('content-type', f.meta.mime).header('etag', `"${f.meta.sha256}"`).header('cache-control', 'private, max-age=31536000, immutable');
    reply.header('content-disposition', contentDisposition(f.meta)).header('x-content-type-options', 'nosniff');
    return reply.send(fs.createReadStream(f.path));
  });

  app.get('/api/v1/files/:id/meta', { schema: { tags: ['files'], params: idParam, response: { 200: fileSchema, ...errors } } }, async (req) => (await files.get(who(req), req.params.id)).meta);
}
