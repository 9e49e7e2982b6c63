import { useId } from 'react';
import { Link } from 'react-router-dom';
import { useInfiniteQuery } from '@tanstack/react-query';
import type { WhatsAppConversation } from '../../api/contracts';
import { retryUnlessClientError } from '../../api/retry';
import { dateTimeFormat } from '../../time/dateTimeFormat';
import { zonedDay } from '../../time/zonedTime';
import { useDebouncedText } from '../../ui/useDebouncedText';
import { ErrorState, LoadingState } from '../../ui/StatusViews';
import { fetchConversations, whatsAppKeys, type ConversationFilter } from './whatsAppApi';
import { mediaWord } from './whatsAppText';

const FILTER_LABELS: Record<ConversationFilter, string> = { all: 'כל השיחות', mine: 'שלי', unassigned: 'לא משויכות' };

/** "14:05" today, else "3.12", in the business's zone. */
function when(iso: string, now: number, timeZone: string): string {
  const today = zonedDay(now, timeZone) === zonedDay(iso, timeZone);
  return dateTimeFormat('he-IL', today ? { timeZone, hour: '2-digit', minute: '2-digit' } : { timeZone, day: 'numeric', month: 'numeric' }).format(
    new Date(iso),
  );
}

function preview(row: WhatsAppConversation): string {
  const last = row.lastMessage;
  const text = last.preview ?? (last.templateId ? 'תבנית' : last.mediaCount > 0 ? mediaWord(null) : '');
  return last.direction === 'outbound' ? `אנחנו: ${text}` : text;
}

export function useConversations(q: string, filter: ConversationFilter) {
  return useInfiniteQuery({
    queryKey: whatsAppKeys.conversationList(q, filter),
    queryFn: ({ pageParam, signal }) => fetchConversations(q, filter, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    retry: retryUnlessClientError,
  });
}

/** The inbox's list: newest conversation first, unread badges, search by name or phone, and the mine/unassigned filter. */
export function ConversationList({
  q,
  filter,
  onSearch,
  onFilter,
  openId,
  linkSearch,
  timeZone,
  now,
}: {
  q: string;
  filter: ConversationFilter;
  onSearch: (q: string) => void;
  onFilter: (filter: ConversationFilter) => void;
  openId: string | undefined;
  /** The list's own URL parameters, kept when a conversation opens. */
  linkSearch: string;
  timeZone: string;
  now: number;
}) {
  const conversations = useConversations(q, filter);
  const [text, setText] = useDebouncedText(q, onSearch, 300);
  const searchId = useId();
  const filterId = useId();
  const rows = conversations.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <div className="wa-inbox__list">
      <div className="wa-inbox__tools">
        <div className="field">
          <label htmlFor={searchId}>חיפוש</label>
          <input id={searchId} type="search" value={text} placeholder="שם או טלפון" onChange={(event) => setText(event.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={filterId}>הצגה</label>
          <select id={filterId} value={filter} onChange={(event) => onFilter(event.target.value as ConversationFilter)}>
            {(Object.keys(FILTER_LABELS) as ConversationFilter[]).map((key) => (
              <option key={key} value={key}>
                {FILTER_LABELS[key]}
              </option>
            ))}
          </select>
        </div>
      </div>
      {conversations.isPending ? (
        <LoadingState message="טוען שיחות…" />
      ) : conversations.isError ? (
        <ErrorState title="לא הצלחנו לטעון את השיחות" onRetry={() => void conversations.refetch()} />
      ) : rows.length === 0 ? (
        <div className="wa-inbox__empty">
          {q || filter !== 'all' ? (
            <p>לא נמצאו שיחות שמתאימות לחיפוש.</p>
          ) : (
            <>
              <p>עדיין אין שיחות וואטסאפ.</p>
              <p className="muted">הודעה שלקוח ישלח למספר הוואטסאפ של העסק תפתח כאן שיחה.</p>
            </>
          )}
        </div>
      ) : (
        <>
          <ul className="wa-conversations" aria-label="שיחות וואטסאפ">
            {rows.map((row) => (
              <li key={row.customerId}>
                <Link
                  to={`/whatsapp/${row.customerId}${linkSearch}`}
                  className={`wa-conversation${row.customerId === openId ? ' wa-conversation--open' : ''}${row.unread > 0 ? ' wa-conversation--unread' : ''}`}
                  aria-current={row.customerId === openId ? 'page' : undefined}
                  data-testid="wa-conversation"
                  data-customer-id={row.customerId}
                >
                  <span className="wa-conversation__top">
                    <span className="wa-conversation__name">{row.customerName}</span>
                    <time className="wa-conversation__time" dateTime={row.lastMessage.at}>
                      {when(row.lastMessage.at, now, timeZone)}
                    </time>
                  </span>
                  <span className="wa-conversation__bottom">
                    <span className="wa-conversation__preview">{preview(row)}</span>
                    {row.unread > 0 && (
                      <span className="wa-unread" data-testid="wa-unread">
                        {row.unread}
                        <span className="visually-hidden"> הודעות שלא נקראו</span>
                      </span>
                    )}
                  </span>
                  {row.assignee && <span className="wa-conversation__assignee muted">משויך ל{row.assignee.displayName}</span>}
                </Link>
              </li>
            ))}
          </ul>
          {conversations.hasNextPage && (
            <p className="wa-inbox__more">
              <button type="button" className="button" disabled={conversations.isFetchingNextPage} onClick={() => void conversations.fetchNextPage()}>
                {conversations.isFetchingNextPage ? 'טוען…' : 'שיחות נוספות'}
              </button>
            </p>
          )}
        </>
      )}
    </div>
  );
}
