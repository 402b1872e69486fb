/**
 * One place where errors become HTTP answers: domain codes through the table in domain/errors.ts,
 * schema failures as 400 naming the field, framework errors (bad JSON, body too large) as their 4xx,
 * database outages as 503, and anything else as a logged 500 without internals.
 */
import type { FastifyError, FastifyInstance } from 'fastify';
import { DomainError, ERROR_CODES } from '../domain/errors.ts';
import { VISIBLE_TEXT_PATTERN } from './schema-helpers.ts';
import { DATE_TIME_MESSAGE } from './validation.ts';

function fieldFromValidation(e: FastifyError): string | undefined {
  const v = e.validation?.[0];
  if (!v) return undefined;
  const path = (v.instancePath || '').split('/').filter(Boolean);
  const params = v.params as Record<string, unknown>;
  if (v.keyword === 'required' && typeof params.missingProperty === 'string') path.push(params.missingProperty);
  if (v.keyword === 'additionalProperties' && typeof params.additionalProperty === 'string') path.push(params.additionalProperty);
  return (
    path
      .map((p) => (/^\d+$/.test(p) ? `[${p}]` : p))
      .join('.')
      .replace(/\.\[/g, '[') || undefined
  );
}

const DB_DOWN = new Set(['ECONNREFUSED', 'ECONNRESET', '57P01', '57P02', '57P03', '08006', '08001', '08003', 'ETIMEDOUT']);

function isDatabaseUnavailable(err: unknown): boolean {
  const e = err as { code?: string; message?: string };
  if (e?.code && DB_DOWN.has(e.code)) return true;
  return /Connection terminated|connect ECONNREFUSED|timeout exceeded when trying to connect|Client has encountered a connection error/i.test(
    e?.message ?? '',
  );
}

export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, request, reply) => {
    if (err instanceof DomainError) {
      const status = ERROR_CODES[err.code];
      return reply.code(status).send({ error: { code: err.code, message: err.message, ...err.details } });
    }
    if (err.validation) {
      const field = fieldFromValidation(err);
      const v = err.validation[0];
      let message = err.message.replace(/^(body|querystring|params|headers)\/?/, '').replace(/^\//, '');
      if (v?.keyword === 'additionalProperties') message = `unknown field '${field}'`;
      else if (v?.keyword === 'required') message = `${field} is required`;
      else if (field) message = `${field} ${v?.message ?? 'is invalid'}`;
      if (field && v?.keyword === 'pattern' && (v.params as { pattern?: string }).pattern === VISIBLE_TEXT_PATTERN) {
        message = `${field} must contain a visible character, not only spaces or zero-width characters`;
      }
      if (field && v?.keyword === 'format' && (v.params as { format?: string }).format === 'date-time')
        message = `${field} ${DATE_TIME_MESSAGE}`;
      if (v?.keyword === 'enum') message += `: ${(v.params as { allowedValues?: unknown[] }).allowedValues?.join(', ')}`;
      return reply.code(400).send({ error: { code: 'VALIDATION', message, ...(field ? { field } : {}) } });
    }
    if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return reply.code(413).send({ error: { code: 'PAYLOAD_TOO_LARGE', message: 'request body is too large' } });
    }
    if (err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
      return reply.code(415).send({ error: { code: 'UNSUPPORTED_MEDIA_TYPE', message: 'send JSON with Content-Type: application/json' } });
    }
    if (
      err.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' ||
      err.code === 'FST_ERR_CTP_INVALID_CONTENT_LENGTH' ||
      (err.statusCode === 400 && err instanceof SyntaxError)
    ) {
      return reply.code(400).send({ error: { code: 'BAD_JSON', message: `the request body is not valid JSON: ${err.message}` } });
    }
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      return reply.code(err.statusCode).send({ error: { code: err.code ?? 'BAD_REQUEST', message: err.message } });
    }
    // PostgreSQL refuses NUL characters and malformed text in text and jsonb: that is the client's input.
    if ((err as { code?: string }).code === '22021' || (err as { code?: string }).code === '22P05') {
      return reply
        .code(400)
        .send({ error: { code: 'VALIDATION', message: 'text must not contain NUL characters or invalid byte sequences' } });
    }
    if (isDatabaseUnavailable(err)) {
      request.log.warn({ err }, 'database unavailable');
      return reply
        .code(503)
        .header('retry-after', '2')
        .send({ error: { code: 'UNAVAILABLE', message: 'the database is unavailable; try again shortly' } });
    }
    request.log.error({ err }, 'unhandled error');
    return reply.code(500).send({ error: { code: 'INTERNAL', message: 'internal error' } });
  });
}
