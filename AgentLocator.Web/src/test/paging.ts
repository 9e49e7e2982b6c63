// One page of a list as the API sends it, for the fake servers of the page tests.

import type { PageInfo, Paged } from '../api/contracts';

/** `items` as page `meta.page` (default 1) of `meta.total` (default: just these) rows, `meta.limit` (25) a page. */
export function paged<T>(items: T[], meta: Partial<PageInfo> = {}): Paged<T> {
  const total = meta.total ?? items.length;
  const limit = meta.limit ?? 25;
  const totalPages = Math.ceil(total / limit);
  const current = meta.page ?? 1;
  return { items, page: { page: current, limit, total, totalPages, hasNext: current < totalPages, ...meta } };
}
