import type { WhatsAppMessage, WhatsAppStatus } from '../../api/contracts';
import { formatTime } from '../timeline/dayGroups';
import { MessageMedia } from './MessageMedia';
import { isFailure, STATUS_LABELS } from './whatsAppText';

/** WhatsApp's ticks: a clock while queued, one tick sent, two delivered, two blue read. */
function Ticks({ status }: { status: WhatsAppStatus }) {
  const marks = status === 'queued' ? '🕓' : status === 'sent' ? '✓' : '✓✓';
  return (
    <span className={`wa-ticks wa-ticks--${status}`} data-testid="wa-ticks" data-status={status} title={STATUS_LABELS[status]}>
      <span aria-hidden="true">{marks}</span>
      <span className="visually-hidden">{STATUS_LABELS[status]}</span>
    </span>
  );
}

/**
 * One message. In RTL the customer's messages sit at the start side (right) and ours at the end side (left), as in
 * WhatsApp itself with a Hebrew interface. A failed message says why in Hebrew and offers to send it again.
 */
export function MessageBubble({
  message,
  timeZone,
  onRetry,
  retrying,
}: {
  message: WhatsAppMessage;
  timeZone: string;
  onRetry: (message: WhatsAppMessage) => void;
  retrying: boolean;
}) {
  const inbound = message.direction === 'inbound';
  const failed = !inbound && isFailure(message.status);
  return (
    <li
      className={`wa-bubble ${inbound ? 'wa-bubble--in' : 'wa-bubble--out'}${failed ? ' wa-bubble--failed' : ''}`}
      data-testid="wa-message"
      data-direction={message.direction}
      data-message-id={message.id}
    >
      <span className="visually-hidden">{inbound ? 'הלקוח כתב:' : 'אנחנו כתבנו:'}</span>
      {message.media.map((item) => (
        <MessageMedia key={item.index} item={item} />
      ))}
      {message.transcript && (
        <p className="wa-bubble__transcript">
          <span className="muted">תמלול: </span>
          {message.transcript}
        </p>
      )}
      {message.body && <p className="wa-bubble__body">{message.body}</p>}
      {!message.body && message.templateId && <p className="wa-bubble__body muted">תבנית {message.templateId}</p>}
      <span className="wa-bubble__meta">
        <time dateTime={message.createdAt}>{formatTime(message.createdAt, timeZone)}</time>
        {!inbound && !failed && <Ticks status={message.status} />}
      </span>
      {failed && (
        <div className="wa-bubble__failure" role="alert">
          <span>
            {STATUS_LABELS[message.status]}: {message.errorMessage ?? 'ההודעה לא הגיעה ללקוח.'}
          </span>
          <button type="button" className="button" disabled={retrying} onClick={() => onRetry(message)}>
            {retrying ? 'שולח שוב…' : 'שליחה חוזרת'}
          </button>
        </div>
      )}
    </li>
  );
}
