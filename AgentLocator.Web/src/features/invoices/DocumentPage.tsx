import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { ApiError } from '../../api/client';
import { Select } from '../../ui/forms/Select';
import { ErrorState, LoadingState } from '../../ui/StatusViews';
import { useBusinessTimeZone, useMe } from '../shell/useMe';
import { DocumentHistoryList } from './DocumentHistoryList';
import { Money } from './Money';
import {
  convertQuote,
  createLink,
  fetchDocument,
  fetchDocumentHistory,
  fetchPdf,
  invoiceKeys,
  issueDocument,
  cancelRefused,
  retryAllocation,
  sendDocument,
  type SendChannel,
  type TaxDocument,
} from './invoicesApi';

function newDocumentLink(type: string, document: TaxDocument) {
  const params = new URLSearchParams({ type, ref: document.id, customer: document.customer.id, customerName: document.customer.name });
  return `/invoices/new?${params}`;
}

/** One document: its content, issue (after a confirmation), PDF, public link, and the follow-ups its type allows. */
export function DocumentPage() {
  const { id = '' } = useParams();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [confirming, setConfirming] = useState(false);
  const [linkMessage, setLinkMessage] = useState<string | null>(null);
  const [smsPhone, setSmsPhone] = useState('');
  const [channel, setChannel] = useState<SendChannel>('sms');
  const hasWhatsApp = useMe().data?.features.includes('whatsapp') ?? false;
  const send = useMutation({
    mutationFn: () => sendDocument(id, smsPhone, hasWhatsApp ? channel : 'sms'),
    onSuccess: (sent) => {
      setLinkMessage(`הקישור נשלח ב-${sent.channel === 'whatsapp' ? 'WhatsApp' : 'SMS'} אל ${sent.to}`);
      void queryClient.invalidateQueries({ queryKey: invoiceKeys.history(id) });
    },
    onError: (error) =>
      setLinkMessage(
        error instanceof ApiError
          ? [error.title, error.detail, ...Object.values(error.errors ?? {}).flat()].filter(Boolean).join(' ')
          : 'השליחה נכשלה',
      ),
  });
  const document = useQuery({ queryKey: invoiceKeys.detail(id), queryFn: ({ signal }) => fetchDocument(id, signal) });
  const history = useQuery({ queryKey: invoiceKeys.history(id), queryFn: ({ signal }) => fetchDocumentHistory(id, signal) });
  const timeZone = useBusinessTimeZone();
  const issue = useMutation({
    mutationFn: () => issueDocument(id),
    onSuccess: (issued) => {
      setConfirming(false);
      queryClient.setQueryData(invoiceKeys.detail(id), issued);
      void queryClient.invalidateQueries({ queryKey: invoiceKeys.all });
    },
  });
  const retry = useMutation({
    mutationFn: () => retryAllocation(id),
    onSuccess: (updated) => {
      queryClient.setQueryData(invoiceKeys.detail(id), updated);
      void queryClient.invalidateQueries({ queryKey: invoiceKeys.all });
    },
  });
  const cancel = useMutation({
    mutationFn: () => cancelRefused(id),
    onSuccess: (updated) => {
      queryClient.setQueryData(invoiceKeys.detail(id), updated);
      void queryClient.invalidateQueries({ queryKey: invoiceKeys.all });
    },
  });
  const convert = useMutation({ mutationFn: () => convertQuote(id, 'tax_invoice'), onSuccess: (draft) => navigate(`/invoices/${draft.id}`) });

  async function downloadPdf(open: boolean) {
    const blob = await fetchPdf(id);
    const url = URL.createObjectURL(blob);
    if (open) {
      window.open(url, '_blank', 'noopener');
    } else {
      const d = document.data!;
      const link = Object.assign(window.document.createElement('a'), { href: url, download: `${d.type}-${d.number ?? 'draft'}.pdf` });
      link.click();
    }
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
    void queryClient.invalidateQueries({ queryKey: invoiceKeys.detail(id) });
  }

  async function copyLink() {
    const link = await createLink(id);
    const url = new URL(link.url, window.location.origin).toString();
    try {
      await navigator.clipboard.writeText(url);
      setLinkMessage('הקישור הועתק');
    } catch {
      setLinkMessage(url);
    }
  }

  if (document.isPending) return <LoadingState message="טוען מסמך…" />;
  if (document.isError) {
    const notFound = document.error instanceof ApiError && document.error.status === 404;
    return <ErrorState title={notFound ? 'המסמך לא נמצא' : 'לא ניתן לטעון את המסמך'} onRetry={notFound ? undefined : () => void document.refetch()} />;
  }
  const d = document.data;
  const isInvoice = d.type === 'tax_invoice' || d.type === 'tax_invoice_receipt';
  const issueError = issue.error instanceof ApiError ? issue.error : null;

  return (
    <section className="page" aria-labelledby="document-title">
      <div className="page__header">
        <h1 id="document-title">
          {d.typeName} {d.number != null && <bdi dir="ltr">{d.number}</bdi>}
          {d.status === 'draft' && <span className="badge">טיוטה</span>}
          {d.status === 'pending_allocation' && <span className="badge">ממתין למספר הקצאה</span>}
          {d.status === 'cancelled' && <span className="badge">בוטל</span>}
        </h1>
        <Link to="/invoices">לכל המסמכים</Link>
      </div>
      {d.status === 'pending_allocation' && (
        <div className="card" role="status" aria-label="מספר הקצאה">
          <p>
            המסמך קיבל מספר אך לא יישלח ללקוח עד שרשות המסים תקצה לו מספר הקצאה.
            {d.allocation?.reason && <> סיבה: {d.allocation.reason}</>}
          </p>
          {d.allocation?.state === 'pending' && d.allocation.nextAttemptAt && (
            <p className="muted">
              ניסיון נוסף אוטומטי: <bdi dir="ltr">{new Date(d.allocation.nextAttemptAt).toLocaleTimeString('he-IL')}</bdi>
            </p>
          )}
          <button type="button" className="button button--primary" disabled={retry.isPending} onClick={() => retry.mutate()}>
            ניסיון חוזר
          </button>
          {d.allocation?.state === 'refused' && (
            <button type="button" className="button" disabled={cancel.isPending} onClick={() => cancel.mutate()}>
              ביטול המסמך (המספר נשמר)
            </button>
          )}
          {retry.error instanceof ApiError && <p className="form-error">{retry.error.title}</p>}
          {cancel.error instanceof ApiError && <p className="form-error">{cancel.error.title}</p>}
        </div>
      )}
      <div className="card">
        <p>
          לקוח: <Link to={`/customers/${d.customer.id}`}>{d.customer.name}</Link> · תאריך <bdi dir="ltr">{d.documentDate}</bdi>
          {d.allocationNumber && (
            <>
              {' '}
              · מספר הקצאה <bdi dir="ltr">{d.allocationNumber}</bdi>
            </>
          )}
        </p>
        <table className="data-table invoices-table">
          <thead>
            <tr>
              <th>תיאור</th>
              <th>כמות</th>
              <th>מחיר</th>
              <th>סכום</th>
            </tr>
          </thead>
          <tbody>
            {d.lines.map((l) => (
              <tr key={l.position}>
                <td>{l.description}</td>
                <td>{l.quantity}</td>
                <td>
                  <Money agorot={l.unitPriceAgorot} />
                </td>
                <td>
                  <Money agorot={l.amountAgorot} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <dl className="invoices-totals">
          <dt>לפני מע״מ</dt>
          <dd>
            <Money agorot={d.subtotalAgorot} />
          </dd>
          <dt>מע״מ {d.vatRatePercent}%</dt>
          <dd>
            <Money agorot={d.vatAgorot} />
          </dd>
          <dt>סה״כ</dt>
          <dd>
            <Money agorot={d.totalAgorot} />
          </dd>
          {d.balance && (
            <>
              <dt>יתרה פתוחה</dt>
              <dd>
                <Money agorot={d.balance.openAgorot} />
              </dd>
            </>
          )}
        </dl>
        {d.payments.length > 0 && (
          <ul aria-label="תשלומים">
            {d.payments.map((p) => (
              <li key={p.position}>
                {p.methodName} <Money agorot={p.amountAgorot} />
              </li>
            ))}
          </ul>
        )}
      </div>

      <div className="page__actions invoices-actions">
        {d.status === 'draft' &&
          (confirming ? (
            <div role="alertdialog" aria-label="אישור הפקה" className="card">
              <p>מסמך שהופק מקבל מספר ואינו ניתן לשינוי או למחיקה. להפיק?</p>
              <button type="button" className="button button--primary" disabled={issue.isPending} onClick={() => issue.mutate()}>
                אישור והפקה
              </button>
              <button type="button" className="button" onClick={() => setConfirming(false)}>
                ביטול
              </button>
            </div>
          ) : (
            <button type="button" className="button button--primary" onClick={() => setConfirming(true)}>
              הפקת המסמך
            </button>
          ))}
        <button type="button" className="button" onClick={() => void downloadPdf(false)}>
          הורדת PDF
        </button>
        <button type="button" className="button" onClick={() => void downloadPdf(true)}>
          פתיחת PDF
        </button>
        {d.status === 'issued' && (
          <button type="button" className="button" onClick={() => void copyLink()}>
            העתקת קישור ללקוח
          </button>
        )}
        {d.status === 'issued' && (
          <span className="field field--inline">
            <input
              type="tel"
              dir="ltr"
              aria-label="טלפון לשליחה (ריק: הטלפון של הלקוח)"
              placeholder="טלפון הלקוח"
              value={smsPhone}
              onChange={(e) => setSmsPhone(e.target.value)}
            />
            {hasWhatsApp && (
              <Select aria-label="ערוץ השליחה" value={channel} onChange={(e) => setChannel(e.target.value as SendChannel)}>
                <option value="sms">SMS</option>
                <option value="whatsapp">WhatsApp</option>
              </Select>
            )}
            <button type="button" className="button" disabled={send.isPending} onClick={() => send.mutate()}>
              {hasWhatsApp && channel === 'whatsapp' ? 'שליחה ב-WhatsApp' : 'שליחה ב-SMS'}
            </button>
          </span>
        )}
        {d.status === 'issued' && d.type === 'quote' && (
          <button type="button" className="button" onClick={() => convert.mutate()}>
            המרה לחשבונית מס
          </button>
        )}
        {d.status === 'issued' && isInvoice && (d.balance?.creditableAgorot ?? 0) > 0 && (
          <Link className="button" to={newDocumentLink('credit_invoice', d)}>
            חשבונית זיכוי
          </Link>
        )}
        {d.status === 'issued' && d.type === 'tax_invoice' && (d.balance?.openAgorot ?? 0) > 0 && (
          <Link className="button" to={newDocumentLink('receipt', d)}>
            רישום קבלה
          </Link>
        )}
      </div>
      {linkMessage && <p role="status">{linkMessage}</p>}
      {issueError && (
        <div className="form-error" role="alert">
          <p>{issueError.title}</p>
          {issueError.detail && <p>{issueError.detail}</p>}
        </div>
      )}
      <section className="card" aria-labelledby="document-history-title">
        <h2 id="document-history-title">היסטוריה</h2>
        {history.isPending && <p className="muted">טוען היסטוריה…</p>}
        {history.isError && <p className="form-error">לא ניתן לטעון את היסטוריית המסמך.</p>}
        {history.data && <DocumentHistoryList events={history.data.events} timeZone={timeZone} />}
      </section>
    </section>
  );
}
