import type { z } from 'zod';

/** The first problem zod found, as "path message" (`root` when it is about the whole value). */
export function zodProblem(error: z.ZodError, root = 'body'): string {
  const first = error.issues[0];
  return `${first?.path.join('.') || root} ${first?.message ?? 'is not valid'}`.trim();
}
