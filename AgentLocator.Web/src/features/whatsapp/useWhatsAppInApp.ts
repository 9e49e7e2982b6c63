import { useQuery } from '@tanstack/react-query';
import { retryUnlessClientError } from '../../api/retry';
import { useMe } from '../shell/useMe';
import { fetchHasSender, whatsAppKeys } from './whatsAppApi';

/**
 * Whether a "WhatsApp" action (the due-task alert, its push notification) opens the customer's thread here in the app:
 * when this user has the feature and the business writes from a sender number of its own; wa.me otherwise.
 */
export function useWhatsAppInApp(): boolean {
  const hasFeature = useMe().data?.features.includes('whatsapp') ?? false;
  const sender = useQuery({
    queryKey: whatsAppKeys.sender,
    queryFn: ({ signal }) => fetchHasSender(signal),
    enabled: hasFeature,
    staleTime: 5 * 60_000,
    retry: retryUnlessClientError,
  });
  return hasFeature && sender.data === true;
}

/** The app's path of a customer's thread. */
export const whatsAppThreadPath = (customerId: string) => `/whatsapp/${encodeURIComponent(customerId)}`;
