import type {
  ContextConfigDefault,
  FastifyBaseLogger,
  FastifyInstance,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
  RouteGenericInterface,
  RouteHandlerMethod,
} from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { errorBody, errors, type RouteContract } from '../contracts/index';
import type { Permission } from '../contracts/permissions.contract';

/** The schemas a contract gives a route: its path parameters, query and body where it has them. */
type ContractSchemas<C extends RouteContract> = (C extends { params: infer P } ? { params: P } : unknown) &
  (C extends { query: infer Q } ? { querystring: Q } : unknown) &
  (C extends { body: infer B } ? { body: B } : unknown);

/** What a route declares beyond its contract (which says what it does): who may call it, its OpenAPI tag. */
export interface RouteNotes {
  permission: Permission;
  tag: string;
  /** Whether a success is written to the audit trail, where it is not the default (see permissions.plugin.ts). */
  audit?: boolean;
  /** Statuses beyond the usual 4xx that answer an error too (410 gone, 413 too large, 503 cannot now). */
  errorAnswers?: readonly number[];
}

/** The schema `contractRoute` gives a route. */
type ContractSchema<C extends RouteContract, N extends RouteNotes> = {
  tags: string[];
  description?: string;
} & ContractSchemas<C> & {
    response: { [S in C['status']]: C['response'] } & typeof errors & {
        [S in NonNullable<N['errorAnswers']>[number]]: typeof errorBody;
      };
  };

/** A route plugin's Fastify instance (the zod type provider's). */
type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

/** A handler of a contract's route: its request and reply typed by the contract's schemas. */
type ContractHandler<C extends RouteContract, N extends RouteNotes> = RouteHandlerMethod<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  RouteGenericInterface,
  ContextConfigDefault,
  ContractSchema<C, N>,
  ZodTypeProvider
>;

/** Registers a contract's route (its method and path) with `handler`, its options from `contractRoute`. */
export function serve<const C extends RouteContract, const N extends RouteNotes>(
  app: App,
  contract: C,
  notes: N,
  handler: ContractHandler<C, N>,
): void {
  app.route({ method: contract.method, url: contract.path, ...contractRoute(contract, notes), handler });
}

/**
 * A route's options from its contract: the permission, the schemas of what it takes, its answer on
 * success and the error answers. Every route says these the same way; this says them once.
 */
function contractRoute<const C extends RouteContract, const N extends RouteNotes>(contract: C, notes: N) {
  const schema = {
    tags: [notes.tag],
    ...(contract.description ? { description: contract.description } : {}),
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
    schema: schema as ContractSchema<C, N>,
  };
}
