import type { CustomerStatus } from '../../api/contracts';

export const STATUS_LABELS: Record<CustomerStatus, string> = {
  lead: 'ליד',
  active: 'פעיל',
  inactive: 'לא פעיל',
};

export const STATUSES: readonly CustomerStatus[] = ['lead', 'active', 'inactive'];

export function isCustomerStatus(value: string | null): value is CustomerStatus {
  return value !== null && (STATUSES as readonly string[]).includes(value);
}
