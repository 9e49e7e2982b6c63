import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { ApiError } from '../../api/client';
import { ErrorState, LoadingState } from '../../ui/StatusViews';
import {
  contractKeys,
  createContract,
  fetchCustomerContracts,
  fetchTemplates,
  openPdf,
  previewContract,
  STATUS_LABELS,
  type ContractTemplateListItem,
} from './contractsApi';

/** A customer's contracts, and making one from a template: pick it, fill its fields, preview the PDF, save a draft. */
export function CustomerContractsPanel({ customerId }: { customerId: string }) {
  const [making, setMaking] = useState(false);
  const contracts = useQuery({ queryKey: contractKeys.customer(customerId), queryFn: ({ signal }) => fetchCustomerContracts(customerId, signal) });

  return (
    <div className="customer-contracts">
      <div className="customer-contracts__header">
        <h2>חוזים</h2>
        {!making && (
          <button type="button" className="button button--primary" onClick={() => setMaking(true)}>
            חוזה חדש
          </button>
        )}
      </div>
      {making && <NewContractForm customerId={customerId} onClose={() => setMaking(false)} />}
      {contracts.isPending ? (
        <LoadingState message="טוען חוזים…" />
      ) : contracts.isError ? (
        <ErrorState title="לא ניתן לטעון את החוזים" onRetry={() => void contracts.refetch()} />
      ) : contracts.data.items.length === 0 ? (
        <p className="muted">אין ללקוח חוזים עדיין.</p>
      ) : (
        <ul className="customer-contracts__list">
          {contracts.data.items.map((c) => (
            <li key={c.id}>
              <Link to={`/contracts/${c.id}`}>{c.title}</Link> <span className={`badge contract-status contract-status--${c.status}`}>{STATUS_LABELS[c.status]}</span>{' '}
              <span className="muted">{c.contractDate}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function NewContractForm({ customerId, onClose }: { customerId: string; onClose: () => void }) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const templates = useQuery({ queryKey: contractKeys.templates, queryFn: ({ signal }) => fetchTemplates(signal) });
  const [templateId, setTemplateId] = useState('');
  const [values, setValues] = useState<Record<string, string>>({});
  const template: ContractTemplateListItem | undefined = templates.data?.find((t) => t.id === templateId);
  const request = () => ({ templateId, fieldValues: values });
  const preview = useMutation({ mutationFn: () => previewContract(customerId, request()), onSuccess: openPdf });
  const save = useMutation({
    mutationFn: () => createContract(customerId, request()),
    onSuccess: (contract) => {
      void queryClient.invalidateQueries({ queryKey: contractKeys.all });
      navigate(`/contracts/${contract.id}`);
    },
  });
  const errors = save.error instanceof ApiError ? (save.error.errors ?? {}) : {};

  if (templates.isPending) return <LoadingState message="טוען תבניות…" />;
  if (templates.isError) return <ErrorState title="לא ניתן לטעון את התבניות" onRetry={() => void templates.refetch()} />;
  if (templates.data.length === 0) {
    return <p className="card card--muted">אין עדיין תבניות חוזים. מנהל העסק יוצר אותן בעמוד החוזים.</p>;
  }

  return (
    <form
      className="card new-contract"
      aria-label="חוזה חדש"
      onSubmit={(event) => {
        event.preventDefault();
        save.mutate();
      }}
    >
      <label className="field">
        תבנית
        <select
          value={templateId}
          required
          onChange={(e) => {
            setTemplateId(e.target.value);
            setValues({});
          }}
        >
          <option value="">בחירת תבנית…</option>
          {templates.data.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name}
            </option>
          ))}
        </select>
      </label>
      {template?.fields.map((field) => (
        <label key={field.key} className="field">
          {field.label}
          {field.required && ' *'}
          <input
            value={values[field.key] ?? ''}
            required={field.required}
            onChange={(e) => setValues((current) => ({ ...current, [field.key]: e.target.value }))}
          />
          {errors[`fieldValues.${field.key}`] && <span role="alert">{errors[`fieldValues.${field.key}`].join(' ')}</span>}
        </label>
      ))}
      {(preview.isError || (save.isError && !Object.keys(errors).length)) && <p role="alert">הפעולה לא הצליחה; נסו שוב.</p>}
      <div className="page__actions">
        <button type="button" className="button" disabled={!templateId || preview.isPending} onClick={() => preview.mutate()}>
          {preview.isPending ? 'מכין תצוגה…' : 'תצוגה מקדימה (PDF)'}
        </button>
        <button type="submit" className="button button--primary" disabled={!templateId || save.isPending}>
          שמירת טיוטה
        </button>
        <button type="button" className="button" onClick={onClose}>
          סגירה
        </button>
      </div>
    </form>
  );
}
