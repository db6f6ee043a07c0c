import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { PrintedDocument } from '../../../services/documents/enforcement.ts';
import { errors } from '../../schemas.ts';
import { contentDisposition } from '../files.ts';

/** A document route answers a PDF (streamed, so never serialized) or an error. */
export const pdfResponse = { 200: z.string().meta({ description: 'The document, application/pdf', format: 'binary' }), ...errors };

/** Streams a printed document to the reply; it is shown in the browser, not saved, and never cached. */
export function sendPdf(reply: FastifyReply, d: PrintedDocument) {
  return reply
    .type('application/pdf')
    .header('content-disposition', contentDisposition({ id: 'document.pdf', name: d.fileName, mime: 'application/pdf' }))
    .header('cache-control', 'no-store')
    .header('x-content-type-options', 'nosniff')
    .send(d.stream);
}

const HOST = /^([A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*|\[[0-9A-Fa-f:.]+\])(:\d{1,5})?$/;

/**
 * The address people reach this node at, for links printed on paper (QR codes): the host the request
 * was sent to. A host that is not a plain name or address is not trusted onto paper.
 */
export function publicBase(req: FastifyRequest): string {
  const host = req.host;
  return HOST.test(host) ? `${req.protocol}://${host}` : `${req.protocol}://localhost`;
}
