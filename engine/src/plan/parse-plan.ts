import { deepFreeze } from './deep-freeze';
import { PlanError } from './plan.error';
import { PLAN_SCHEMA_VERSION, planSchema, type Plan } from './plan.schema';

/** Reads a stored plan; a plan of another schema version is refused, never interpreted. The result is frozen. */
export function parsePlan(json: unknown): Plan {
  const version = (json as { schemaVersion?: unknown } | null)?.schemaVersion;
  if (version !== PLAN_SCHEMA_VERSION) {
    throw new PlanError(
      'HERALD_ERR_PLAN_VERSION',
      `This journey was published as plan version ${JSON.stringify(version)}, which this engine ` +
        `(plan version ${PLAN_SCHEMA_VERSION}) cannot run; upgrade the worker or publish the journey again.`,
    );
  }
  const parsed = planSchema.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new PlanError(
      'HERALD_ERR_PLAN_INVALID',
      `The stored plan is malformed at ${first?.path.join('.') || 'its root'}: ${first?.message ?? 'unknown problem'}.`,
    );
  }
  return deepFreeze(parsed.data);
}
