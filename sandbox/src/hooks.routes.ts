import type { FastifyInstance } from 'fastify';
import type { SandboxContext } from './context';

/** A webhook receiver: keeps every POST to /hooks/* with its signature headers. */
export async function hookRoutes(app: FastifyInstance, ctx: SandboxContext): Promise<void> {
  app.addHook('onRequest', async (request, reply) => {
    await ctx.faults.apply('webhook', request, reply);
  });
  app.post('/hooks/*', async (request) => {
    const id = ctx.nextId('hook');
    const recipient = String((request.body as { contactId?: unknown } | undefined)?.contactId ?? request.url);
    ctx.store.add({
      channel: 'webhook',
      method: 'post',
      account: request.url,
      recipient,
      content: JSON.stringify({
        headers: { signature: request.headers['x-herald-signature'], timestamp: request.headers['x-herald-timestamp'] },
        body: request.body,
      }),
      providerMessageId: id,
    });
    return { ok: true, id };
  });
}
