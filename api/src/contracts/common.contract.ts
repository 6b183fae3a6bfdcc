import { z } from 'zod';

/** Every error the API returns. */
export const errorBody = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
});
export type ErrorBody = z.infer<typeof errorBody>;

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

/** A date on the wire: an ISO string (a Date from the database is turned into one). */
export const isoDate = z
  .date()
  .transform((d) => d.toISOString())
  .or(z.string());

/** A sort order on a list page: a column and a direction. */
export const sortDirection = z.enum(['asc', 'desc']);
export type SortDirection = z.infer<typeof sortDirection>;

/** Counts, a number each: the shape of an object schema's fields, named in order. */
export const counts = <const K extends string>(...names: K[]) =>
  Object.fromEntries(names.map((name) => [name, z.number()])) as { [N in K]: z.ZodNumber };

/** No content. */
export const noContent = z.null();

/** A list's answer: its items, each of `item`'s schema. */
export const itemsOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) });
