import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useParams } from 'react-router-dom';
import { ApiError } from '../../api/client';
import { ErrorState, LoadingState } from '../../ui/StatusViews';
import {
  contractKeys,
  fetchPlaceholders,
  fetchTemplate,
  type ContractField,
  type ContractTemplate,
} from './contractsApi';
import { PdfTemplateEditor, pdfSourceOf } from './PdfTemplateEditor';
import { insertAt, safeFragment, wrapSelection } from './richText';
import { useTemplateMutations } from './useTemplateMutations';

const TOOLS = [
  { tag: 'h2', label: 'כותרת' },
  { tag: 'p', label: 'פסקה' },
  { tag: 'strong', label: 'מודגש' },
  { tag: 'em', label: 'נטוי' },
  { tag: 'u', label: 'קו תחתון' },
  { tag: 'li', label: 'פריט ברשימה' },
] as const;

/** Creates a template or saves the next version of one: a name, the body with a toolbar and placeholders, custom fields. */
export function TemplateEditorPage() {
  const { id } = useParams();
  const template = useQuery({ queryKey: contractKeys.template(id ?? ''), queryFn: ({ signal }) => fetchTemplate(id!, signal), enabled: !!id });
  if (id && template.isPending) return <LoadingState message="טוען את התבנית…" />;
  if (id && template.isError) return <ErrorState title="לא ניתן לטעון את התבנית" onRetry={() => void template.refetch()} />;
  return <SourceChoice key={id ?? 'new'} existing={id ? template.data : undefined} />;
}

/** A new template is rich text or an uploaded PDF; a saved one keeps the source its current version has. */
function SourceChoice({ existing }: { existing?: ContractTemplate }) {
  const [source, setSource] = useState<'rich_text' | 'pdf'>(existing && pdfSourceOf(existing) ? 'pdf' : 'rich_text');
  if (existing) {
    return source === 'pdf' ? <PdfPage existing={existing} /> : <Editor existing={existing} />;
  }
  return (
    <>
      <div className="template-source" role="radiogroup" aria-label="מקור התבנית">
        <label>
          <input type="radio" name="template-source" checked={source === 'rich_text'} onChange={() => setSource('rich_text')} /> נוסח לעריכה
        </label>
        <label>
          <input type="radio" name="template-source" checked={source === 'pdf'} onChange={() => setSource('pdf')} /> קובץ PDF עם שדות לחתימה
        </label>
      </div>
      {source === 'pdf' ? <PdfPage /> : <Editor />}
    </>
  );
}

function PdfPage({ existing }: { existing?: ContractTemplate }) {
  return (
    <section className="page" aria-labelledby="template-title">
      <div className="page__header">
        <h1 id="template-title">{existing ? `עריכת תבנית PDF (גרסה ${existing.version})` : 'תבנית חדשה מקובץ PDF'}</h1>
      </div>
      <PdfTemplateEditor existing={existing} />
    </section>
  );
}

