import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router-dom';
import { ApiError } from '../../api/client';
import { ErrorState, LoadingState } from '../../ui/StatusViews';
import { createRequest, fetchCustomerRequests, ROLE_LABELS, signatureKeys, STATUS_LABELS, type SignerRole } from './signaturesApi';
import { FileInput } from '../../ui/forms/FileInput';
import { Select } from '../../ui/forms/Select';
import { DeliveryField, type SignatureDelivery } from './DeliveryField';
import './Signatures.css';

interface SignerRow {
  name: string;
  phone: string;
  role: SignerRole;
}

/** The customer page's "חתימות" tab: the customer's requests, and a form for a new one from a PDF. */
export function CustomerSignaturesPanel({ customerId, customerName, customerPhone }: { customerId: string; customerName: string; customerPhone: string | null }) {
  const [creating, setCreating] = useState(false);
  const list = useQuery({ queryKey: signatureKeys.customer(customerId), queryFn: ({ signal }) => fetchCustomerRequests(customerId, signal) });
  return (
    <div className="customer-signatures">
      {creating ? (
        <NewRequestForm customerId={customerId} customerName={customerName} customerPhone={customerPhone} onCancel={() => setCreating(false)} />
      ) : (
        <button type="button" className="button button--primary" onClick={() => setCreating(true)}>
          בקשת חתימה חדשה
        </button>
      )}
      {list.isPending ? (
        <LoadingState message="טוען בקשות…" />
      ) : list.isError ? (
        <ErrorState title="לא ניתן לטעון את הבקשות" onRetry={() => void list.refetch()} />
      ) : list.data.length === 0 ? (
        <p className="muted">עדיין לא נשלחו ללקוח בקשות חתימה.</p>
      ) : (
        <ul className="signature-list">
          {list.data.map((item) => (
            <li key={item.id} className="signature-list__item">
              <Link to={`/signatures/${item.id}`}>
                <strong>{item.title}</strong>
                <span className={`signature-status signature-status--${item.status}`}>{STATUS_LABELS[item.status]}</span>
                <span className="muted">
                  {item.signed}/{item.signers} חתמו
                </span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function NewRequestForm({ customerId, customerName, customerPhone, onCancel }: {
  customerId: string;
  customerName: string;
  customerPhone: string | null;
  onCancel: () => void;
}) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [title, setTitle] = useState('');
  const [ordered, setOrdered] = useState(false);
  const [requireCode, setRequireCode] = useState(false);
  const [delivery, setDelivery] = useState<SignatureDelivery>('sms');
  const [signers, setSigners] = useState<SignerRow[]>([{ name: customerName, phone: customerPhone ?? '', role: 'customer' }]);
  const create = useMutation({
    mutationFn: () => {
      const form = new FormData();
      form.append('file', file!);
      form.append('title', title.trim());
      form.append('signers', JSON.stringify(signers));
      form.append('ordered', String(ordered));
      form.append('requireCode', String(requireCode));
      form.append('delivery', delivery);
      return createRequest(customerId, form);
    },
    onSuccess: (created) => {
      void queryClient.invalidateQueries({ queryKey: signatureKeys.all });
      navigate(`/signatures/${created.id}`);
    },
  });
  const setSigner = (index: number, change: Partial<SignerRow>) =>
    setSigners(signers.map((signer, at) => (at === index ? { ...signer, ...change } : signer)));
  const fieldErrors = create.error instanceof ApiError ? create.error.errors ?? {} : {};

  return (
    <form
      className="signature-form"
      onSubmit={(event) => {
        event.preventDefault();
        create.mutate();
      }}
    >
      <h3>בקשת חתימה חדשה</h3>
      <label className="field">
        <span>קובץ PDF (עד 20MB)</span>
        <FileInput accept="application/pdf" file={file} onFile={setFile} required />
        {fieldErrors.file && <span className="field__error">{fieldErrors.file[0]}</span>}
      </label>
      <label className="field">
        <span>שם המסמך</span>
        <input value={title} maxLength={200} onChange={(event) => setTitle(event.target.value)} required />
      </label>
      <fieldset className="signature-form__signers">
        <legend>חותמים</legend>
        {signers.map((signer, index) => (
          <div key={index} className="signature-form__signer">
            <input aria-label={`שם חותם ${index + 1}`} value={signer.name} onChange={(event) => setSigner(index, { name: event.target.value })} required />
            <input aria-label={`טלפון חותם ${index + 1}`} dir="ltr" inputMode="tel" value={signer.phone} onChange={(event) => setSigner(index, { phone: event.target.value })} required />
            <Select aria-label={`תפקיד חותם ${index + 1}`} value={signer.role} onChange={(event) => setSigner(index, { role: event.target.value as SignerRole })}>
              {Object.entries(ROLE_LABELS).map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </Select>
            {signers.length > 1 && (
              <button type="button" className="button button--link" onClick={() => setSigners(signers.filter((_, at) => at !== index))}>
                הסרה
              </button>
            )}
          </div>
        ))}
        <button type="button" className="button" onClick={() => setSigners([...signers, { name: '', phone: '', role: 'co_signer' }])}>
          הוספת חותם
        </button>
      </fieldset>
      <label>
        <input type="checkbox" checked={ordered} onChange={(event) => setOrdered(event.target.checked)} /> חתימה לפי הסדר (כל חותם מקבל קישור אחרי הקודם)
      </label>
      <label>
        <input type="checkbox" checked={requireCode} onChange={(event) => setRequireCode(event.target.checked)} /> אימות בקוד SMS לפני חתימה
      </label>
      <DeliveryField value={delivery} onChange={setDelivery} many />
      {create.isError && (
        <p role="alert" className="form-error">
          {create.error instanceof ApiError ? Object.values(create.error.errors ?? {}).flat()[0] ?? create.error.message : 'השליחה נכשלה'}
        </p>
      )}
      <div className="sign-page__actions">
        <button type="submit" className="button button--primary" disabled={!file || create.isPending}>
          שליחה לחתימה
        </button>
        <button type="button" className="button" onClick={onCancel}>
          ביטול
        </button>
      </div>
    </form>
  );
}
