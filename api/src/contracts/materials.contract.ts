import { z } from 'zod';
import { materialKinds } from '@herald/db/enums';
import { itemsOf } from './common.contract';
import { create, get } from './route.contract';

/** A material as the API shows it: never its bytes. */
export const materialBody = z.object({
  id: z.string(),
  kind: z.enum(materialKinds),
  filename: z.string(),
  mime: z.string(),
  size: z.number(),
  sha256: z.string().nullable(),
  /** The platform's permanent media id per WeChat channel account id. */
  platformMediaIds: z.record(z.string(), z.string()),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Material = z.infer<typeof materialBody>;
export type MaterialKind = Material['kind'];

/** What an upload says about the file; the file itself is the multipart part named `file`. */
export const uploadQuery = z.object({
  kind: z.enum(materialKinds),
  /** A WeChat official account to add the file to as a permanent material. */
  channelAccountId: z.uuid().optional(),
  /** A video's title and introduction on WeChat (the platform requires a title). */
  title: z.string().trim().min(1).max(64).optional(),
  introduction: z.string().max(120).optional(),
});

export const materialListQuery = z.object({
  kind: z.enum(materialKinds).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  /** The last id of the previous page (newest first). */
  cursor: z.uuid().optional(),
});

export const materialRoutes = {
  list: get('/api/materials', itemsOf(materialBody).extend({ nextCursor: z.string().nullable() }), {
    query: materialListQuery,
  }),
  /** Multipart: the body is a form with the file, so the client sends it itself. */
  upload: create('/api/materials', materialBody, { query: uploadQuery }),
};
