import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { ApiError } from '../../api/client';
import { fieldErrorsByName } from '../../api/formErrors';
import type { Customer, CustomerInput, CustomerStatus } from '../../api/contracts';
import { STATUS_LABELS, STATUSES } from './customerLabels';
import { FormFooter } from '../../ui/FormFooter';
import { Select } from '../../ui/forms/Select';

type FieldName = 'name' | 'phone' | 'email' | 'city' | 'taxId' | 'status' | 'tags';
const FIELD_ORDER: readonly FieldName[] = ['name', 'phone', 'email', 'city', 'taxId', 'status', 'tags'];

interface FormValues {
  name: string;
  phone: string;
  email: string;
  city: string;
  taxId: string;
  status: CustomerStatus;
  tags: string;
}

function initialValues(customer?: Customer): FormValues {
  return {
    name: customer?.name ?? '',
    // Edit the national form people know; the API accepts either and stores E.164.
    phone: customer?.phoneDisplay ?? customer?.phone ?? '',
    email: customer?.email ?? '',
    city: customer?.city ?? '',
    taxId: customer?.taxId ?? '',
    status: customer?.status ?? 'lead',
    tags: customer?.tags.join(', ') ?? '',
  };
}

function toInput(values: FormValues): CustomerInput {
  const optional = (value: string) => (value.trim() ? value.trim() : null);
  return {
    name: values.name.trim(),
    phone: optional(values.phone),
    email: optional(values.email),
    city: optional(values.city),
    taxId: optional(values.taxId),
    status: values.status,
    tags: values.tags
      .split(',')
      .map((tag) => tag.trim())
      .filter(Boolean),
  };
}

type Failure =
  | { kind: 'fields'; errors: Partial<Record<string, string[]>>; other: string | null }
  | { kind: 'duplicatePhone'; customerId: string | null }
  | { kind: 'general'; message: string };

function toFailure(error: unknown): Failure {
  if (error instanceof ApiError && error.status === 409) {
    const id = error.extensions.customerId;
    return { kind: 'duplicatePhone', customerId: typeof id === 'string' ? id : null };
  }
  // 422: a well-formed value the rules refuse (a tax id whose check digit fails), named like a 400's fields.
  if (error instanceof ApiError && (error.status === 400 || error.status === 422) && error.errors) {
    const errors = fieldErrorsByName(error.errors);
    const unknownFields = Object.keys(errors).filter((key) => !FIELD_ORDER.includes(key as FieldName));
    const other = unknownFields.length ? unknownFields.flatMap((key) => errors[key] ?? []).join(' ') : null;
    return { kind: 'fields', errors, other };
  }
  return { kind: 'general', message: 'השמירה נכשלה. בדקו את החיבור ונסו שוב.' };
}

export function CustomerForm({
  customer,
  submitLabel,
  onSubmit,
  onSaved,
  onCancel,
}: {
  customer?: Customer;
  submitLabel: string;
  onSubmit: (input: CustomerInput) => Promise<Customer>;
  onSaved: (customer: Customer) => void;
  onCancel: () => void;
}) {
  const [values, setValues] = useState(() => initialValues(customer));
  const [failure, setFailure] = useState<Failure | null>(null);
  const [saving, setSaving] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);

  const fieldErrors = failure?.kind === 'fields' ? failure.errors : {};
  const phoneTaken = failure?.kind === 'duplicatePhone' ? failure : null;

  // After a failed save, move focus to the first field that needs attention.
  useEffect(() => {
    if (!failure) return;
    const first = phoneTaken ? 'phone' : FIELD_ORDER.find((name) => fieldErrors[name]?.length);
    if (first) formRef.current?.querySelector<HTMLElement>(`[name="${first}"]`)?.focus();
  }, [failure]); // fieldErrors and phoneTaken are derived from failure

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!values.name.trim()) {
      setFailure({ kind: 'fields', errors: { name: ['יש להזין שם'] }, other: null });
      return;
    }
    setSaving(true);
    setFailure(null);
    try {
      const saved = await onSubmit(toInput(values));
      onSaved(saved);
    } catch (error) {
      setFailure(toFailure(error));
    } finally {
      setSaving(false);
    }
  }

  function set<K extends keyof FormValues>(name: K, value: FormValues[K]) {
    setValues((current) => ({ ...current, [name]: value }));
  }

  function errorFor(name: FieldName) {
    const messages = name === 'phone' && phoneTaken ? [] : (fieldErrors[name] ?? []);
    return {
      invalid: messages.length > 0 || (name === 'phone' && phoneTaken !== null),
      message: messages.length ? (
        <p id={`customer-${name}-error`} className="field__error">
          {messages.join(' ')}
        </p>
      ) : null,
    };
  }

  function textField(
    name: Exclude<FieldName, 'status'>,
    label: string,
    props: { type?: string; ltr?: boolean; inputMode?: 'numeric' } = {},
  ) {
    const { invalid, message } = errorFor(name);
    return (
      <div className="field">
        <label htmlFor={`customer-${name}`}>{label}</label>
        <input
          id={`customer-${name}`}
          name={name}
          type={props.type ?? 'text'}
          dir={props.ltr ? 'ltr' : undefined}
          inputMode={props.inputMode}
          value={values[name]}
          aria-invalid={invalid || undefined}
          aria-describedby={
            message ? `customer-${name}-error` : name === 'phone' && phoneTaken ? 'customer-phone-taken' : undefined
          }
          onChange={(event) => set(name, event.target.value)}
          autoFocus={name === 'name'}
        />
        {message}
        {name === 'phone' && phoneTaken && (
          <p id="customer-phone-taken" className="field__error">
            מספר הטלפון כבר שייך ללקוח אחר.{' '}
            {phoneTaken.customerId && <Link to={`/customers/${phoneTaken.customerId}`}>לכרטיס הלקוח</Link>}
          </p>
        )}
      </div>
    );
  }

  const statusError = errorFor('status');
  return (
    <form ref={formRef} className="customer-form" noValidate onSubmit={(event) => void submit(event)}>
      {textField('name', 'שם')}
      {textField('phone', 'טלפון', { type: 'tel', ltr: true })}
      {textField('email', 'אימייל', { type: 'email', ltr: true })}
      {textField('city', 'עיר')}
      {textField('taxId', 'מספר עוסק / ח.פ. (לחשבוניות)', { ltr: true, inputMode: 'numeric' })}
      <div className="field">
        <label htmlFor="customer-status">סטטוס</label>
        <Select
          id="customer-status"
          name="status"
          value={values.status}
          aria-invalid={statusError.invalid || undefined}
          onChange={(event) => set('status', event.target.value as CustomerStatus)}
        >
          {STATUSES.map((status) => (
            <option key={status} value={status}>
              {STATUS_LABELS[status]}
            </option>
          ))}
        </Select>
        {statusError.message}
      </div>
      {textField('tags', 'תגיות (מופרדות בפסיק)')}

      <FormFooter failure={failure} saving={saving} submitLabel={submitLabel} onCancel={onCancel} />
    </form>
  );
}
