import { errorBody, errors, type RouteContract } from '../contracts/index';
import type { Permission } from '../contracts/permissions.contract';

/** The schemas a contract gives a route: its path parameters, query and body where it has them. */
type ContractSchemas<C extends RouteContract> = (C extends { params: infer P } ? { params: P } : unknown) &
  (C extends { query: infer Q } ? { querystring: Q } : unknown) &
  (C extends { body: infer B } ? { body: B } : unknown);

/** What a route declares beyond its contract: who may call it, its OpenAPI tag and words. */
export interface RouteNotes {
  permission: Permission;
  tag: string;
  description?: string;
  /** Whether a success is written to the audit trail, where it is not the default (see permissions.plugin.ts). */
  audit?: boolean;
  /** Statuses beyond the usual 4xx that answer an error too (410 gone, 413 too large, 503 cannot now). */
  errorAnswers?: readonly number[];
}

/**
 * A route's options from its contract: the permission, the schemas of what it takes, its answer on
 * success and the error answers. Every route says these the same way; this says them once.
 */
export function contractRoute<const C extends RouteContract, const N extends RouteNotes>(contract: C, notes: N) {
  const schema = {
    tags: [notes.tag],
    ...(notes.description ? { description: notes.description } : {}),
    ...(contract.params ? { params: contract.params } : {}),
    ...(contract.query ? { querystring: contract.query } : {}),
    ...(contract.body ? { body: contract.body } : {}),
    response: {
      [contract.status]: contract.response,
      ...errors,
      ...Object.fromEntries((notes.errorAnswers ?? []).map((status) => [status, errorBody])),
    },
  };
  return {
    config: { permission: notes.permission, ...(notes.audit === undefined ? {} : { audit: notes.audit }) },
    schema: schema as { tags: string[]; description?: string } & ContractSchemas<C> & {
        response: { [S in C['status']]: C['response'] } & typeof errors & {
            [S in NonNullable<N['errorAnswers']>[number]]: typeof errorBody;
          };
      },
  };
}
