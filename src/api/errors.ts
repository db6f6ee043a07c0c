import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { Conflict, DomainError, Forbidden, Invalid, NotFound, RateLimited, TooLarge, Unauthorized } from '../domain/errors.ts';

// By class, so that a capability's own subclasses (IllegalAlarmTransition extends Conflict) map too.
const STATUS: [new (...a: never[]) => DomainError, number][] = [
  [Invalid, 422],
  [NotFound, 404],
  [Forbidden, 403],
  [Unauthorized, 401],
  [Conflict, 409],
  [TooLarge, 413],
  [RateLimited, 429],
];

export function errorBody(code: string, message: string, details?: unknown) {
  return { error: details === undefined ? { code, message } : { code, message, details } };
}

/** Every error leaves the server in one shape: {"error": {"code", "message", "details"}}. */
export function handleError(err: FastifyError, req: FastifyRequest, reply: FastifyReply) {
  const domain: unknown = err;
  if (domain instanceof DomainError) {
    const status = STATUS.find(([cls]) => domain instanceof cls)?.[1] ?? 400;
    if (domain instanceof RateLimited) reply.header('retry-after', String(domain.retryAfterSec));
    return reply.code(status).send(errorBody(domain.code, domain.message, domain.details));
  }
  if (hasZodFastifySchemaValidationErrors(err)) {
    const where = err.validationContext ?? 'body';
    const details = err.validation.map((v) => ({
      path: [where === 'querystring' ? 'query' : where, ...String(v.instancePath).split('/').filter(Boolean)].join('.'),
      message: v.message ?? 'invalid',
    }));
    const msg = details.map((d) => `${d.path}: ${d.message}`).join('; ');
    return reply.code(400).send(errorBody('validation_failed', `Invalid request — ${msg}`, details));
  }
  if (isResponseSerializationError(err)) {
    req.log.error({ err: err.cause }, 'response did not match its schema');
    return reply.code(500).send(errorBody('internal', 'The server produced an invalid response'));
  }
  const code = err.code;
  if (code === 'FST_ERR_CTP_INVALID_JSON_BODY' || err instanceof SyntaxError) {
    return reply.code(400).send(errorBody('malformed_json', `Malformed JSON: ${err.message}`));
  }
  if (code === 'FST_ERR_CTP_BODY_TOO_LARGE') return reply.code(413).send(errorBody('too_large', 'Request body too large'));
  if (code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return reply.code(415).send(errorBody('unsupported_media_type', err.message));
  if (code === 'FST_ERR_CTP_EMPTY_JSON_BODY') return reply.code(400).send(errorBody('empty_body', 'Body is empty but Content-Type is application/json'));
  if (err.statusCode === 429) return reply.code(429).send(errorBody('rate_limited', err.message));
  if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
    return reply.code(err.statusCode).send(errorBody(code ?? 'bad_request', err.message));
  }
  req.log.error({ err }, 'unhandled error');
  return reply.code(500).send(errorBody('internal', 'Internal server error'));
}
