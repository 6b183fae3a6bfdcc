import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { SandboxContext } from './context';

/** A webhook receiver: keeps every POST or PUT to /hooks/* with its method, headers and signature. */
export async function hookRoutes(app: FastifyInstance, ctx: SandboxContext): Promise<void> {
  app.addHook('onRequest', async (request, reply) => {
    await ctx.faults.apply('webhook', request, reply);
  });
  const receive = async (request: FastifyRequest) => {
    const id = ctx.nextId('hook');
    const recipient = String((request.body as { contactId?: unknown } | undefined)?.contactId ?? request.url);
    // The caller's own headers (x-…) beside the signature, and the body as signed (JSON keeps its key order).
    const own = Object.fromEntries(
      Object.entries(request.headers).filter(([k]) => k.startsWith('x-') && !k.startsWith('x-herald-')),
    );
    ctx.store.add({
      channel: 'webhook',
      method: 'post',
      account: request.url,
      recipient,
      content: JSON.stringify({
        method: request.method,
        headers: {
          ...own,
          signature: request.headers['x-herald-signature'],
          timestamp: request.headers['x-herald-timestamp'],
        },
        body: request.body,
        raw: JSON.stringify(request.body),
      }),
      providerMessageId: id,
    });
    return { ok: true, id };
  };
  app.post('/hooks/*', receive);
  app.put('/hooks/*', receive);
}
