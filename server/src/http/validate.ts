import type { ErrorDetail } from '@dinewire/protocol';
import type { z } from 'zod';
import { validation } from '../errors';

/** Validates at the edge; every issue names its field (`items.0.quantity`) and the reason. */
export function parse<S extends z.ZodType>(schema: S, value: unknown, where = 'body'): z.infer<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const details: ErrorDetail[] = result.error.issues.slice(0, 20).map((issue) => ({
    field: issue.path.length ? issue.path.map(String).join('.') : where,
    message: issue.message,
  }));
  throw validation(details, `Invalid ${where}: ${details.map((d) => `${d.field}: ${d.message}`).join('; ')}`);
}
