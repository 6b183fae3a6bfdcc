import type { FastifyInstance } from 'fastify';
import type { SandboxContext } from '../context';

/**
 * A generic chat platform (messenger, web chat…): broadcast text to chat/dialog numbers.
 * `POST /chat/v1/broadcast` `{ numbers: string[], text: string, dedupKey?: string }` with `Authorization: Bearer …`
 * → `{ results: [{ number, ok, messageId?, error? }] }`; anything but text is a 400.
 */
export async function chatRoutes(app: FastifyInstance, ctx: SandboxContext): Promise<void> {
  const sent = new Map<string, string>();
  app.addHook('onRequest', async (request, reply) => {
    await ctx.faults.apply('chat', request, reply);
  });
  app.post<{ Body: { numbers?: unknown; text?: unknown; type?: unknown; dedupKey?: unknown } }>(
    '/chat/v1/broadcast',
    async (request, reply) => {
      const token = request.headers.authorization?.replace(/^Bearer /, '');
      if (!token) return reply.status(401).send({ error: 'missing bearer token' });
      const { numbers, text, type, dedupKey } = request.body ?? {};
      if ((type !== undefined && type !== 'text') || typeof text !== 'string' || text === '')
        return reply.status(400).send({ error: 'text only: body needs a non-empty "text"' });
      if (!Array.isArray(numbers) || numbers.length === 0 || numbers.length > 1000)
        return reply.status(400).send({ error: '"numbers" must list 1 to 1000 chat numbers' });
      const results = numbers.map((number: unknown) => {
        if (typeof number !== 'string' || !/^[0-9A-Za-z+_-]{1,64}$/.test(number))
          return { number, ok: false, error: 'invalid_number' };
        // A resend with the same dedupKey reaches no number twice: the first message id is answered again.
        const key = typeof dedupKey === 'string' && dedupKey ? `${token}|${dedupKey}|${number}` : undefined;
        const earlier = key ? sent.get(key) : undefined;
        if (earlier) {
          ctx.store.drop({
            channel: 'chat',
            method: 'broadcast',
            account: token.slice(0, 12),
            recipient: number,
            content: text,
            reason: 'dedup',
          });
          return { number, ok: true, messageId: earlier };
        }
        const messageId = ctx.nextId('chat');
        ctx.store.add({
          channel: 'chat',
          method: 'broadcast',
          account: token.slice(0, 12),
          recipient: number,
          content: text,
          providerMessageId: messageId,
        });
        if (key) sent.set(key, messageId);
        return { number, ok: true, messageId };
      });
      return { results };
    },
  );
}
