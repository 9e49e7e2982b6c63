import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { FeatureKey } from '../../api/contracts';
import { ErrorState } from '../../ui/StatusViews';
import { useNow } from '../../time/useNow';
import type { TimelineItem, TimelineScope } from './timelineApi';
import { visibleKinds } from './timelineKinds';
import { useTimelineUrlState } from './useTimelineUrlState';
import { useTimelineQuery } from './useTimelineQuery';
import { useLiveTimeline } from './useLiveTimeline';
import { writeItem } from './timelineCacheWriter';
import { groupByDay } from './dayGroups';
import { TimelineContext, type TimelineContextValue } from './TimelineContext';
import { TimelineFilters } from './TimelineFilters';
import { NoteComposer } from './NoteComposer';
import { TimelineCard, TimelineLine, isTimelineLine } from './TimelineCard';
import { TimelineEmpty, TimelineSkeleton } from './TimelineStates';
import { UndoToast, type ToastMessage } from './UndoToast';
import { useInfiniteScroll } from './useInfiniteScroll';
import './Timeline.css';

function TimelineEntry({ item, index }: { item: TimelineItem; index: number }) {
  return (
    <li className="timeline__entry" tabIndex={-1} data-timeline-index={index}>
      {isTimelineLine(item) ? <TimelineLine item={item} /> : <TimelineCard item={item} />}
    </li>
  );
}

/**
 * A live timeline: a customer's (with the note composer) or the whole business's (the home page). Filters live in
 * the address bar; pages load as the end of the list scrolls into view or from "load more"; pushed items slide in,
 * or wait behind a "N new" pill while the user is reading further down.
 */
