import { z } from 'zod';

/** Every error the API returns. */
export const errorBody = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
});

/** The 4xx answers most routes can give, for their response schemas. */
export const errors = {
  400: errorBody,
  401: errorBody,
  403: errorBody,
  404: errorBody,
  409: errorBody,
  422: errorBody,
} as const;

export const idParams = z.object({ id: z.uuid() });

/** Cursor pagination: `cursor` is the last id of the previous page. */
export const pageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(200).optional(),
});

export const isoDate = z
  .date()
  .transform((d) => d.toISOString())
  .or(z.string());