function Editor({ existing }: { existing?: ContractTemplate }) {
  const [name, setName] = useState(existing?.name ?? '');
  const [body, setBody] = useState(existing?.bodyHtml ?? '<p>הסכם זה נערך ביום {{today}} בין {{business.name}} לבין {{customer.name}}.</p>');
  const [fields, setFields] = useState<ContractField[]>(existing?.fields ?? []);
  const bodyRef = useRef<HTMLTextAreaElement>(null);
  const previewRef = useRef<HTMLDivElement>(null);
  const placeholders = useQuery({ queryKey: contractKeys.placeholders, queryFn: ({ signal }) => fetchPlaceholders(signal) });

  useEffect(() => {
    previewRef.current?.replaceChildren(safeFragment(body));
  }, [body]);

  const { save, archive } = useTemplateMutations(existing, () => ({ name, bodyHtml: body, fields }));

  function wrap(tag: string) {
    const area = bodyRef.current;
    if (!area) return;
    const next = wrapSelection(body, area.selectionStart, area.selectionEnd, tag);
    setBody(next.text);
    requestAnimationFrame(() => area.setSelectionRange(next.start, next.end));
  }

  function insert(placeholder: string) {
    const area = bodyRef.current;
    if (!area || !placeholder) return;
    const next = insertAt(body, area.selectionStart, area.selectionEnd, `{{${placeholder}}}`);
    setBody(next.text);
    requestAnimationFrame(() => {
      area.focus();
      area.setSelectionRange(next.caret, next.caret);
    });
  }

  const setField = (index: number, change: Partial<ContractField>) =>
    setFields((current) => current.map((field, i) => (i === index ? { ...field, ...change } : field)));
  const errors = save.error instanceof ApiError ? (save.error.errors ?? {}) : {};

  return (
    <section className="page" aria-labelledby="template-title">
      <div className="page__header">
        <h1 id="template-title">{existing ? `עריכת תבנית (גרסה ${existing.version})` : 'תבנית חדשה'}</h1>
      </div>
      <form
        className="template-editor"
        onSubmit={(event) => {
          event.preventDefault();
          save.mutate();
        }}
      >
        <label className="field">
          שם התבנית
          <input value={name} onChange={(e) => setName(e.target.value)} required maxLength={200} />
        </label>
        {errors.name && <p role="alert">{errors.name.join(' ')}</p>}

        <div className="template-editor__toolbar" role="toolbar" aria-label="עיצוב">
          {TOOLS.map((tool) => (
            <button key={tool.tag} type="button" className="button" onClick={() => wrap(tool.tag)}>
              {tool.label}
            </button>
          ))}
          <label className="field field--inline">
            הוספת שדה
            <select value="" onChange={(e) => insert(e.target.value)}>
              <option value="">בחירה…</option>
              {(placeholders.data ?? []).map((p) => (
                <option key={p.name} value={p.name}>
                  {p.label}
                </option>
              ))}
              {fields
                .filter((f) => f.key)
                .map((f) => (
                  <option key={f.key} value={`fields.${f.key}`}>
                    {f.label || f.key}
                  </option>
                ))}
            </select>
          </label>
        </div>
        <label className="field">
          נוסח החוזה
          <textarea ref={bodyRef} value={body} onChange={(e) => setBody(e.target.value)} rows={12} dir="rtl" />
        </label>
        {errors.bodyHtml && (
          <ul role="alert" className="form-errors">
            {errors.bodyHtml.map((message) => (
              <li key={message}>{message}</li>
            ))}
          </ul>
        )}
        <h2>תצוגה מקדימה</h2>
        <div ref={previewRef} className="card template-editor__preview" aria-label="תצוגה מקדימה של הנוסח" />

        <fieldset className="template-editor__fields">
          <legend>שדות שממלאים בכל חוזה</legend>
          {fields.map((field, index) => (
            <div key={index} className="template-editor__field">
              <label className="field field--inline">
                מזהה (באנגלית)
                <input value={field.key} dir="ltr" onChange={(e) => setField(index, { key: e.target.value })} aria-label={`מזהה שדה ${index + 1}`} />
              </label>
              <label className="field field--inline">
                תווית
                <input value={field.label} onChange={(e) => setField(index, { label: e.target.value })} aria-label={`תווית שדה ${index + 1}`} />
              </label>
              <label className="field field--inline">
                <input type="checkbox" checked={field.required} onChange={(e) => setField(index, { required: e.target.checked })} />
                חובה
              </label>
              <button type="button" className="button" onClick={() => setFields((current) => current.filter((_, i) => i !== index))}>
                הסרה
              </button>
            </div>
          ))}
          <button type="button" className="button" onClick={() => setFields((current) => [...current, { key: '', label: '', required: false }])}>
            שדה חדש
          </button>
        </fieldset>
        {save.isError && !(save.error instanceof ApiError && save.error.errors) && <p role="alert">השמירה נכשלה; נסו שוב.</p>}
        <div className="page__actions">
          <button type="submit" className="button button--primary" disabled={save.isPending}>
            {existing ? 'שמירת גרסה חדשה' : 'שמירת התבנית'}
          </button>
          {existing && (
            <button type="button" className="button button--danger" onClick={() => archive.mutate()} disabled={archive.isPending}>
              העברה לארכיון
            </button>
          )}
        </div>
      </form>
    </section>
  );
}
