import type { Ref } from 'react';
import { FileInput } from '../../../ui/forms/FileInput';

/** The CSV picker, with its limits stated up front and any problem with the file under it. */
export function ImportFileField({
  ref,
  errors,
  onFile,
}: {
  ref?: Ref<HTMLInputElement>;
  errors: string[];
  onFile: (file: File | null) => void;
}) {
  const invalid = errors.length > 0;
  return (
    <div className="field">
      <label htmlFor="import-file">קובץ CSV</label>
      <FileInput
        ref={ref}
        id="import-file"
        accept=".csv,text/csv"
        aria-invalid={invalid || undefined}
        aria-describedby={invalid ? 'import-file-hint import-file-error' : 'import-file-hint'}
        onFile={onFile}
      />
      <p id="import-file-hint" className="muted import-form__hint">
        שורה ראשונה עם כותרות העמודות. עד 10,000 שורות ועד 10MB. לקוח שהטלפון שלו כבר קיים ימוזג לכרטיס הקיים.
      </p>
      <p id="import-file-error" className="form-error" role="alert">
        {errors.join(' ')}
      </p>
    </div>
  );
}
