import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { HeraldError } from './herald-error';

/** Fastify's own error codes for bad input, mapped to Herald's stable codes. */
const fastifyCodes: Record<string, { code: string; status: number; message: string }> = {
  FST_ERR_CTP_INVALID_JSON_BODY: {
    code: 'HERALD_ERR_MALFORMED_BODY',
    status: 400,
    message: 'The request body is not valid JSON.',
  },
  FST_ERR_CTP_EMPTY_JSON_BODY: {
    code: 'HERALD_ERR_MALFORMED_BODY',
    status: 400,
    message: 'The request body is empty but JSON was declared.',
  },
  FST_ERR_CTP_BODY_TOO_LARGE: {
    code: 'HERALD_ERR_BODY_TOO_LARGE',
    status: 413,
    message: 'The request body is larger than this endpoint accepts.',
  },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    code: 'HERALD_ERR_UNSUPPORTED_MEDIA_TYPE',
    status: 415,
    message: 'This content type is not accepted here.',
  },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
    code: 'HERALD_ERR_MALFORMED_BODY',
    status: 400,
    message: 'The Content-Length header does not match the body.',
  },
};

/** One error handler for the whole app: 4xx show their message, 5xx a generic one and are logged. */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof HeraldError) {
      return reply
        .status(error.statusCode)
        .send({ error: { code: error.code, message: error.message, details: error.details } });
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const issues = error.validation.map((v) => ({ path: v.instancePath, message: v.message }));
      return reply.status(400).send({
        error: {
          code: 'HERALD_ERR_VALIDATION',
          message:
            `The ${error.validationContext ?? 'request'} is not valid: ${issues[0]?.path || '/'} ${issues[0]?.message ?? ''}`.trim(),
          details: { issues },
        },
      });
    }
    const mapped = error.code ? fastifyCodes[error.code] : undefined;
    if (mapped) return reply.status(mapped.status).send({ error: { code: mapped.code, message: mapped.message } });
    if (error.statusCode === 429) {
      return reply
        .status(429)
        .send({ error: { code: 'HERALD_ERR_RATE_LIMITED', message: 'Too many requests; retry later.' } });
    }
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return reply.status(error.statusCode).send({ error: { code: 'HERALD_ERR_BAD_REQUEST', message: error.message } });
    }
    request.log.error({ err: error }, 'unexpected error');
    return reply.status(500).send({
      error: { code: 'HERALD_ERR_INTERNAL', message: 'Something went wrong on our side; it has been logged.' },
    });
  });

  app.setNotFoundHandler((request, reply) => {
    reply.status(404).send({
      error: {
        code: 'HERALD_ERR_ROUTE_NOT_FOUND',
        message: `No route ${request.method} ${request.url.split('?')[0]}.`,
      },
    });
  });
}
