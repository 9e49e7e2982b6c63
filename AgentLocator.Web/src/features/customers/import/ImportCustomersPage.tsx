import { useRef, useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { FeatureDisabledNotice } from '../../../ui/FeatureDisabledNotice';
import { LoadingState } from '../../../ui/StatusViews';
import { useFeatureOffError } from '../../../api/useFeatureOffError';
import { customerKeys } from '../customersApi';
import { readCsvHeader } from './csvHeader';
import { IMPORT_MAX_BYTES, importCustomers } from './importApi';
import { describeImportError } from './importErrors';
import { EMPTY_MAPPING, guessMapping, type ImportMapping } from './importMapping';
import { ImportFileField } from './ImportFileField';
import { ImportMappingFields } from './ImportMappingFields';
import { ImportReportView } from './ImportReportView';
import '../Customers.css';
import './Import.css';

const megabytes = (bytes: number) => (bytes / (1024 * 1024)).toLocaleString('he-IL', { maximumFractionDigits: 1 });

/** Checks what can be checked before uploading; returns the problem in Hebrew, or null. */
function fileProblem(file: File): string | null {
  if (!/\.csv$/i.test(file.name)) return 'יש לבחור קובץ CSV (סיומת ‎.csv). אפשר לשמור גיליון Excel בפורמט CSV.';
  if (file.size === 0) return 'הקובץ ריק.';
  if (file.size > IMPORT_MAX_BYTES)
    return `הקובץ גדול מדי (${megabytes(file.size)}MB). אפשר לייבא עד 10MB בכל פעם; פצלו את הקובץ ונסו שוב.`;
  return null;
}

/** Customers from a CSV: pick a file, confirm which column is which, upload, read the report. */
export function ImportCustomersPage() {
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [headers, setHeaders] = useState<string[]>([]);
  const [mapping, setMapping] = useState<ImportMapping>(EMPTY_MAPPING);
  const [fileError, setFileError] = useState('');
  const [nameMissing, setNameMissing] = useState(false);
  // Bumped to remount the form empty for "ייבוא קובץ נוסף" (a file input cannot be cleared from state).
  const [formKey, setFormKey] = useState(0);
  const nameSelect = useRef<HTMLSelectElement>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  const upload = useMutation({
    mutationFn: ({ file, mapping }: { file: File; mapping: ImportMapping }) => importCustomers(file, mapping),
    onSuccess: () => {
      // New and merged customers change the list, their own pages and the tag filter.
      void queryClient.invalidateQueries({ queryKey: customerKeys.all });
      void queryClient.invalidateQueries({ queryKey: customerKeys.tags });
    },
  });
  const featureOff = useFeatureOffError(upload.error);
  const problem = upload.isError ? describeImportError(upload.error) : null;

  async function chooseFile(next: File | null) {
    upload.reset();
    setNameMissing(false);
    setFile(null);
    setHeaders([]);
    setMapping(EMPTY_MAPPING);
    setFileError('');
    if (!next) return;

    const invalid = fileProblem(next);
    if (invalid) {
      setFileError(invalid);
      return;
    }
    try {
      const names = await readCsvHeader(next);
      if (names.length === 0) {
        setFileError('לא מצאנו שורת כותרות בקובץ. השורה הראשונה צריכה לכלול את שמות העמודות.');
        return;
      }
      setFile(next);
      setHeaders(names);
      setMapping(guessMapping(names));
    } catch {
      setFileError('לא הצלחנו לקרוא את הקובץ. נסו לבחור אותו שוב.');
    }
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!file) {
      setFileError(fileError || 'בחרו קובץ CSV לייבוא.');
      fileInput.current?.focus();
      return;
    }
    if (!mapping.name) {
      setNameMissing(true);
      nameSelect.current?.focus();
      return;
    }
    upload.mutate({ file, mapping });
  }

  function startOver() {
    upload.reset();
    setFile(null);
    setHeaders([]);
    setMapping(EMPTY_MAPPING);
    setFileError('');
    setFormKey((key) => key + 1);
  }

  if (featureOff) return <FeatureDisabledNotice />;

  const mappingErrors = [
    ...(nameMissing && !mapping.name ? ['בחרו את העמודה שבה נמצא שם הלקוח.'] : []),
    ...(problem?.mapping ?? []),
  ];

  return (
    <section className="page page--wide import-page" aria-labelledby="import-title">
      <p className="breadcrumbs">
        <Link to="/customers">לקוחות</Link>
      </p>
      <header className="page__header">
        <h1 id="import-title">ייבוא לקוחות מקובץ CSV</h1>
      </header>

      {upload.isSuccess ? (
        <ImportReportView report={upload.data} onAnother={startOver} />
      ) : (
        <form key={formKey} className="card import-form" onSubmit={submit} noValidate aria-busy={upload.isPending}>
          <fieldset className="import-form__body" disabled={upload.isPending}>
            <ImportFileField ref={fileInput} errors={[fileError, ...(problem?.file ?? [])].filter(Boolean)} onFile={(f) => void chooseFile(f)} />
            {headers.length > 0 && (
              <ImportMappingFields
                nameSelect={nameSelect}
                headers={headers}
                mapping={mapping}
                errors={mappingErrors}
                onChange={(field, header) => setMapping((current) => ({ ...current, [field]: header }))}
              />
            )}
          </fieldset>

          {problem && (
            <div className="banner banner--danger import-form__problem" role="alert">
              <p className="import-form__problem-title">{problem.title}</p>
              {problem.details.map((detail) => (
                <p key={detail}>
                  <bdi>{detail}</bdi>
                </p>
              ))}
            </div>
          )}

          {upload.isPending ? (
            <LoadingState message="מייבא… בקובץ גדול זה עשוי לקחת כמה שניות." />
          ) : (
            <div className="form-actions">
              <button type="submit" className="button button--primary" disabled={!file}>
                ייבוא
              </button>
              <Link className="button" to="/customers">
                ביטול
              </Link>
            </div>
          )}
        </form>
      )}
    </section>
  );
}
