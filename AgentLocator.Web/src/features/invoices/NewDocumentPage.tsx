import { useMutation, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { api, ApiError } from '../../api/client';
import type { Customer, Paged } from '../../api/contracts';
import { Money } from './Money';
import { computeTotals, parseShekels, type LineDraft } from './money';
import { createDraft, DOCUMENT_TYPES, fetchDefaults, invoiceKeys, PAYMENT_METHODS, takesPayments, type DocumentType, type PaymentMethod } from './invoicesApi';

interface LineForm {
  description: string;
  quantity: string;
  price: string;
  discount: string;
}
interface PaymentForm {
  method: PaymentMethod;
  amount: string;
  bank: string;
  branch: string;
  chequeNumber: string;
  cardLastDigits: string;
  appName: string;
}

const emptyLine: LineForm = { description: '', quantity: '1', price: '', discount: '' };
const emptyPayment: PaymentForm = { method: 'cash', amount: '', bank: '', branch: '', chequeNumber: '', cardLastDigits: '', appName: '' };

function toLine(line: LineForm): LineDraft {
  return {
    description: line.description,
    quantity: Number(line.quantity) || 0,
    unitPriceAgorot: parseShekels(line.price) ?? 0,
    discountAgorot: parseShekels(line.discount || '0') ?? 0,
  };
}

/** A customer picked by name from the CRM (first 8 matches). */
function CustomerPicker({ value, onChange }: { value: { id: string; name: string } | null; onChange: (c: { id: string; name: string }) => void }) {
  const [q, setQ] = useState('');
  const matches = useQuery({
    queryKey: ['invoices', 'customer-picker', q],
    queryFn: ({ signal }) => api.get<Paged<Customer>>(`/api/crm/customers?limit=8&q=${encodeURIComponent(q)}`, signal),
    enabled: q.trim().length > 0,
  });
  return (
    <div className="field">
      <label htmlFor="customer-search">לקוח</label>
      {value && <p className="invoices-picked">נבחר: {value.name}</p>}
      <input id="customer-search" value={q} placeholder="חיפוש לפי שם או טלפון" onChange={(e) => setQ(e.target.value)} />
      {matches.data && (
        <ul className="invoices-picker" aria-label="לקוחות">
          {matches.data.items.map((c) => (
            <li key={c.id}>
              <button type="button" className="button button--link" onClick={() => onChange({ id: c.id, name: c.name })}>
                {c.name}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function NewDocumentPage() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const [type, setType] = useState<DocumentType>((params.get('type') as DocumentType) || 'tax_invoice_receipt');
  const referencedDocumentId = params.get('ref') ?? undefined;
  const [customer, setCustomer] = useState<{ id: string; name: string } | null>(
    params.get('customer') ? { id: params.get('customer')!, name: params.get('customerName') ?? '' } : null,
  );
  const [includesVat, setIncludesVat] = useState(false);
  const [lines, setLines] = useState<LineForm[]>([{ ...emptyLine }]);
  const [payments, setPayments] = useState<PaymentForm[]>([{ ...emptyPayment }]);
  const settings = useQuery({ queryKey: invoiceKeys.defaults, queryFn: ({ signal }) => fetchDefaults(signal) });
  const exempt = settings.data?.dealerType === 'exempt';
  const rate = type === 'receipt' || exempt ? 0 : (settings.data?.currentVatPercent ?? 18);
  const totals = computeTotals(lines.map(toLine), rate, includesVat);
  const paid = payments.reduce((sum, p) => sum + (parseShekels(p.amount) ?? 0), 0);

  const save = useMutation({
    mutationFn: () =>
      createDraft({
        type,
        customerId: customer?.id,
        pricesIncludeVat: includesVat,
        referencedDocumentId,
        lines: lines
          .filter((l) => l.description.trim() || l.price)
          .map((l) => ({ ...toLine(l), unitPriceAgorot: parseShekels(l.price), quantity: Number(l.quantity) })),
        payments: takesPayments(type)
          ? payments.map((p) => ({
              method: p.method,
              amountAgorot: parseShekels(p.amount),
              bank: p.bank || undefined,
              branch: p.branch || undefined,
              chequeNumber: p.chequeNumber || undefined,
              cardLastDigits: p.cardLastDigits || undefined,
              appName: p.appName || undefined,
            }))
          : [],
      }),
    onSuccess: (draft) => navigate(`/invoices/${draft.id}`),
  });
  const error = save.error instanceof ApiError ? save.error : null;

  function submit(event: FormEvent) {
    event.preventDefault();
    save.mutate();
  }
  const setLine = (i: number, change: Partial<LineForm>) => setLines((all) => all.map((l, j) => (j === i ? { ...l, ...change } : l)));
  const setPayment = (i: number, change: Partial<PaymentForm>) => setPayments((all) => all.map((p, j) => (j === i ? { ...p, ...change } : p)));

  return (
    <section className="page" aria-labelledby="new-document-title">
      <h1 id="new-document-title">מסמך חדש</h1>
      <form className="card invoices-form" onSubmit={submit} noValidate>
        <label className="field">
          סוג המסמך
          <select value={type} onChange={(e) => setType(e.target.value as DocumentType)}>
            {DOCUMENT_TYPES.map((t) => (
              <option key={t.value} value={t.value}>
                {t.label}
              </option>
            ))}
          </select>
        </label>
        <CustomerPicker value={customer} onChange={setCustomer} />
        <label className="field field--inline">
          <input type="checkbox" checked={includesVat} onChange={(e) => setIncludesVat(e.target.checked)} /> המחירים כוללים מע״מ
        </label>

        <fieldset className="invoices-lines">
          <legend>שורות</legend>
          {lines.map((line, i) => (
            <div className="invoices-line" key={i}>
              <input aria-label={`תיאור שורה ${i + 1}`} placeholder="תיאור" value={line.description} onChange={(e) => setLine(i, { description: e.target.value })} />
              <input aria-label={`כמות שורה ${i + 1}`} inputMode="decimal" value={line.quantity} onChange={(e) => setLine(i, { quantity: e.target.value })} />
              <input aria-label={`מחיר שורה ${i + 1}`} placeholder="מחיר ₪" inputMode="decimal" value={line.price} onChange={(e) => setLine(i, { price: e.target.value })} />
              <input aria-label={`הנחה שורה ${i + 1}`} placeholder="הנחה ₪" inputMode="decimal" value={line.discount} onChange={(e) => setLine(i, { discount: e.target.value })} />
              <Money agorot={totals.lineAmounts[i] ?? 0} />
              {lines.length > 1 && (
                <button type="button" className="button button--link" onClick={() => setLines((all) => all.filter((_, j) => j !== i))}>
                  הסרה
                </button>
              )}
            </div>
          ))}
          <button type="button" className="button" onClick={() => setLines((all) => [...all, { ...emptyLine }])}>
            הוספת שורה
          </button>
        </fieldset>

        <dl className="invoices-totals" aria-label="סיכום">
          <dt>לפני מע״מ</dt>
          <dd>
            <Money agorot={totals.subtotalAgorot} />
          </dd>
          <dt>מע״מ {rate}%</dt>
          <dd>
            <Money agorot={totals.vatAgorot} />
          </dd>
          <dt>סה״כ</dt>
          <dd>
            <Money agorot={totals.totalAgorot} />
          </dd>
        </dl>

        {takesPayments(type) && (
          <fieldset className="invoices-payments">
            <legend>תשלומים</legend>
            {payments.map((p, i) => (
              <div className="invoices-line" key={i}>
                <select aria-label={`אמצעי תשלום ${i + 1}`} value={p.method} onChange={(e) => setPayment(i, { method: e.target.value as PaymentMethod })}>
                  {PAYMENT_METHODS.map((m) => (
                    <option key={m.value} value={m.value}>
                      {m.label}
                    </option>
                  ))}
                </select>
                <input aria-label={`סכום תשלום ${i + 1}`} placeholder="סכום ₪" inputMode="decimal" value={p.amount} onChange={(e) => setPayment(i, { amount: e.target.value })} />
                {p.method === 'cheque' && (
                  <>
                    <input aria-label="בנק" placeholder="בנק" value={p.bank} onChange={(e) => setPayment(i, { bank: e.target.value })} />
                    <input aria-label="סניף" placeholder="סניף" value={p.branch} onChange={(e) => setPayment(i, { branch: e.target.value })} />
                    <input aria-label="מספר המחאה" placeholder="מספר המחאה" value={p.chequeNumber} onChange={(e) => setPayment(i, { chequeNumber: e.target.value })} />
                  </>
                )}
                {p.method === 'card' && (
                  <input aria-label="4 ספרות אחרונות" placeholder="4 ספרות אחרונות" value={p.cardLastDigits} onChange={(e) => setPayment(i, { cardLastDigits: e.target.value })} />
                )}
                {p.method === 'app' && (
                  <input aria-label="שם האפליקציה" placeholder="Bit / PayBox" value={p.appName} onChange={(e) => setPayment(i, { appName: e.target.value })} />
                )}
              </div>
            ))}
            <button type="button" className="button" onClick={() => setPayments((all) => [...all, { ...emptyPayment }])}>
              הוספת תשלום
            </button>
            {paid !== totals.totalAgorot && (
              <p className="muted">
                התשלומים: <Money agorot={paid} />, הסכום לתשלום: <Money agorot={totals.totalAgorot} />
              </p>
            )}
          </fieldset>
        )}

        {error && (
          <div className="form-error" role="alert">
            <p>{error.title}</p>
            {error.errors && (
              <ul>
                {Object.entries(error.errors).map(([field, messages]) => (
                  <li key={field}>
                    {field}: {messages.join(' ')}
                  </li>
                ))}
              </ul>
            )}
          </div>
        )}
        <button type="submit" className="button button--primary" disabled={save.isPending}>
          שמירת טיוטה
        </button>
      </form>
    </section>
  );
}
