import { existsSync } from 'node:fs';
import type { FastifyPluginAsync } from 'fastify';
import fastifyStatic from '@fastify/static';

/** Serves the built editor, with index.html for client-side routes. */
export const editorRoutes: FastifyPluginAsync<{ dir: string }> = async (app, { dir }) => {
  if (!existsSync(dir)) {
    app.get('/', async (_request, reply) => reply.type('text/html').send('<!doctype html><p>The editor is not built yet: run <code>pnpm --filter @herald/editor build</code>.</p>'));
    return;
  }
  await app.register(fastifyStatic, { root: dir, wildcard: false });
  app.get('/*', async (request, reply) => {
    if (request.url.startsWith('/api/') || request.url.startsWith('/webhooks/')) return reply.callNotFound();
    return reply.sendFile('index.html');
  });
};
