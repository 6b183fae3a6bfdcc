import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../deps';
import { testSendRoutes as contract } from '../contracts/index';
import { requireCaller } from '../plugins/auth.plugin';
import { testSend } from '../services/test-send.service';
import { serve } from './contract-route';

/** /api/test-sends: a message as composed, to the member's own contact or a chosen test contact. */
export const testSendRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  serve(app, contract.send, { permission: 'write', tag: 'test sends' }, async (request) =>
    testSend(deps, requireCaller(request), request.body),
  );
};
