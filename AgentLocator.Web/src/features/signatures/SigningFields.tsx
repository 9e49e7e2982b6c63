import { useState } from 'react';
import { SignaturePad, type PadValue } from './SignaturePad';
import type { SigningField } from './signaturesApi';

/** What the signer has filled so far, by field key: text, "true"/"false", or a PNG (base64) for signature and initials. */
export type FieldValues = Record<string, string>;

const KIND_NAMES: Record<SigningField['kind'], string> = {
  signature: 'חתימה',
  initials: 'ראשי תיבות',
  date: 'תאריך',
  text: 'טקסט',
  checkbox: 'תיבת סימון',
};

export const signingFieldName = (field: SigningField) => field.label || KIND_NAMES[field.kind];

const today = () => new Date().toLocaleDateString('he-IL', { day: '2-digit', month: '2-digit', year: 'numeric' });

/** The required fields still empty (a date fills itself when signing). */
export const missingFields = (fields: SigningField[], values: FieldValues) =>
  fields.filter((field) => field.required && field.kind !== 'date' && !(field.kind === 'checkbox' ? values[field.key] === 'true' : values[field.key]));

/**
 * The signer's fields over one page image, at their fractions of the page (physical left/top: a page has no reading
 * direction). Tapping one opens it for filling; a checkbox toggles in place; a date shows the signing date, read-only.
 * Once signed (`values` absent) the fields show what was filled.
 */
export function FieldOverlay({
  fields,
  values,
  active,
  onOpen,
  onToggle,
}: {
  fields: SigningField[];
  values?: FieldValues;
  active: string | null;
  onOpen: (key: string) => void;
  onToggle: (key: string) => void;
}) {
  return (
    <>
      {fields.map((field) => {
        const value = values ? values[field.key] : field.value;
        const filled = values ? !!value && value !== 'false' : field.filled && field.value !== 'false';
        const style = { left: `${field.x * 100}%`, top: `${field.y * 100}%`, width: `${field.width * 100}%`, height: `${field.height * 100}%` };
        const className = `sign-field sign-field--${field.kind}${filled ? ' sign-field--filled' : ''}${active === field.key ? ' sign-field--active' : ''}`;
        const content =
          field.kind === 'date' ? (
            (value ?? today())
          ) : field.kind === 'checkbox' ? (
            filled ? '✓' : ''
          ) : (field.kind === 'signature' || field.kind === 'initials') && value && values ? (
            <img src={`data:image/png;base64,${value}`} alt="" />
          ) : filled ? (
            (value ?? signingFieldName(field))
          ) : (
            `${signingFieldName(field)}${field.required ? ' *' : ''}`
          );
        if (!values || field.kind === 'date') {
          return (
            <span key={field.key} className={className} style={style} aria-label={`${signingFieldName(field)}: ${filled || field.kind === 'date' ? 'מולא' : 'ריק'}`}>
              {content}
            </span>
          );
        }
        return (
          <button
            key={field.key}
            type="button"
            className={className}
            style={style}
            data-testid={`sign-field-${field.key}`}
            aria-label={`${signingFieldName(field)}${field.required ? ' (חובה)' : ''}: ${filled ? 'מולא' : 'לא מולא'}`}
            aria-pressed={field.kind === 'checkbox' ? filled : undefined}
            onClick={(event) => {
              event.preventDefault();
              if (field.kind === 'checkbox') onToggle(field.key);
              else onOpen(field.key);
            }}
          >
            {content}
          </button>
        );
      })}
    </>
  );
}

/** Filling one field: a signature pad for signature and initials, a text box for text. */
export function FieldPanel({ field, value, onSave, onClose }: { field: SigningField; value?: string; onSave: (value: string) => void; onClose: () => void }) {
  const [pad, setPad] = useState<PadValue | null>(null);
  const [text, setText] = useState(value ?? '');
  const image = field.kind === 'signature' || field.kind === 'initials';
  return (
    <div className="sign-field-panel" role="group" aria-label={`מילוי השדה ${signingFieldName(field)}`}>
      <h3>{signingFieldName(field)}</h3>
      {image ? (
        <SignaturePad onChange={setPad} group={`field-${field.key}-mode`} testId={`field-pad-${field.key}`} />
      ) : (
        <label className="field">
          <span>{signingFieldName(field)}</span>
          <input value={text} maxLength={500} onChange={(event) => setText(event.target.value)} autoFocus />
        </label>
      )}
      <div className="sign-page__actions">
        <button
          type="button"
          className="button button--primary"
          disabled={image ? !pad : !text.trim()}
          onClick={() => onSave(image ? pad!.png : text.trim())}
        >
          שמירה בשדה
        </button>
        <button type="button" className="button" onClick={onClose}>
          סגירה
        </button>
      </div>
    </div>
  );
}
