import { useState } from 'react';
import type { z } from 'zod';
import type { RouteContract, RouteInput } from '@herald/api/contracts';
import { call } from '../api/client';
import { errorText, formProblems } from '../api/error-text';

type BodyRoute = RouteContract & { body: z.ZodType };

/**
 * Adding a row from a one-line form: the body is checked with the route's own schema first (each
 * field's problem in words, by field, labelled as `labels` name them), then sent; `onAdded` hears the
 * body once the API took it, `onError` a failure in words.
 */
export function useAddRow<C extends BodyRoute>(
  route: C,
  labels: Readonly<Record<string, string>>,
  onAdded: (body: z.input<C['body']>) => void,
  onError: (text: string) => void,
) {
  const [problems, setProblems] = useState<Record<string, string>>({});
  const add = async (body: z.input<C['body']>) => {
    const found = formProblems(route.body, body, labels);
    setProblems(found);
    if (Object.keys(found).length > 0) return;
    try {
      await call(route, { body } as RouteInput<C>);
      onAdded(body);
    } catch (err) {
      onError(errorText(err));
    }
  };
  return { problems, add };
}
