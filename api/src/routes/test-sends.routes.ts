import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../deps';
import { errors, testSendRoutes as contract } from '../contracts/index';
import { requireCaller } from '../plugins/auth.plugin';
import { testSend } from '../services/test-send.service';

/** /api/test-sends: a message as composed, to the member's own contact or a chosen test contact. */
export const testSendRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  app.post(
    contract.send.path,
    {
      config: { permission: 'write' },
      schema: { tags: ['test sends'], body: contract.send.body, response: { 200: contract.send.response, ...errors } },
    },
    async (request) => testSend(deps, requireCaller(request), request.body),
  );
};
