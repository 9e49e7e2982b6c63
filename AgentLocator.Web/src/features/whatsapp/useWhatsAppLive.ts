import { useQueryClient } from '@tanstack/react-query';
import type { WhatsAppMessage } from '../../api/contracts';
import { HubEvents, HubMethods, useHubEvent, useHubSubscription, useOnReconnected, type HubSubscriptionStatus } from '../../realtime';
import { writeMessage } from './threadCache';
import { whatsAppKeys } from './whatsAppApi';

/**
 * The business's WhatsApp pushes while mounted: each `whatsapp:message` (a new message, or a status step of ours: the
 * ticks) is written into its customer's cached thread, and the inbox list is refetched (order, previews and unread
 * counts all move). Mount it once per page: the hub's group is per connection, so a second watcher's unmount would
 * leave the first deaf. After a reconnection everything WhatsApp is fetched again, since pushes were missed.
 */
export function useWhatsAppLive(): HubSubscriptionStatus {
  const queryClient = useQueryClient();
  const status = useHubSubscription(HubMethods.watchWhatsApp, HubMethods.unwatchWhatsApp, []);
  useHubEvent(HubEvents.whatsAppMessage, (message: WhatsAppMessage) => {
    if (message.customerId) writeMessage(queryClient, message.customerId, message);
    void queryClient.invalidateQueries({ queryKey: whatsAppKeys.conversations });
  });
  useOnReconnected(() => void queryClient.invalidateQueries({ queryKey: whatsAppKeys.all }));
  return status;
}
