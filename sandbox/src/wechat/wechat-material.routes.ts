import type { FastifyInstance } from 'fastify';
import type { SandboxContext } from '../context';

/** One permanent material the sandbox holds, as the platform would. */
export interface WechatMaterial {
  mediaId: string;
  account: string;
  type: string;
  filename: string;
  contentType: string;
  bytes: Buffer;
  title?: string;
  introduction?: string;
}

/** The platform's documented size limits for permanent materials, in bytes. */
const limits: Record<string, { max: number; errcode: number; errmsg: string }> = {
  image: { max: 10 * 1024 * 1024, errcode: 40009, errmsg: 'invalid image size' },
  voice: { max: 2 * 1024 * 1024, errcode: 40010, errmsg: 'invalid voice size' },
  video: { max: 10 * 1024 * 1024, errcode: 40011, errmsg: 'invalid video size' },
  thumb: { max: 64 * 1024, errcode: 40012, errmsg: 'invalid thumb size' },
};

interface Part {
  name: string;
  filename?: string;
  contentType?: string;
  data: Buffer;
}

/** Splits a multipart/form-data body into its parts (enough of RFC 7578 for a sandbox). */
export function parseMultipart(body: Buffer, contentType: string): Part[] {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
  if (!boundary) return [];
  const delimiter = Buffer.from(`--${boundary[1] ?? boundary[2]}`);
  const parts: Part[] = [];
  let start = body.indexOf(delimiter);
  while (start >= 0) {
    const next = body.indexOf(delimiter, start + delimiter.length);
    if (next < 0) break;
    // Skip the CRLF after the delimiter and the one before the next.
    const chunk = body.subarray(start + delimiter.length + 2, next - 2);
    const headerEnd = chunk.indexOf('\r\n\r\n');
    if (headerEnd >= 0) {
      const headers = chunk.subarray(0, headerEnd).toString('utf8');
      const name = /name="([^"]*)"/i.exec(headers)?.[1];
      const filename = /filename="([^"]*)"/i.exec(headers)?.[1];
      const type = /content-type:\s*([^\r\n]+)/i.exec(headers)?.[1];
      if (name !== undefined)
        parts.push({
          name,
          ...(filename !== undefined ? { filename } : {}),
          ...(type ? { contentType: type.trim() } : {}),
          data: chunk.subarray(headerEnd + 4),
        });
    }
    start = next;
  }
  return parts;
}

/**
 * WeChat permanent materials: add_material (multipart, field `media`; a video also needs a
 * `description` field with its title), get_material, del_material and get_materialcount, with
 * the documented size limits and errcodes. `materials` is where the sandbox keeps them.
 */
export async function wechatMaterialRoutes(
  app: FastifyInstance,
  ctx: SandboxContext,
  materials: Map<string, WechatMaterial>,
): Promise<void> {
  app.addContentTypeParser(
    'multipart/form-data',
    { parseAs: 'buffer', bodyLimit: 32 * 1024 * 1024 },
    (_request, body, done) => {
      done(null, body);
    },
  );

  app.post<{ Querystring: { access_token?: string; type?: string } }>(
    '/cgi-bin/material/add_material',
    async (request) => {
      const who = ctx.tokens.check(request.query.access_token);
      if ('errcode' in who) return who;
      const type = request.query.type ?? '';
      const limit = limits[type];
      if (!limit) return { errcode: 40004, errmsg: 'invalid media type' };
      const parts = Buffer.isBuffer(request.body)
        ? parseMultipart(request.body, String(request.headers['content-type']))
        : [];
      const media = parts.find((p) => p.name === 'media' && p.filename !== undefined);
      if (!media) return { errcode: 41005, errmsg: 'media data missing' };
      if (media.data.length === 0 || media.data.length > limit.max)
        return { errcode: limit.errcode, errmsg: limit.errmsg };
      let description: { title?: string; introduction?: string } = {};
      if (type === 'video') {
        try {
          description = JSON.parse(
            parts.find((p) => p.name === 'description')?.data.toString('utf8') ?? '',
          ) as typeof description;
        } catch {
          return { errcode: 40035, errmsg: 'invalid video description' };
        }
        if (!description.title) return { errcode: 40035, errmsg: 'video description needs a title' };
      }
      const mediaId = ctx.nextId('wxmedia');
      materials.set(mediaId, {
        mediaId,
        account: who.account,
        type,
        filename: media.filename ?? '',
        contentType: media.contentType ?? 'application/octet-stream',
        bytes: Buffer.from(media.data),
        ...(description.title ? { title: description.title } : {}),
        ...(description.introduction ? { introduction: description.introduction } : {}),
      });
      return type === 'image' ? { media_id: mediaId, url: `http://mmbiz.sandbox/${mediaId}` } : { media_id: mediaId };
    },
  );

  const own = (account: string, mediaId: unknown) => {
    const material = typeof mediaId === 'string' ? materials.get(mediaId) : undefined;
    return material && material.account === account ? material : undefined;
  };

  app.post<{ Querystring: { access_token?: string }; Body: { media_id?: unknown } }>(
    '/cgi-bin/material/get_material',
    async (request, reply) => {
      const who = ctx.tokens.check(request.query.access_token);
      if ('errcode' in who) return who;
      const material = own(who.account, request.body?.media_id);
      if (!material) return { errcode: 40007, errmsg: 'invalid media_id' };
      if (material.type === 'video')
        return {
          title: material.title,
          description: material.introduction ?? '',
          down_url: `http://mmbiz.sandbox/${material.mediaId}`,
        };
      return reply
        .header('content-type', material.contentType)
        .header('content-disposition', `attachment; filename="${material.filename}"`)
        .send(material.bytes);
    },
  );

  app.post<{ Querystring: { access_token?: string }; Body: { media_id?: unknown } }>(
    '/cgi-bin/material/del_material',
    async (request) => {
      const who = ctx.tokens.check(request.query.access_token);
      if ('errcode' in who) return who;
      const material = own(who.account, request.body?.media_id);
      if (!material) return { errcode: 40007, errmsg: 'invalid media_id' };
      materials.delete(material.mediaId);
      return { errcode: 0, errmsg: 'ok' };
    },
  );

  app.get<{ Querystring: { access_token?: string } }>('/cgi-bin/material/get_materialcount', async (request) => {
    const who = ctx.tokens.check(request.query.access_token);
    if ('errcode' in who) return who;
    const mine = [...materials.values()].filter((m) => m.account === who.account);
    const n = (type: string) => mine.filter((m) => m.type === type).length;
    return { voice_count: n('voice'), video_count: n('video'), image_count: n('image') + n('thumb'), news_count: 0 };
  });
}
