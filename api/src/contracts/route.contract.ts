import type { z } from 'zod';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * One route as both sides see it: its method and path, the zod schemas of what it takes and of
 * its answer on success. The API registers the route with these schemas; the editor's client
 * takes its argument and result types from them, so neither side retypes the other.
 */
export interface RouteContract {
  readonly method: HttpMethod;
  /** Fastify's path, with `:name` for each path parameter. */
  readonly path: string;
  /** What the route does, for /openapi.json. */
  readonly description?: string;
  readonly params?: z.ZodType;
  readonly query?: z.ZodType;
  readonly body?: z.ZodType;
  /** The status of a successful answer. */
  readonly status: 200 | 201 | 202 | 204;
  readonly response: z.ZodType;
}

/** Declares a route contract, keeping its literal types. */
export const route = <const C extends RouteContract>(contract: C): C => contract;

/** What a route takes besides its path (its path parameters, query and body, where it has them), and its words. */
type Parts = Pick<RouteContract, 'params' | 'query' | 'body' | 'description'>;

/** The usual route of a method and a success status: `(path, response, parts)` declares one. */
const usual =
  <const M extends HttpMethod, const S extends RouteContract['status']>(method: M, status: S) =>
  <const P extends string, const R extends z.ZodType, const X extends Parts = object>(
    path: P,
    response: R,
    parts?: X,
  ) =>
    route({ method, path, status, response, ...(parts as X) });

/** A GET answered with 200. */
export const get = usual('GET', 200);
/** A POST answered with 200 (an action, or a question too long for a query string). */
export const post = usual('POST', 200);
/** A POST that creates something, answered with 201. */
export const create = usual('POST', 201);
/** A PUT answered with 200. */
export const put = usual('PUT', 200);
/** A PATCH answered with 200. */
export const patch = usual('PATCH', 200);
/** A DELETE answered with 204 and no content. */
export const remove = usual('DELETE', 204);

type Part<C, K extends 'params' | 'query' | 'body'> = C extends { [P in K]: infer S extends z.ZodType }
  ? { [P in K]: z.input<S> }
  : { [P in K]?: never };

/** What a client passes to call a route: its path parameters, query and body, each as the schema takes it. */
export type RouteInput<C extends RouteContract> = Part<C, 'params'> & Part<C, 'query'> & Part<C, 'body'>;

/** What a route answers on success, as the schema serialises it. */
export type RouteOutput<C extends RouteContract> = z.output<C['response']>;
