// The editor's only way to the API: each call names a route contract from @herald/api/contracts, so its
// path, parameters, body and answer are typed by the schemas the API itself registers.
import type { RouteContract, RouteInput, RouteOutput } from '@herald/api/contracts';
import type { ValidationIssue } from '@herald/engine';
import { i18n } from '../i18n/i18n';

/** A failed call: the API's stable code, its message and details (a 422's issue list, a 400's fields). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

type Query = Record<string, string | number | boolean | undefined | null>;

/** The route's path with its parameters filled in and its query appended (empty values left out). */
export function urlOf(route: RouteContract, params?: Record<string, unknown>, query?: Query): string {
  const path = route.path.replace(/:(\w+)/g, (_m, name: string) => encodeURIComponent(String(params?.[name] ?? '')));
  const search = new URLSearchParams(
    Object.entries(query ?? {})
      .filter(([, v]) => v !== undefined && v !== null && v !== '')
      .map(([k, v]) => [k, String(v)]),
  ).toString();
  return search ? `${path}?${search}` : path;
}

async function send<T>(method: string, url: string, body?: BodyInit, contentType?: string): Promise<T> {
  const response = await fetch(url, {
    method,
    credentials: 'same-origin',
    headers: contentType ? { 'content-type': contentType } : {},
    ...(body === undefined ? {} : { body }),
  });
  if (response.status === 204) return null as T;
  const json = (await response.json().catch(() => ({}))) as {
    error?: { code?: string; message?: string; details?: unknown };
  };
  if (!response.ok)
    throw new ApiError(
      response.status,
      json.error?.code ?? 'HERALD_ERR_NETWORK',
      json.error?.message ?? i18n.t('common.serverAnswered', { status: response.status }),
      json.error?.details,
    );
  return json as T;
}

/** Calls a route with its parameters, query and JSON body; resolves with its answer or throws an ApiError. */
export function call<C extends RouteContract>(route: C, input?: RouteInput<C>): Promise<RouteOutput<C>> {
  const { params, query, body } = (input ?? {}) as { params?: Record<string, unknown>; query?: Query; body?: unknown };
  return send(
    route.method,
    urlOf(route, params, query),
    body === undefined ? undefined : JSON.stringify(body),
    body === undefined ? undefined : 'application/json',
  );
}

/** Calls a route with a body that is not JSON: a CSV file's text, or a multipart form (a material). */
export function callRaw<C extends RouteContract>(
  route: C,
  body: string | FormData,
  options: { params?: Record<string, unknown>; query?: Query; contentType?: string } = {},
): Promise<RouteOutput<C>> {
  return send(route.method, urlOf(route, options.params, options.query), body, options.contentType);
}

/** The issues a 422 from publish or a new broadcast carries (the engine's list). */
export const issuesOf = (error: unknown): ValidationIssue[] =>
  ((error as ApiError).details as { issues?: ValidationIssue[] } | undefined)?.issues ?? [];
