/** Codes of a stored plan that cannot be interpreted. */
export const planErrorCodes = ['HERALD_ERR_PLAN_VERSION', 'HERALD_ERR_PLAN_INVALID'] as const;
export type PlanErrorCode = (typeof planErrorCodes)[number];

/** A plan that cannot be interpreted (unknown schema version, malformed): a user error, never retried. */
export class PlanError extends Error {
  readonly code: PlanErrorCode;
  constructor(code: PlanErrorCode, message: string) {
    super(message);
    this.name = 'PlanError';
    this.code = code;
  }
}
