/**
 * What the footer shows of a failed save: a 'general' failure's message, or the part of a 'fields' failure that no
 * field claims. Other kinds (a duplicate phone, say) are shown by the form itself.
 */
export interface FooterFailure {
  kind: string;
  message?: string;
  other?: string | null;
}

interface FormFooterProps {
  failure: FooterFailure | null;
  saving: boolean;
  submitLabel: string;
  onCancel: () => void;
}

/** The error line and the save/cancel buttons every edit form ends with. */
export function FormFooter({ failure, saving, submitLabel, onCancel }: FormFooterProps) {
  const message = failure?.kind === 'general' ? failure.message : failure?.kind === 'fields' ? failure.other : null;
  return (
    <>
      <div role="alert" className="form-error">
        {message}
      </div>

      <div className="form-actions">
        <button type="submit" className="button button--primary" disabled={saving}>
          {saving ? 'שומר…' : submitLabel}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          ביטול
        </button>
      </div>
    </>
  );
}