export function Timeline({
  scope,
  timeZone,
  features,
  title = 'ציר זמן',
}: {
  scope: TimelineScope;
  timeZone: string;
  features: readonly FeatureKey[];
  title?: string;
}) {
  const queryClient = useQueryClient();
  const kinds = useMemo(() => visibleKinds(features), [features]);
  const { filters, setFilters } = useTimelineUrlState(kinds);
  const timeline = useTimelineQuery(scope, filters);
  const now = useNow();
  const customerId = 'customerId' in scope ? scope.customerId : null;

  const [toast, setToast] = useState<ToastMessage | null>(null);
  const notify = useCallback<TimelineContextValue['notify']>(
    (message) => setToast({ ...message, id: Date.now() }),
    [],
  );
  const latestTaskStatus = useMemo(() => {
    const statuses = new Map<string, 'open' | 'done'>();
    // Newest first, so the first event seen of each task is its latest word.
    for (const page of timeline.data?.pages ?? [])
      for (const item of page.items) if (item.task && !statuses.has(item.task.taskId)) statuses.set(item.task.taskId, item.task.status);
    return statuses;
  }, [timeline.data]);
  const context = useMemo<TimelineContextValue>(
    () => ({ scope, timeZone, notify, taskStatus: (taskId) => latestTaskStatus.get(taskId) }),
    [scope, timeZone, notify, latestTaskStatus],
  );

  // New items that arrived while the user was reading further down: shown when they come back up.
  const top = useRef<HTMLDivElement>(null);
  const waiting = useRef<TimelineItem[]>([]);
  // After the pill, focus goes to the newest entry, so keyboard and screen reader users land on what came in.
  const [focusNewest, setFocusNewest] = useState(false);
  const [waitingCount, setWaitingCount] = useState(0);
  const scrolledDown = () => (top.current ? top.current.getBoundingClientRect().top < 0 : false);
  const showWaiting = useCallback(
    (scrollUp: boolean) => {
      const items = waiting.current;
      waiting.current = [];
      setWaitingCount(0);
      items.forEach((item) => writeItem(queryClient, item, timeZone));
      if (scrollUp) {
        top.current?.scrollIntoView?.({ behavior: 'smooth', block: 'start' });
        setFocusNewest(true);
      }
    },
    [queryClient, timeZone],
  );
  const live = useLiveTimeline(scope, filters, timeZone, (item) => {
    if (!scrolledDown()) return writeItem(queryClient, item, timeZone);
    waiting.current = [item, ...waiting.current.filter((other) => other.id !== item.id)];
    setWaitingCount(waiting.current.length);
  });
  // Items held for other filters do not belong to the new view (its first page brings what matches).
  useEffect(() => {
    waiting.current = [];
    setWaitingCount(0);
  }, [filters]);
  useEffect(() => {
    if (waitingCount === 0) return;
    const onScroll = () => {
      if (!scrolledDown()) showWaiting(false);
    };
    window.addEventListener('scroll', onScroll, { passive: true });
    return () => window.removeEventListener('scroll', onScroll);
  }, [waitingCount, showWaiting]);
  const closeToast = useCallback(() => setToast(null), []);

  const pages = timeline.data?.pages ?? [];
  const pinned = pages[0]?.pinned ?? [];
  const pinnedIds = new Set(pinned.map((item) => item.id));
  // Pinned notes head the timeline once; the same note is not repeated in its day.
  const items = pages.flatMap((page) => page.items).filter((item) => !pinnedIds.has(item.id));
  const groups = groupByDay(items, now, timeZone);

  const list = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!focusNewest) return;
    const newest = list.current?.querySelector<HTMLElement>('[data-timeline-index="0"]');
    if (newest) {
      newest.focus({ preventScroll: true });
      setFocusNewest(false);
    }
  }, [focusNewest, timeline.data]);
  const { sentinel, loadMore } = useInfiniteScroll(timeline, list);
  const filtered = filters.kinds.length > 0 || Boolean(filters.from || filters.to || filters.q);
  let index = 0;

  return (
    <TimelineContext.Provider value={context}>
      <section className="timeline" aria-label={title} data-live={live}>
        {customerId && <NoteComposer customerId={customerId} />}
        <TimelineFilters kinds={kinds} filters={filters} onChange={setFilters} />

        <div ref={top} className="timeline__top" />
        {waitingCount > 0 && (
          <button type="button" className="timeline__new-pill" onClick={() => showWaiting(true)}>
            {waitingCount === 1 ? 'פריט חדש אחד' : `${waitingCount} חדשים`}
          </button>
        )}

        {timeline.isPending ? (
          <TimelineSkeleton />
        ) : timeline.isError ? (
          <ErrorState title="לא הצלחנו לטעון את ציר הזמן" onRetry={() => void timeline.refetch()}>
            <p>ייתכן שהשרת אינו זמין כרגע.</p>
          </ErrorState>
        ) : items.length === 0 && pinned.length === 0 ? (
          <TimelineEmpty
            kinds={filters.kinds.length ? filters.kinds : kinds}
            filtered={filtered}
            business={!customerId}
            onClear={() => setFilters({ kinds: [], from: '', to: '', q: '' })}
          />
        ) : (
          <div ref={list} className="timeline__list">
            {pinned.length > 0 && (
              <section className="timeline__day timeline__day--pinned" aria-labelledby="timeline-pinned">
                <h3 id="timeline-pinned" className="timeline__day-title">
                  מוצמדות
                </h3>
                <ol className="timeline__entries">
                  {pinned.map((item) => (
                    <TimelineEntry key={item.id} item={item} index={-1} />
                  ))}
                </ol>
              </section>
            )}
            {groups.map((group) => (
              <section key={group.day} className="timeline__day" aria-labelledby={`timeline-day-${group.day}`}>
                <h3 id={`timeline-day-${group.day}`} className="timeline__day-title">
                  {group.label}
                </h3>
                <ol className="timeline__entries">
                  {group.items.map((item) => (
                    <TimelineEntry key={item.id} item={item} index={index++} />
                  ))}
                </ol>
              </section>
            ))}
            <div ref={sentinel} className="timeline__sentinel" aria-hidden="true" />
            <div className="timeline__more">
              <p className="muted" role="status" aria-live="polite">
                {timeline.isFetchingNextPage ? 'טוען פריטים נוספים…' : timeline.hasNextPage ? '' : 'זה הכל.'}
              </p>
              {timeline.isFetchNextPageError && (
                <p role="alert" className="form-error">
                  לא הצלחנו לטעון פריטים נוספים. נסו שוב.
                </p>
              )}
              {timeline.hasNextPage && (
                <button type="button" className="button" disabled={timeline.isFetchingNextPage} onClick={() => loadMore(items.length)}>
                  טעינת פריטים נוספים
                </button>
              )}
            </div>
          </div>
        )}
        <UndoToast toast={toast} onClose={closeToast} />
      </section>
    </TimelineContext.Provider>
  );
}
