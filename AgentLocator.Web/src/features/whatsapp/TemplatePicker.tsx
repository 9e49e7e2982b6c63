import { useId, useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { WhatsAppTemplate } from '../../api/contracts';
import { retryUnlessClientError } from '../../api/retry';
import { fetchTemplates, whatsAppKeys } from './whatsAppApi';

/** The body with each {{name}} replaced by what was typed for it, as the customer will read it. */
function preview(template: WhatsAppTemplate, values: Record<string, string>): string {
  return template.body.replace(/\{\{\s*([^}\s]+)\s*\}\}/g, (whole, name: string) => values[name] || whole);
}

/** Outside the 24-hour window WhatsApp accepts only the business's approved templates; this picks one and fills it in. */
export function TemplatePicker({
  busy,
  onSend,
}: {
  busy: boolean;
  onSend: (templateId: string, variables: Record<string, string>) => void;
}) {
  const templates = useQuery({ queryKey: whatsAppKeys.templates, queryFn: ({ signal }) => fetchTemplates(signal), retry: retryUnlessClientError });
  const [chosenId, setChosenId] = useState('');
  const [values, setValues] = useState<Record<string, string>>({});
  const selectId = useId();

  if (templates.isPending) return <p className="muted" role="status">טוען תבניות…</p>;
  if (templates.isError) {
    return (
      <p role="alert">
        לא הצלחנו לטעון את התבניות.{' '}
        <button type="button" className="button-link" onClick={() => void templates.refetch()}>
          נסו שוב
        </button>
      </p>
    );
  }
  if (templates.data.length === 0) {
    return (
      <div className="wa-templates wa-templates--empty" data-testid="wa-templates-empty">
        <p>אין תבניות מאושרות</p>
        <p className="muted">מנהל העסק מאשר תבניות בחשבון Twilio; עד אז אפשר לענות רק כשהלקוח כותב.</p>
      </div>
    );
  }

  const chosen = templates.data.find((template) => template.id === chosenId);
  const complete = chosen !== undefined && chosen.variables.every((name) => values[name]?.trim());
  function submit(event: FormEvent) {
    event.preventDefault();
    if (!chosen || !complete) return;
    onSend(chosen.id, Object.fromEntries(chosen.variables.map((name) => [name, values[name].trim()])));
  }

  return (
    <form className="wa-templates" onSubmit={submit} data-testid="wa-template-picker">
      <label htmlFor={selectId}>תבנית</label>
      <select
        id={selectId}
        value={chosenId}
        onChange={(event) => {
          setChosenId(event.target.value);
          setValues({});
        }}
      >
        <option value="">בחרו תבנית…</option>
        {templates.data.map((template) => (
          <option key={template.id} value={template.id}>
            {template.name}
          </option>
        ))}
      </select>
      {chosen && (
        <>
          {chosen.variables.map((name) => (
            <label key={name} className="wa-templates__variable">
              <span>{name}</span>
              <input value={values[name] ?? ''} onChange={(event) => setValues({ ...values, [name]: event.target.value })} required />
            </label>
          ))}
          <p className="wa-templates__preview">{preview(chosen, values)}</p>
        </>
      )}
      <button type="submit" className="button button--primary" disabled={!complete || busy}>
        {busy ? 'שולח…' : 'שליחת התבנית'}
      </button>
    </form>
  );
}
