import { Link, useParams, useSearchParams } from 'react-router-dom';
import { useNow } from '../../time/useNow';
import { DEFAULT_TIME_ZONE } from '../../time/zonedTime';
import { useMe } from '../shell/useMe';
import { AssigneeSelect } from './AssigneeSelect';
import { ConversationList, useConversations } from './ConversationList';
import { useWhatsAppLive } from './useWhatsAppLive';
import { WhatsAppThread } from './WhatsAppThread';
import type { ConversationFilter } from './whatsAppApi';
import './WhatsApp.css';

function readFilter(value: string | null): ConversationFilter {
  return value === 'mine' || value === 'unassigned' ? value : 'all';
}

/**
 * The business's WhatsApp inbox at /whatsapp: the conversation list beside the open thread (/whatsapp/:customerId) on
 * a desktop; on a phone the list and the thread are each a view of their own. Search and filter live in the URL.
 */
export function WhatsAppInboxPage() {
  const { customerId } = useParams();
  const [params, setParams] = useSearchParams();
  const me = useMe().data;
  const timeZone = me?.business.timeZone ?? DEFAULT_TIME_ZONE;
  const now = useNow();
  const live = useWhatsAppLive();
  const q = params.get('q') ?? '';
  const filter = readFilter(params.get('filter'));
  const conversations = useConversations(q, filter);
  const open = conversations.data?.pages.flatMap((page) => page.items).find((row) => row.customerId === customerId);
  const linkSearch = params.toString() ? `?${params.toString()}` : '';

  function setParam(name: string, value: string) {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next, { replace: true });
  }

  return (
    <section
      className={`page page--wide wa-inbox${customerId ? ' wa-inbox--thread-open' : ''}`}
      aria-labelledby="wa-inbox-title"
      data-live={live}
    >
      <header className="page__header wa-inbox__header">
        <h1 id="wa-inbox-title">וואטסאפ</h1>
      </header>
      <div className="wa-inbox__columns">
        <ConversationList
          q={q}
          filter={filter}
          onSearch={(text) => setParam('q', text.trim())}
          onFilter={(value) => setParam('filter', value === 'all' ? '' : value)}
          openId={customerId}
          linkSearch={linkSearch}
          timeZone={timeZone}
          now={now}
        />
        <div className="wa-inbox__thread">
          {customerId ? (
            <>
              <div className="wa-inbox__thread-header">
                <Link to={`/whatsapp${linkSearch}`} className="wa-inbox__back">
                  → חזרה לשיחות
                </Link>
                <h2>
                  {open?.customerName ?? 'שיחת וואטסאפ'}
                  {open?.phone && (
                    <>
                      {' '}
                      <bdi dir="ltr" className="muted wa-inbox__phone">
                        {open.phone}
                      </bdi>
                    </>
                  )}
                </h2>
                <Link to={`/customers/${customerId}`}>לכרטיס הלקוח</Link>
                <AssigneeSelect customerId={customerId} assignee={open?.assignee ?? null} />
              </div>
              <WhatsAppThread key={customerId} customerId={customerId} timeZone={timeZone} />
            </>
          ) : (
            <div className="wa-inbox__placeholder">
              <p>בחרו שיחה מהרשימה כדי לקרוא ולענות.</p>
            </div>
          )}
        </div>
      </div>
    </section>
  );
}
