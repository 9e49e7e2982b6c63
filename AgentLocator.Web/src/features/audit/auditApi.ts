import { api } from '../../api/client';
import type { AuditEntry, Paged } from '../../api/contracts';

/** The filters as the API takes them: actor is a user id or system/operator/anonymous; dates are yyyy-MM-dd. */
export interface AuditFilters {
  action: string;
  actor: string;
  from: string;
  to: string;
}

export const EMPTY_AUDIT_FILTERS: AuditFilters = { action: '', actor: '', from: '', to: '' };

export const auditKeys = {
  page: (filters: AuditFilters, page: number, limit: number) => ['admin', 'audit', filters, page, limit] as const,
};

function filterParams(filters: AuditFilters): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) {
    if (value) params.set(key, value);
  }
  return params;
}

export function fetchAuditPage(filters: AuditFilters, page: number, limit: number, signal?: AbortSignal) {
  const params = filterParams(filters);
  params.set('page', String(page));
  params.set('limit', String(limit));
  return api.get<Paged<AuditEntry>>(`/api/admin/audit?${params}`, signal);
}

export const auditExportUrl = (filters: AuditFilters) => `/api/admin/audit/export.csv?${filterParams(filters)}`;
