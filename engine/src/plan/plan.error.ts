/** A plan that cannot be interpreted (unknown schema version, malformed). */
export class PlanError extends Error {
  readonly code: 'HERALD_ERR_PLAN_VERSION' | 'HERALD_ERR_PLAN_INVALID';
  constructor(code: PlanError['code'], message: string) {
    super(message);
    this.name = 'PlanError';
    this.code = code;
  }
}
