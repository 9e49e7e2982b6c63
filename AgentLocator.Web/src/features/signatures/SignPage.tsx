import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useParams } from 'react-router-dom';
import { ApiError } from '../../api/client';
import { ErrorState, LoadingState } from '../../ui/StatusViews';
import { SignaturePad, type PadValue } from './SignaturePad';
import { FieldOverlay, FieldPanel, missingFields, signingFieldName, type FieldValues } from './SigningFields';
import {
  decline,
  fetchSigningView,
  pageImageUrl,
  ROLE_LABELS,
  sendCode,
  sign,
  signedCopyUrl,
  STATUS_LABELS,
  verifyCode,
  type SigningView,
} from './signaturesApi';
import './Signatures.css';

/** The signer's page, no login: the document, then consent, an optional SMS code, and a drawn or typed signature. */
export function SignPage() {
  const { token = '' } = useParams();
  const queryClient = useQueryClient();
  const key = ['sign', token];
  const view = useQuery({ queryKey: key, queryFn: ({ signal }) => fetchSigningView(token, signal), retry: false });
  const update = (next: SigningView) => queryClient.setQueryData(key, next);
  const [values, setValues] = useState<FieldValues>({});
  const [active, setActive] = useState<string | null>(null);

  if (view.isPending) return <LoadingState message="טוען את המסמך…" fullPage />;
  if (view.isError) {
    const status = view.error instanceof ApiError ? view.error.status : 0;
    return (
      <main className="sign-page" dir="rtl">
        <ErrorState
          title={status === 410 ? 'הקישור כבר אינו בתוקף' : status === 404 ? 'הקישור אינו תקין' : 'לא ניתן לטעון את המסמך'}
          onRetry={status === 410 || status === 404 ? undefined : () => void view.refetch()}
        >
          <p>{status === 410 ? 'תוקף הבקשה פג, או שהיא בוטלה. פנו לעסק לקבלת קישור חדש.' : 'בדקו את הקישור שקיבלתם.'}</p>
        </ErrorState>
      </main>
    );
  }
  const data = view.data;
  return (
    <main className="sign-page" dir="rtl">
      <header className="sign-page__header">
        <p className="muted">{data.businessName} מבקש/ת את חתימתך</p>
        <h1>{data.title}</h1>
        <p className="muted">
          {data.signerName} · {ROLE_LABELS[data.role]} · {data.signersSigned} מתוך {data.signersTotal} חתמו
        </p>
      </header>
      <section className="sign-page__document" aria-label="המסמך">
        {Array.from({ length: data.pageCount }, (_, index) => (
          <SigningSheet
            key={index}
            token={token}
            page={index + 1}
            view={data}
            values={values}
            active={active}
            onOpen={setActive}
            onValue={(fieldKey, value) => setValues((current) => ({ ...current, [fieldKey]: value }))}
          />
        ))}
      </section>
      {data.canSign ? <SignForm token={token} view={data} values={values} onDone={update} /> : <Finished token={token} view={data} />}
    </main>
  );
}

/**
 * One page of the document with the signer's fields over it. The fields appear once the page image has loaded (or
 * failed): before that the sheet has no height, and a field tapped while the image arrives jumps from under the finger.
 */
function SigningSheet({
  token,
  page,
  view,
  values,
  active,
  onOpen,
  onValue,
}: {
  token: string;
  page: number;
  view: SigningView;
  values: FieldValues;
  active: string | null;
  onOpen: (key: string | null) => void;
  onValue: (key: string, value: string) => void;
}) {
  const [imageSettled, setImageSettled] = useState(false);
  const onPage = (view.fields ?? []).filter((field) => field.page === page);
  const open = onPage.find((field) => field.key === active);
  return (
    <div className="sign-page__sheet" data-testid={`sign-sheet-${page}`} data-ready={imageSettled || undefined}>
      <a href={pageImageUrl(token, page)} target="_blank" rel="noreferrer" className="sign-page__page">
        <img
          src={pageImageUrl(token, page)}
          alt={`עמוד ${page} מתוך ${view.pageCount}`}
          loading="lazy"
          onLoad={() => setImageSettled(true)}
          onError={() => setImageSettled(true)}
        />
      </a>
      {imageSettled && onPage.length > 0 && (
        <FieldOverlay
          fields={onPage}
          values={view.canSign ? values : undefined}
          active={active}
          onOpen={onOpen}
          onToggle={(fieldKey) => onValue(fieldKey, values[fieldKey] === 'true' ? 'false' : 'true')}
        />
      )}
      {open && view.canSign && (
        <FieldPanel
          key={open.key}
          field={open}
          value={values[open.key]}
          onClose={() => onOpen(null)}
          onSave={(value) => {
            onValue(open.key, value);
            onOpen(null);
          }}
        />
      )}
    </div>
  );
}

