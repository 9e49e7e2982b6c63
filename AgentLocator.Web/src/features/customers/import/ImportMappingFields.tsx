import type { Ref } from 'react';
import { IMPORT_FIELDS, type ImportField, type ImportMapping } from './importMapping';
import { Select } from '../../../ui/forms/Select';

/** One select per customer field: which column of the file fills it, or "לא לייבא". */
export function ImportMappingFields({
  nameSelect,
  headers,
  mapping,
  onChange,
  errors,
}: {
  /** The required name select, focused when the mapping is refused. */
  nameSelect?: Ref<HTMLSelectElement>;
  headers: readonly string[];
  mapping: ImportMapping;
  onChange: (field: ImportField, header: string) => void;
  /** Problems with the mapping as a whole (from the server) or with the name field (required). */
  errors: string[];
}) {
  const invalid = errors.length > 0;
  return (
    <fieldset className="import-mapping" aria-describedby="import-mapping-hint import-mapping-error">
      <legend>התאמת עמודות</legend>
      <p id="import-mapping-hint" className="muted import-form__hint">
        בחרו לכל שדה את העמודה בקובץ שממנה הוא יילקח. שדה השם חובה.
      </p>
      <div className="import-mapping__grid">
        {IMPORT_FIELDS.map(({ field, label, required }) => (
          <div className="field" key={field}>
            <label htmlFor={`import-map-${field}`}>
              {label}
              {required && <span aria-hidden="true"> *</span>}
            </label>
            <Select
              id={`import-map-${field}`}
              ref={field === 'name' ? nameSelect : undefined}
              value={mapping[field]}
              required={required}
              aria-invalid={(required && invalid) || undefined}
              onChange={(event) => onChange(field, event.target.value)}
            >
              <option value="">לא לייבא</option>
              {headers.map((header) => (
                <option key={header} value={header}>
                  {header}
                </option>
              ))}
            </Select>
          </div>
        ))}
      </div>
      <p id="import-mapping-error" className="form-error" role="alert">
        {errors.join(' ')}
      </p>
    </fieldset>
  );
}
