import { useQueryClient } from '@tanstack/react-query';
import { useHubEvent, useHubSubscription, useOnReconnected, type HubSubscriptionStatus } from '../../realtime';
import { TimelineHub, timelineKeys, type TimelineFilters, type TimelineItem, type TimelineScope } from './timelineApi';
import { containsItem, matchesFilters, type TimelineData } from './timelineCache';
import { belongsToScope, dropItem, writeItem } from './timelineCacheWriter';

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
    customerId ? TimelineHub.watch : TimelineHub.watchBusiness,
    customerId ? TimelineHub.unwatch : TimelineHub.unwatchBusiness,
    customerId ? [customerId] : [],
  );

  useHubEvent(TimelineHub.itemEvent, (item: TimelineItem) => {
    const shown = queryClient.getQueryData<TimelineData>(timelineKeys.list(scope, filters));
    if (containsItem(shown, item.id)) writeItem(queryClient, item, timeZone);
    else if (belongsToScope(item, scope) && matchesFilters(item, filters, timeZone)) onNew(item);
  });

  useHubEvent(TimelineHub.removedEvent, (removed: { id: string }) => dropItem(queryClient, removed.id));

  useOnReconnected(() => void queryClient.invalidateQueries({ queryKey: timelineKeys.scope(scope) }));
  return status;
}
