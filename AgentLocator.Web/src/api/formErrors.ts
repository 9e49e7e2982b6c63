// Mapping a 400's validation errors onto a form's fields, shared by every form that saves through the API.
import type { FieldErrors } from './client';

/** ASP.NET may name a field "Name", "name" or "$.name"; the form's fields are camelCase. */
export function fieldErrorsByName(errors: FieldErrors | undefined): Partial<Record<string, string[]>> {
  const result: Partial<Record<string, string[]>> = {};
  for (const [key, messages] of Object.entries(errors ?? {})) {
    const name = key.replace(/^\$\./, '');
    const camel = name.charAt(0).toLowerCase() + name.slice(1);
    result[camel] = [...(result[camel] ?? []), ...messages];
  }
  return result;
}

export interface SortedFieldErrors<F extends string> {
  errors: Partial<Record<F, string[]>>;
  /** Messages for no field of the form, joined, to show above the button; null when there are none. */
  other: string | null;
}

/**
 * Sorts each message by where it belongs: next to one of `fields`, or with the rest. `aliases` maps other names the
 * API may use for a field (the seed's snake_case) onto the form's own.
 */
export function sortFieldErrors<F extends string>(
  errors: FieldErrors,
  fields: readonly F[],
  aliases: Partial<Record<string, F>> = {},
): SortedFieldErrors<F> {
  const sorted: Partial<Record<F, string[]>> = {};
  const other: string[] = [];
  for (const [key, messages] of Object.entries(fieldErrorsByName(errors))) {
    const field = aliases[key] ?? ((fields as readonly string[]).includes(key) ? (key as F) : null);
    if (field) sorted[field] = [...(sorted[field] ?? []), ...(messages ?? [])];
    else other.push(...(messages ?? []));
  }
  return { errors: sorted, other: other.length ? other.join(' ') : null };
}
