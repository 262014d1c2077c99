import { GraphApiError } from './graph-errors';

/** One entry of Graph's `fields=` list; `subfields` holds what was inside `{…}`, if anything. */
export interface FieldRequest {
  name: string;
  subfields: string | undefined;
}

/** Splits `id,participants,messages{id,message}` at top-level commas only. */
export function parseFields(value: string | null, defaults: readonly string[]): FieldRequest[] {
  if (value === null || value.trim() === '') return defaults.map((name) => ({ name, subfields: undefined }));
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const char of value) {
    if (char === ',' && depth === 0) {
      parts.push(current);
      current = '';
      continue;
    }
    if (char === '{') depth += 1;
    if (char === '}') depth -= 1;
    current += char;
  }
  parts.push(current);
  return parts
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .map((part) => {
      const match = /^([a-z_]+)(?:\{(.*)\})?$/.exec(part);
      if (!match?.[1]) throw new GraphApiError(100, `(#100) Syntax error in fields near "${part}"`);
      return { name: match[1], subfields: match[2] };
    });
}

export type FieldGetter<T> = (node: T, subfields: string | undefined) => unknown;

/**
 * Builds a node from the requested fields. `id` always comes back, as in Graph; an unknown field
 * is Graph's error 100 so a typo in the connector fails loudly here, as it would in production.
 */
export function selectFields<T>(
  nodeType: string,
  node: T,
  fields: FieldRequest[],
  getters: Record<string, FieldGetter<T>>,
): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const field of fields) {
    const getter = getters[field.name];
    if (!getter) {
      const message = `(#100) Tried accessing nonexisting field (${field.name}) on node type (${nodeType})`;
      throw new GraphApiError(100, message);
    }
    const value = getter(node, field.subfields);
    if (value !== undefined) result[field.name] = value;
  }
  const id = getters.id?.(node, undefined);
  // Graph puts `id` last when it was not asked for.
  if (!('id' in result) && id !== undefined) result.id = id;
  return result;
}
