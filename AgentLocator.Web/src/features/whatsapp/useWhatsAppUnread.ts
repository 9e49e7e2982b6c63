import { useQuery } from '@tanstack/react-query';
import { fetchConversations, whatsAppKeys } from './whatsAppApi';

/** How often the navigation asks again when nothing else refreshed the inbox (the inbox page itself is live). */
const REFRESH_MS = 60_000;

/**
 * The business's unread inbound WhatsApp messages (read marks are per business), for the navigation's badge: the sum
 * of the newest conversations' unread counts, which is where unread messages are, since a new message moves its
 * conversation to the top.
 */
export function useWhatsAppUnread(enabled: boolean): number {
  const unread = useQuery({
    queryKey: whatsAppKeys.unread,
    queryFn: ({ signal }) => fetchConversations('', 'all', null, signal),
    select: (page) => page.items.reduce((sum, conversation) => sum + conversation.unread, 0),
    enabled,
    refetchInterval: REFRESH_MS,
  });
  return enabled ? (unread.data ?? 0) : 0;
}
