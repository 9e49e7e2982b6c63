import { useQueryClient } from '@tanstack/react-query';
import type { Customer } from '../../api/contracts';
import { HubEvents, HubMethods, useHubEvent, useHubSubscription, type HubSubscriptionStatus } from '../../realtime';
import { customerKeys } from './customersApi';

/**
 * Keeps an open customer page current when someone else (another tab, another user) changes the customer:
 * watches it on the hub while mounted and writes each pushed version into the query cache.
 * `enabled` waits for the customer to load, so a missing one is never watched. The pushed body is the same
 * Customer JSON as GET /customers/{id}.
 */
export function useLiveCustomer(id: string, enabled: boolean): HubSubscriptionStatus {
  const queryClient = useQueryClient();
  const status = useHubSubscription(HubMethods.watchCustomer, HubMethods.unwatchCustomer, [id], { enabled });
  useHubEvent(HubEvents.customerUpdated, (customer: Customer) => {
    // Guids may differ in case between the address bar and the server's JSON.
    if (!enabled || customer.id.toLowerCase() !== id.toLowerCase()) return;
    queryClient.setQueryData(customerKeys.detail(id), customer);
    // The grid shows the same fields; it refetches when next shown.
    void queryClient.invalidateQueries({ queryKey: ['customers', 'list'] });
  });
  return status;
}
