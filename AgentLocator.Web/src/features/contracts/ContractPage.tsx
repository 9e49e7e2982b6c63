import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { Link, useParams } from 'react-router-dom';
import { ErrorState, LoadingState } from '../../ui/StatusViews';
import { useMe } from '../shell/useMe';
import { SendForSignature } from './SendForSignature';
import { contractKeys, fetchContract, fetchContractPdf, openPdf, patchContract, STATUS_LABELS } from './contractsApi';

/** One contract: its status, customer, field values, its PDF, sending a draft for signature, and cancelling while it can. */
export function ContractPage() {
  const { id = '' } = useParams();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const [sending, setSending] = useState(false);
  const canSign = useMe().data?.features.includes('signatures') ?? false;
  const contract = useQuery({ queryKey: contractKeys.detail(id), queryFn: ({ signal }) => fetchContract(id, signal) });
  const cancel = useMutation({
    mutationFn: () => patchContract(id, { status: 'cancelled' }),
    onSuccess: (updated) => {
      setConfirming(false);
      queryClient.setQueryData(contractKeys.detail(id), updated);
      void queryClient.invalidateQueries({ queryKey: contractKeys.all });
    },
  });
  const pdf = useMutation({ mutationFn: () => fetchContractPdf(id), onSuccess: openPdf });

  if (contract.isPending) return <LoadingState message="טוען את החוזה…" />;
  if (contract.isError) return <ErrorState title="לא ניתן לטעון את החוזה" onRetry={() => void contract.refetch()} />;
  const c = contract.data;

  return (
    <section className="page" aria-labelledby="contract-title">
      <div className="page__header">
        <h1 id="contract-title">{c.title}</h1>
        <div className="page__actions">
          <button type="button" className="button button--primary" onClick={() => pdf.mutate()} disabled={pdf.isPending}>
            {pdf.isPending ? 'מכין PDF…' : 'פתיחת PDF'}
          </button>
          {canSign && c.status === 'draft' && !sending && (
            <button type="button" className="button button--primary" onClick={() => setSending(true)}>
              שליחה לחתימה
            </button>
          )}
          {c.allowedMoves.includes('cancelled') && !confirming && (
            <button type="button" className="button button--danger" onClick={() => setConfirming(true)}>
              ביטול החוזה
            </button>
          )}
        </div>
      </div>
      {pdf.isError && <p role="alert">לא ניתן להכין את ה-PDF כעת; נסו שוב.</p>}
      {sending && <SendForSignature contractId={c.id} customerName={c.customer.name} onClose={() => setSending(false)} />}
      {confirming && (
        <div className="card" role="alertdialog" aria-labelledby="cancel-title">
          <p id="cancel-title">לבטל את החוזה? לא ניתן לחזור מכך.</p>
          <div className="page__actions">
            <button type="button" className="button button--danger" onClick={() => cancel.mutate()} disabled={cancel.isPending}>
              אישור ביטול
            </button>
            <button type="button" className="button" onClick={() => setConfirming(false)}>
              חזרה
            </button>
          </div>
          {cancel.isError && <p role="alert">הביטול לא בוצע; רעננו ונסו שוב.</p>}
        </div>
      )}
      <dl className="card contract-facts">
        <Fact label="מצב">
          <span className={`badge contract-status contract-status--${c.status}`}>{STATUS_LABELS[c.status]}</span>
        </Fact>
        <Fact label="לקוח">
          <Link to={`/customers/${c.customer.id}`}>{c.customer.name}</Link>
        </Fact>
        <Fact label="תבנית">
          {c.templateName} (גרסה {c.templateVersion})
        </Fact>
        <Fact label="תאריך">{c.contractDate}</Fact>
        {c.fields.map((field) => (
          <Fact key={field.key} label={field.label}>
            {c.fieldValues[field.key] ?? '—'}
          </Fact>
        ))}
      </dl>
    </section>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="contract-facts__row">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}
