import { existsSync, statSync } from 'node:fs';
import { join, normalize } from 'node:path';
import type { FastifyPluginAsync } from 'fastify';
import fastifyStatic from '@fastify/static';

/** Serves the built editor, with index.html for client-side routes. */
export const editorRoutes: FastifyPluginAsync<{ dir: string }> = async (app, { dir }) => {
  if (!existsSync(dir)) {
    app.get('/', async (_request, reply) =>
      reply
        .type('text/html')
        .send(
          '<!doctype html><p>The editor is not built yet: run <code>pnpm --filter @herald/editor build</code>.</p>',
        ),
    );
    return;
  }
  await app.register(fastifyStatic, { root: dir, wildcard: false });
  app.get('/*', async (request, reply) => {
    if (request.url.startsWith('/api/') || request.url.startsWith('/webhooks/')) return reply.callNotFound();
    // Files built after start (a rebuilt bundle) are served too; anything else is a client route.
    let raw = request.url.split('?')[0]!;
    try {
      raw = decodeURIComponent(raw);
    } catch {
      return reply.sendFile('index.html');
    }
    const path = normalize(raw).replace(/^(\.\.[/\\])+/, '');
    const file = join(dir, path);
    if (file.startsWith(dir) && /\.[a-z0-9]+$/i.test(path) && existsSync(file) && statSync(file).isFile())
      return reply.sendFile(path.replace(/^\//, ''));
    return reply.sendFile('index.html');
  });
};
