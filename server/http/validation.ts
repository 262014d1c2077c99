import type { z } from 'zod';
import { HttpError } from './errors';

/** Parses what crossed the boundary, or answers 400 saying which field was wrong. */
export function parseRequest<Schema extends z.ZodType>(schema: Schema, value: unknown): z.infer<Schema> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => (issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message));
  throw new HttpError(400, 'invalid_request', problems.join('; '));
}
