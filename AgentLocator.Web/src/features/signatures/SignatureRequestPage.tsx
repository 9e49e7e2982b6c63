import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useParams } from 'react-router-dom';
import { useState } from 'react';
import { ApiError } from '../../api/client';
import { ErrorState, LoadingState } from '../../ui/StatusViews';
import { useMe } from '../shell/useMe';
import { DEFAULT_TIME_ZONE } from '../../time/zonedTime';
import { formatDate } from '../../time/formatting';
import { HubEvents, HubMethods, useHubEvent, useHubSubscription } from '../../realtime';
import {
  cancelRequest,
  copySignerLink,
  EVENT_LABELS,
  fetchRequest,
  originalPdf,
  remindRequest,
  ROLE_LABELS,
  saveBlob,
  signatureKeys,
  signedPdf,
  STATUS_LABELS,
  type SignatureRequest,
} from './signaturesApi';

/**
 * One request: its signers' states, the audit trail, and the agent's actions. It updates live: every step is a
 * `signature` event on the business's timeline feed, which this page watches and answers by fetching the request again.
 */
export function SignatureRequestPage() {
  const { id = '' } = useParams();
  const queryClient = useQueryClient();
  const timeZone = useMe().data?.business.timeZone || DEFAULT_TIME_ZONE;
  const request = useQuery({ queryKey: signatureKeys.detail(id), queryFn: ({ signal }) => fetchRequest(id, signal) });
  useHubSubscription(HubMethods.watchBusinessTimeline, HubMethods.unwatchBusinessTimeline, []);
  useHubEvent(HubEvents.timelineItem, (item: { kind?: string; link?: string | null }) => {
    if (item.kind === 'signature' && item.link?.endsWith(id)) void queryClient.invalidateQueries({ queryKey: signatureKeys.detail(id) });
  });
  const [copied, setCopied] = useState<string | null>(null);
  const store = (next: SignatureRequest) => queryClient.setQueryData(signatureKeys.detail(id), next);
  const remind = useMutation({ mutationFn: () => remindRequest(id), onSuccess: store });
  const cancel = useMutation({ mutationFn: () => cancelRequest(id), onSuccess: store });
  const copy = useMutation({
    mutationFn: (signerId: string) => copySignerLink(id, signerId),
    onSuccess: async (link) => {
      setCopied(link.url);
      await navigator.clipboard?.writeText(link.url).catch(() => undefined);
    },
  });
  const download = useMutation({ mutationFn: async () => saveBlob(await signedPdf(id), 'signed.pdf') });
  const error = [remind, cancel, copy, download].find((m) => m.isError)?.error;

  if (request.isPending) return <LoadingState message="טוען את הבקשה…" />;
  if (request.isError) {
    return <ErrorState title={request.error instanceof ApiError && request.error.status === 404 ? 'הבקשה לא נמצאה' : 'לא ניתן לטעון את הבקשה'} />;
  }
  const data = request.data;
  const waiting = data.status === 'sent' || data.status === 'viewed';
  return (
    <section className="page signature-request" aria-labelledby="request-title">
      <div className="page__header">
        <div>
          <h1 id="request-title">{data.title}</h1>
          <p className="muted">
            {data.customerName} · {data.ordered ? 'לפי סדר' : 'כולם במקביל'} · {data.requireCode ? 'עם קוד SMS' : 'ללא קוד'}
          </p>
        </div>
        <span className={`signature-status signature-status--${data.status}`} data-testid="request-status">
          {STATUS_LABELS[data.status]}
        </span>
      </div>
      <div className="page__actions signature-request__actions">
        {data.signedSha256 && (
          <button type="button" className="button button--primary" onClick={() => download.mutate()}>
            הורדת המסמך החתום
          </button>
        )}
        <button type="button" className="button" onClick={async () => saveBlob(await originalPdf(id), 'document.pdf')}>
          המסמך המקורי
        </button>
        {waiting && (
          <>
            <button type="button" className="button" disabled={remind.isPending} onClick={() => remind.mutate()}>
              שליחת תזכורת
            </button>
            <button type="button" className="button button--danger" disabled={cancel.isPending} onClick={() => window.confirm('לבטל את הבקשה?') && cancel.mutate()}>
              ביטול הבקשה
            </button>
          </>
        )}
      </div>
      {error && <p role="alert" className="form-error">{error instanceof ApiError ? error.message : 'הפעולה נכשלה'}</p>}
      {data.smsProblems?.map((problem) => (
        <p key={problem} role="alert" className="form-error">{problem}</p>
      ))}
      {copied && (
        <p role="status" className="signature-request__link">
          הקישור הועתק: <span dir="ltr">{copied}</span>
        </p>
      )}
      <h2>חותמים</h2>
      <ul className="signature-signers">
        {data.signers.map((signer) => (
          <li key={signer.id} className="signature-signers__item" data-testid={`signer-${signer.position}`}>
            <strong>
              {signer.position}. {signer.name}
            </strong>
            <span>{ROLE_LABELS[signer.role]}</span>
            <span dir="ltr">{signer.phone}</span>
            <span className={`signature-status signature-status--${signer.status}`}>{STATUS_LABELS[signer.status]}</span>
            {signer.signedAt && <span className="muted">נחתם {formatDate(signer.signedAt, timeZone, true)}</span>}
            {signer.declineReason && <span>סיבה: {signer.declineReason}</span>}
            {waiting && (signer.status === 'sent' || signer.status === 'viewed') && (
              <button type="button" className="button button--link" onClick={() => copy.mutate(signer.id)}>
                העתקת קישור
              </button>
            )}
          </li>
        ))}
      </ul>
      <h2>יומן הבקשה</h2>
      <ol className="signature-trail">
        {data.events.map((event) => (
          <li key={event.id}>
            <span>{formatDate(event.occurredAt, timeZone, true)}</span> <strong>{EVENT_LABELS[event.action] ?? event.action}</strong>
            {event.actorName && <span> · {event.actorName}</span>}
            {event.detail && <span> · {event.detail}</span>}
            {event.ip && (
              <span className="muted" dir="ltr">
                {' '}
                {event.ip}
              </span>
            )}
          </li>
        ))}
      </ol>
      <p className="muted signature-request__hash">
        SHA-256 של המקור: <span dir="ltr">{data.originalSha256}</span>
      </p>
    </section>
  );
}
