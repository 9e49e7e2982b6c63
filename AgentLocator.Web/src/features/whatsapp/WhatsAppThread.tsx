import { Fragment, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import type { WhatsAppMessage } from '../../api/contracts';
import { retryUnlessClientError } from '../../api/retry';
import { useFeatureOffError } from '../../api/useFeatureOffError';
import { FeatureDisabledNotice } from '../../ui/FeatureDisabledNotice';
import { ErrorState, LoadingState } from '../../ui/StatusViews';
import { useNow } from '../../time/useNow';
import { zonedDay } from '../../time/zonedTime';
import { dayLabel } from '../timeline/dayGroups';
import { Composer } from './Composer';
import { MessageBubble } from './MessageBubble';
import { TemplatePicker } from './TemplatePicker';
import { chronological } from './threadCache';
import { useThreadActions } from './useThreadActions';
import { fetchThread, markRead, whatsAppKeys } from './whatsAppApi';
import { windowText } from './whatsAppText';
import './WhatsApp.css';

interface DayRun {
  day: string;
  messages: WhatsAppMessage[];
}

function byDay(messages: readonly WhatsAppMessage[], timeZone: string): DayRun[] {
  const runs: DayRun[] = [];
  for (const message of messages) {
    const day = zonedDay(message.createdAt, timeZone);
    const last = runs.at(-1);
    if (last?.day === day) last.messages.push(message);
    else runs.push({ day, messages: [message] });
  }
  return runs;
}

/** Close enough to the bottom that a new message should scroll into view (the reader is following along). */
const FOLLOW_PX = 120;

/**
 * A customer's WhatsApp thread, oldest at the top: day separators in the business's zone, bubbles with ticks and
 * media, older messages on scroll or "הודעות קודמות", the 24-hour window's remaining time and the composer, which
 * becomes a template picker when the window is closed. Opening it (and each new inbound message while it is open)
 * marks the thread read. Live updates come from useWhatsAppLive, mounted once by the page around it.
 */
export function WhatsAppThread({ customerId, timeZone }: { customerId: string; timeZone: string }) {
  const queryClient = useQueryClient();
  const now = useNow(30_000);
  const thread = useInfiniteQuery({
    queryKey: whatsAppKeys.thread(customerId),
    queryFn: ({ pageParam, signal }) => fetchThread(customerId, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    retry: retryUnlessClientError,
  });
  const actions = useThreadActions(customerId);
  const [templateChosen, setTemplateChosen] = useState(false);
  const featureOff = useFeatureOffError(thread.error);

  const messages = chronological(thread.data);
  const newestInboundId = [...messages].reverse().find((message) => message.direction === 'inbound')?.id;
  const newestId = messages.at(-1)?.id;

  const { windowReopened } = actions;
  useEffect(() => {
    if (!newestInboundId) return;
    // A message from the customer opens the window again.
    windowReopened();
    void markRead(customerId)
      .then(() => queryClient.invalidateQueries({ queryKey: whatsAppKeys.conversations }))
      .catch(() => {
        // Unread counts are a convenience; the next open marks it again.
      });
  }, [customerId, newestInboundId, queryClient, windowReopened]);

  // Scrolling: start at the newest message; follow new ones only when the reader is at the bottom; when older ones are
  // added above, keep what the reader was looking at in place.
  const scroller = useRef<HTMLDivElement>(null);
  const following = useRef(true);
  const heightBeforeOlder = useRef<number | null>(null);
  useLayoutEffect(() => {
    const element = scroller.current;
    if (!element) return;
    if (heightBeforeOlder.current !== null) {
      element.scrollTop += element.scrollHeight - heightBeforeOlder.current;
      heightBeforeOlder.current = null;
    } else if (following.current) {
      element.scrollTop = element.scrollHeight;
    }
  }, [newestId, messages.length]);

  function loadOlder() {
    if (!thread.hasNextPage || thread.isFetchingNextPage) return;
    heightBeforeOlder.current = scroller.current?.scrollHeight ?? null;
    void thread.fetchNextPage();
  }

  const top = useRef<HTMLDivElement>(null);
  const latestLoadOlder = useRef(loadOlder);
  latestLoadOlder.current = loadOlder;
  useEffect(() => {
    const node = top.current;
    if (!node || typeof IntersectionObserver === 'undefined' || !thread.hasNextPage) return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((entry) => entry.isIntersecting) && !thread.isFetchNextPageError) latestLoadOlder.current();
    });
    observer.observe(node);
    return () => observer.disconnect();
  }, [thread.hasNextPage, thread.isFetchNextPageError, thread.isSuccess]);

  if (featureOff) return <FeatureDisabledNotice />;
  if (thread.isPending) return <LoadingState message="טוען את שיחת הוואטסאפ…" />;
  if (thread.isError) {
    return (
      <ErrorState title="לא הצלחנו לטעון את שיחת הוואטסאפ" onRetry={() => void thread.refetch()}>
        <p>ייתכן שהשרת אינו זמין כרגע.</p>
      </ErrorState>
    );
  }

  const window = windowText(thread.data.pages[0]?.window.closesAt, now);
  const showTemplates = !window.open || actions.needsTemplate || templateChosen;

  return (
    <div className="wa-thread" data-testid="wa-thread">
      <p className={`wa-window ${window.open ? 'wa-window--open' : 'wa-window--closed'}`} data-testid="wa-window" role="status">
        {window.text}
      </p>
      <div
        className="wa-thread__scroller"
        ref={scroller}
        tabIndex={0}
        aria-label="הודעות וואטסאפ"
        onScroll={(event) => {
          const element = event.currentTarget;
          following.current = element.scrollHeight - element.scrollTop - element.clientHeight < FOLLOW_PX;
        }}
      >
        <div ref={top} />
        {thread.hasNextPage && (
          <p className="wa-thread__older">
            <button type="button" className="button" onClick={loadOlder} disabled={thread.isFetchingNextPage}>
              {thread.isFetchingNextPage ? 'טוען…' : 'הודעות קודמות'}
            </button>
          </p>
        )}
        {thread.isFetchNextPageError && (
          <p role="alert" className="wa-thread__older">
            לא הצלחנו לטעון הודעות קודמות.
          </p>
        )}
        {messages.length === 0 ? (
          <div className="wa-thread__empty">
            <p>עדיין אין הודעות וואטסאפ עם הלקוח.</p>
            <p className="muted">הודעות שהלקוח ישלח למספר הוואטסאפ של העסק יופיעו כאן מיד.</p>
          </div>
        ) : (
          <ol className="wa-thread__list">
            {byDay(messages, timeZone).map((run) => (
              <Fragment key={run.day}>
                <li className="wa-day">
                  <span>{dayLabel(run.day, now, timeZone)}</span>
                </li>
                {run.messages.map((message) => (
                  <MessageBubble
                    key={message.id}
                    message={message}
                    timeZone={timeZone}
                    onRetry={(failed) => void actions.retry(failed)}
                    retrying={actions.retrying === message.id}
                  />
                ))}
              </Fragment>
            ))}
          </ol>
        )}
      </div>
      {actions.error && (
        <p className="wa-thread__error" role="alert">
          {actions.error}
        </p>
      )}
      <div className="wa-thread__compose">
        {showTemplates ? (
          <>
            <TemplatePicker
              busy={actions.sending}
              onSend={(templateId, variables) =>
                void actions.send({ templateId, variables }).then((sent) => sent && setTemplateChosen(false))
              }
            />
            {window.open && !actions.needsTemplate && (
              <button type="button" className="button-link" onClick={() => setTemplateChosen(false)}>
                חזרה להודעה חופשית
              </button>
            )}
          </>
        ) : (
          <>
            <Composer busy={actions.sending} onSend={(body) => actions.send({ body })} />
            <button type="button" className="button-link" onClick={() => setTemplateChosen(true)}>
              שליחת תבנית
            </button>
          </>
        )}
      </div>
    </div>
  );
}
