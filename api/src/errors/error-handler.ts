import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { HeraldError } from './herald-error';

/** Fastify's own error codes for bad input, as Herald's errors. */
const fastifyErrors: Record<string, () => HeraldError> = {
  FST_ERR_CTP_INVALID_JSON_BODY: () => HeraldError.of('HERALD_ERR_MALFORMED_BODY', { problem: 'it is not valid JSON' }),
  FST_ERR_CTP_EMPTY_JSON_BODY: () =>
    HeraldError.of('HERALD_ERR_MALFORMED_BODY', { problem: 'it is empty but JSON was declared' }),
  FST_ERR_CTP_BODY_TOO_LARGE: () => HeraldError.of('HERALD_ERR_BODY_TOO_LARGE', {}),
  FST_ERR_CTP_INVALID_MEDIA_TYPE: () =>
    HeraldError.of('HERALD_ERR_UNSUPPORTED_MEDIA_TYPE', { expected: 'see the API documentation at /docs' }),
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: () =>
    HeraldError.of('HERALD_ERR_MALFORMED_BODY', { problem: 'the Content-Length header does not match it' }),
};

interface BranchIssue {
  path: (string | number)[];
  message: string;
  code?: string;
  errors?: BranchIssue[][];
}

const missing = (message: string) => /received undefined$/.test(message);

/**
 * A failed union (a body that may be one thing or another, like one event or `{events: [...]}`) as the
 * problems of the branch the value came closest to, not zod's "Invalid input" for the whole: the branch
 * whose first problem lies deepest (it matched the most of the value's shape), and on a tie the one whose
 * problem is a value given but wrong rather than a field missing; then the first listed. Nested unions
 * resolve the same way. Paths are given from the body's root, as /a/b; a missing field "is required".
 */
export function unionBranch(
  path: string,
  keyword: string,
  message: string,
  errors: unknown,
): Array<{ path: string; message: string }> {
  const branches = errors as BranchIssue[][] | undefined;
  if (keyword !== 'invalid_union' || !Array.isArray(branches) || branches.length === 0) {
    // zod's "Invalid input: expected string, received undefined" is a field that is missing.
    return [{ path, message: missing(message) ? 'is required' : message || 'is not valid' }];
  }
  const depth = (b: BranchIssue[]) => Math.max(...b.map((i) => i.path.length));
  const given = (b: BranchIssue[]) => (b.some((i) => !missing(i.message)) ? 1 : 0);
  const best = branches
    .filter((b) => b.length > 0)
    .reduce((a, b) => (depth(b) > depth(a) || (depth(b) === depth(a) && given(b) > given(a)) ? b : a));
  const base = path === '/' ? '' : path;
  return best.flatMap((i) => unionBranch(`${base}/${i.path.join('/')}`, i.code ?? '', i.message, i.errors));
}

/** Answers with an error's code, message and details (the one shape of every error answer). */
export function sendError(reply: FastifyReply, error: HeraldError): FastifyReply {
  return reply
    .status(error.statusCode)
    .send({ error: { code: error.code, message: error.message, details: error.details } });
}

/** One error handler for the whole app: 4xx show their message, 5xx a generic one and are logged. */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof HeraldError) return sendError(reply, error);
    if (hasZodFastifySchemaValidationErrors(error)) {
      const issues = error.validation.flatMap((v) =>
        unionBranch(v.instancePath, v.keyword, v.message ?? '', v.params.errors),
      );
      const problem = `${issues[0]?.path || '/'} ${issues[0]?.message ?? ''}`.trim();
      const what = `The ${error.validationContext ?? 'request'}`;
      return sendError(reply, HeraldError.of('HERALD_ERR_VALIDATION', { what, problem }, { issues }));
    }
    const mapped = error.code ? fastifyErrors[error.code] : undefined;
    if (mapped) return sendError(reply, mapped());
    if (error.statusCode === 429) return sendError(reply, HeraldError.of('HERALD_ERR_RATE_LIMITED', {}));
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      const refused = HeraldError.of('HERALD_ERR_BAD_REQUEST', { problem: error.message });
      return sendError(reply, new HeraldError(refused.code, error.statusCode, refused.message));
    }
    request.log.error({ err: error }, 'unexpected error');
    return sendError(reply, HeraldError.of('HERALD_ERR_INTERNAL', {}));
  });

  app.setNotFoundHandler((request, reply) =>
    sendError(
      reply,
      HeraldError.of('HERALD_ERR_ROUTE_NOT_FOUND', { method: request.method, path: request.url.split('?')[0] ?? '/' }),
    ),
  );
}
