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
  readonly params?: z.ZodType;
  readonly query?: z.ZodType;
  readonly body?: z.ZodType;
  /** The status of a successful answer. */
  readonly status: 200 | 201 | 202 | 204;
  readonly response: z.ZodType;
}

/** Declares a route contract, keeping its literal types. */
export const route = <const C extends RouteContract>(contract: C): C => contract;

type Part<C, K extends 'params' | 'query' | 'body'> = C extends { [P in K]: infer S extends z.ZodType }
  ? { [P in K]: z.input<S> }
  : { [P in K]?: never };

/** What a client passes to call a route: its path parameters, query and body, each as the schema takes it. */
export type RouteInput<C extends RouteContract> = Part<C, 'params'> & Part<C, 'query'> & Part<C, 'body'>;

/** What a route answers on success, as the schema serialises it. */
export type RouteOutput<C extends RouteContract> = z.output<C['response']>;
