import { PlanError } from './plan.error';
import { PLAN_SCHEMA_VERSION, planSchema, type Plan } from './plan.schema';

/** Reads a stored plan; a plan of another schema version is refused, never interpreted. */
export function parsePlan(json: unknown): Plan {
  const version = (json as { schemaVersion?: unknown } | null)?.schemaVersion;
  if (version !== PLAN_SCHEMA_VERSION) {
    throw new PlanError('HERALD_ERR_PLAN_VERSION', `plan schema version ${JSON.stringify(version)} is not supported by this engine (it runs version ${PLAN_SCHEMA_VERSION}); upgrade the worker or republish the journey.`);
  }
  const parsed = planSchema.safeParse(json);
  if (!parsed.success) throw new PlanError('HERALD_ERR_PLAN_INVALID', `the plan is malformed: ${parsed.error.issues[0]?.path.join('.')} ${parsed.error.issues[0]?.message}`);
  return parsed.data;
}