function Finished({ token, view }: { token: string; view: SigningView }) {
  return (
    <section className="sign-page__done" role="status">
      <h2>{view.status === 'signed' ? 'חתמת על המסמך. תודה!' : view.status === 'declined' ? 'סירבת לחתום על המסמך.' : STATUS_LABELS[view.status]}</h2>
      {view.signedCopyReady ? (
        <a className="button button--primary" href={signedCopyUrl(token)} download="signed.pdf">
          הורדת העותק החתום
        </a>
      ) : (
        view.status === 'signed' && <p className="muted">העותק החתום יהיה זמין להורדה כשכל החותמים יחתמו.</p>
      )}
    </section>
  );
}

function SignForm({ token, view, values, onDone }: { token: string; view: SigningView; values: FieldValues; onDone: (view: SigningView) => void }) {
  const [consent, setConsent] = useState(false);
  const [pad, setPad] = useState<PadValue | null>(null);
  const [code, setCode] = useState('');
  const [codeSent, setCodeSent] = useState(false);
  const [declining, setDeclining] = useState(false);
  const [reason, setReason] = useState('');
  const needsCode = view.requireCode && !view.codeVerified;

  const codeRequest = useMutation({ mutationFn: () => sendCode(token), onSuccess: () => setCodeSent(true) });
  const codeCheck = useMutation({ mutationFn: () => verifyCode(token, code.trim()), onSuccess: onDone });
  const fields = view.fields ?? [];
  const missing = missingFields(fields, values);
  const signing = useMutation({
    mutationFn: () => sign(token, pad!.png, pad!.typedName, fields.length > 0 ? values : undefined),
    onSuccess: onDone,
  });
  const declineRequest = useMutation({ mutationFn: () => decline(token, reason.trim()), onSuccess: onDone });
  const error = [codeRequest, codeCheck, signing, declineRequest].find((m) => m.isError)?.error;

  if (declining) {
    return (
      <section className="sign-page__form">
        <h2>סירוב לחתום</h2>
        <label className="field">
          <span>סיבת הסירוב</span>
          <textarea value={reason} maxLength={1000} rows={3} onChange={(event) => setReason(event.target.value)} required />
        </label>
        {error && <p role="alert" className="form-error">{problemText(error)}</p>}
        <div className="sign-page__actions">
          <button type="button" className="button button--danger" disabled={!reason.trim() || declineRequest.isPending} onClick={() => declineRequest.mutate()}>
            שליחת הסירוב
          </button>
          <button type="button" className="button" onClick={() => setDeclining(false)}>
            חזרה
          </button>
        </div>
      </section>
    );
  }

  return (
    <section className="sign-page__form">
      {needsCode && (
        <div className="sign-page__code">
          <h2>אימות בקוד חד-פעמי</h2>
          {!codeSent ? (
            <button type="button" className="button" disabled={codeRequest.isPending} onClick={() => codeRequest.mutate()}>
              שליחת קוד ב-SMS
            </button>
          ) : (
            <div className="sign-page__code-row">
              <label className="field">
                <span>הקוד שקיבלת ב-SMS</span>
                <input inputMode="numeric" autoComplete="one-time-code" maxLength={6} value={code} onChange={(event) => setCode(event.target.value)} dir="ltr" />
              </label>
              <button type="button" className="button" disabled={code.trim().length !== 6 || codeCheck.isPending} onClick={() => codeCheck.mutate()}>
                אימות
              </button>
            </div>
          )}
        </div>
      )}
      {!needsCode && (
        <>
          <h2>חתימה</h2>
          <SignaturePad onChange={setPad} />
          <label className="sign-page__consent">
            <input type="checkbox" checked={consent} onChange={(event) => setConsent(event.target.checked)} /> {view.consentText}
          </label>
        </>
      )}
      {!needsCode && missing.length > 0 && (
        <p className="muted" data-testid="missing-fields">
          יש למלא במסמך: {missing.map(signingFieldName).join(', ')}
        </p>
      )}
      {error && <p role="alert" className="form-error">{problemText(error)}</p>}
      <div className="sign-page__actions">
        {!needsCode && (
          <button
            type="button"
            className="button button--primary"
            disabled={!consent || !pad || missing.length > 0 || signing.isPending}
            onClick={() => signing.mutate()}
          >
            חתימה על המסמך
          </button>
        )}
        <button type="button" className="button" onClick={() => setDeclining(true)}>
          סירוב לחתום
        </button>
      </div>
    </section>
  );
}

/** The signer reads Hebrew only: the API's own Hebrew messages (a wrong code) pass through, the rest by status. */
function problemText(error: unknown): string {
  if (!(error instanceof ApiError)) return 'הפעולה נכשלה; בדקו את החיבור ונסו שוב.';
  switch (error.status) {
    case 429:
      return 'יותר מדי ניסיונות. המתינו דקה ונסו שוב.';
    case 409:
      return 'המסמך כבר נחתם או סורב בקישור הזה.';
    case 410:
      return 'הקישור כבר אינו בתוקף.';
    case 403:
      return 'יש לאמת את הקוד שנשלח ב-SMS לפני החתימה.';
    default:
      return /[\u0590-\u05FF]/.test(error.message) ? error.message : 'הפעולה נכשלה; נסו שוב.';
  }
}
