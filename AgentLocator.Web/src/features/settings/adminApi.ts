import { api } from '../../api/client';
import type { AdminUser, BusinessFeatures, FeatureKey } from '../../api/contracts';

export const adminKeys = {
  features: ['admin', 'features'] as const,
  users: ['admin', 'users'] as const,
};

export const fetchBusinessFeatures = (signal?: AbortSignal) =>
  api.get<BusinessFeatures>('/api/admin/features', signal);

export const saveBusinessFeatures = (features: FeatureKey[]) =>
  api.put<BusinessFeatures>('/api/admin/features', { features });

export const fetchAdminUsers = (signal?: AbortSignal) => api.get<AdminUser[]>('/api/admin/users', signal);

/** null gives the user the whole plan; a list limits them to that subset of it. */
export const saveUserFeatures = (userId: string, features: FeatureKey[] | null) =>
  api.put<AdminUser>(`/api/admin/users/${encodeURIComponent(userId)}/features`, { features });

export const FEATURE_LABELS: Record<FeatureKey, string> = {
  crm: 'לקוחות (CRM)',
  calls: 'שיחות',
  whatsapp: 'וואטסאפ',
  contracts: 'חוזים',
  invoices: 'חשבוניות',
  signatures: 'חתימות',
};
