import { useQueryClient } from '@tanstack/react-query';
import { HubEvents, HubMethods, useHubEvent, useHubSubscription, useOnReconnected, type HubSubscriptionStatus } from '../../realtime';
import { timelineKeys, type TimelineFilters, type TimelineItem, type TimelineScope } from './timelineApi';
import { containsItem, matchesFilters, type TimelineData } from './timelineCache';
import { belongsToScope, cachedItem, dropItem, writeItem } from './timelineCacheWriter';
import { useAuth } from '../auth/AuthProvider';

/**
 * Watches the timeline on the hub while mounted (one customer's, or the business's) and hands each pushed item on:
 * an update of a shown item is written at once; a new one goes to `onNew`, which decides whether to show it now or
 * count it in the "N new" pill; a removed one (another user deleted a note) goes. After a reconnection the list is
 * fetched again, since pushes were missed meanwhile.
 */
export function useLiveTimeline(
  scope: TimelineScope,
  filters: TimelineFilters,
  timeZone: string,
  onNew: (item: TimelineItem) => void,
): HubSubscriptionStatus {
  const queryClient = useQueryClient();
  const customerId = 'customerId' in scope ? scope.customerId : null;
  const status = useHubSubscription(
    customerId ? HubMethods.watchTimeline : HubMethods.watchBusinessTimeline,
    customerId ? HubMethods.unwatchTimeline : HubMethods.unwatchBusinessTimeline,
    customerId ? [customerId] : [],
  );

  const { user } = useAuth();

  useHubEvent(HubEvents.timelineItem, (pushed: TimelineItem) => {
    const item = withNotePermissions(pushed, cachedItem(queryClient, pushed.id), user);
    const shown = queryClient.getQueryData<TimelineData>(timelineKeys.list(scope, filters));
    if (containsItem(shown, item.id)) writeItem(queryClient, item, timeZone);
    else if (belongsToScope(item, scope) && matchesFilters(item, filters, timeZone)) onNew(item);
  });

  useHubEvent(HubEvents.timelineRemoved, (removed: { id: string }) => dropItem(queryClient, removed.id));

  useOnReconnected(() => void queryClient.invalidateQueries({ queryKey: timelineKeys.scope(scope) }));
  return status;
}

/**
 * A push goes to a group, not to one user, so its note permissions are always false. Who may edit never changes, so a
 * known note keeps the values its GET/POST/PATCH answer gave; a new one follows the API's rule: the author edits, the
 * author or an admin deletes.
 */
export function withNotePermissions(
  item: TimelineItem,
  known: TimelineItem | undefined,
  user: { id: string; role: string } | null,
): TimelineItem {
  if (!item.note) return item;
  if (known?.note) return { ...item, note: { ...item.note, canEdit: known.note.canEdit, canDelete: known.note.canDelete } };
  const isAuthor = Boolean(user && item.note.authorId && item.note.authorId.toLowerCase() === user.id.toLowerCase());
  return { ...item, note: { ...item.note, canEdit: isAuthor, canDelete: isAuthor || user?.role === 'admin' } };
}
