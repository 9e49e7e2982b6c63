import { useMutation, useQuery } from '@tanstack/react-query';
import { useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { ApiError } from '../../api/client';
import { FileInput } from '../../ui/forms/FileInput';
import { useObjectUrl } from '../../ui/useObjectUrl';
import {
  fetchTemplatePdfPage,
  uploadTemplatePdf,
  type ContractTemplate,
  type TemplatePdf,
} from './contractsApi';
import {
  fieldName,
  KIND_LABELS,
  moveBy,
  nudge,
  placeAt,
  ROLE_NAMES,
  type PdfFieldKind,
  type PdfFieldRole,
  type PlacedField,
} from './pdfFields';
import { useTemplateMutations } from './useTemplateMutations';

const KINDS = Object.keys(KIND_LABELS) as PdfFieldKind[];
const ROLES = Object.keys(ROLE_NAMES) as PdfFieldRole[];

/** What the editor needs of a saved PDF template: its file and the fields of its current version. */
interface PdfSource {
  pdf: TemplatePdf;
  fields: PlacedField[];
}

export function pdfSourceOf(template: ContractTemplate): PdfSource | null {
  const saved = template as unknown as { pdf?: TemplatePdf | null; pdfFields?: (PlacedField & { key: string })[] | null };
  if (!saved.pdf) return null;
  return { pdf: saved.pdf, fields: (saved.pdfFields ?? []).map(({ key: _key, ...field }) => field) };
}

/**
 * A template made from an uploaded PDF: upload the file, then click on a page to place the chosen kind of field for the
 * chosen signer role. A field is moved by dragging it or with the arrow keys (Shift: further), removed with Delete, and
 * its label, role and whether it is required are set in the panel below the toolbar. Saving makes a new version.
 */
export function PdfTemplateEditor({ existing }: { existing?: ContractTemplate }) {
  const source = existing ? pdfSourceOf(existing) : null;
  const [name, setName] = useState(existing?.name ?? '');
  const [pdf, setPdf] = useState<TemplatePdf | null>(source?.pdf ?? null);
  const [fields, setFields] = useState<PlacedField[]>(source?.fields ?? []);
  const [selected, setSelected] = useState<number | null>(null);
  const [kind, setKind] = useState<PdfFieldKind>('signature');
  const [role, setRole] = useState<PdfFieldRole>('customer');

  const upload = useMutation({
    mutationFn: (file: File) => uploadTemplatePdf(file),
    onSuccess: (uploaded) => {
      setPdf(uploaded);
      setFields([]);
      setSelected(null);
    },
  });
  const { save, archive } = useTemplateMutations(existing, () => ({ name, pdfId: pdf!.id, pdfFields: fields }));

  const change = (index: number, next: Partial<PlacedField>) =>
    setFields((current) => current.map((field, i) => (i === index ? { ...field, ...next } : field)));
  const remove = (index: number) => {
    setFields((current) => current.filter((_, i) => i !== index));
    setSelected(null);
  };
  const place = (page: number, x: number, y: number) => {
    const size = pdf!.pages[page - 1];
    setFields((current) => [...current, placeAt(kind, role, page, x, y, size.width / size.height)]);
    setSelected(fields.length);
  };

  const errors = save.error instanceof ApiError ? (save.error.errors ?? {}) : {};
  const uploadError = upload.error instanceof ApiError ? (upload.error.errors?.file?.join(' ') ?? upload.error.message) : upload.isError ? 'ההעלאה נכשלה.' : null;
  const current = selected === null ? null : fields[selected];

  return (
    <form
      className="template-editor pdf-editor"
      onSubmit={(event) => {
        event.preventDefault();
        if (pdf) save.mutate();
      }}
    >
      <label className="field">
        שם התבנית
        <input value={name} onChange={(e) => setName(e.target.value)} required maxLength={200} />
      </label>
      {errors.name && <p role="alert">{errors.name.join(' ')}</p>}

      <div className="field">
        <label htmlFor="template-pdf-file">קובץ PDF</label>
        <FileInput id="template-pdf-file" accept="application/pdf,.pdf" onFile={(file) => file && upload.mutate(file)} disabled={upload.isPending} />
      </div>
      {upload.isPending && <p role="status">מעלה את הקובץ…</p>}
      {uploadError && <p role="alert">{uploadError}</p>}

      {pdf && (
        <>
          <div className="template-editor__toolbar pdf-editor__toolbar" role="toolbar" aria-label="הוספת שדות">
            <fieldset className="pdf-editor__kinds">
              <legend>סוג השדה</legend>
              {KINDS.map((option) => (
                <label key={option} className="pdf-editor__kind">
                  <input type="radio" name="pdf-field-kind" checked={kind === option} onChange={() => setKind(option)} />
                  {KIND_LABELS[option]}
                </label>
              ))}
            </fieldset>
            <label className="field field--inline">
              החותם
              <select value={role} onChange={(e) => setRole(e.target.value as PdfFieldRole)}>
                {ROLES.map((option) => (
                  <option key={option} value={option}>
                    {ROLE_NAMES[option]}
                  </option>
                ))}
              </select>
            </label>
          </div>
          <p className="muted">לחצו על העמוד כדי להוסיף שדה {KIND_LABELS[kind]} ל{ROLE_NAMES[role]}. גררו שדה להזזה, או בחרו בו והזיזו בחצים.</p>

          {current && selected !== null && (
            <fieldset className="pdf-editor__selected" aria-label="השדה הנבחר">
              <legend>{fieldName(current)} (עמוד {current.page})</legend>
              <label className="field field--inline">
                תווית
                <input value={current.label} maxLength={100} onChange={(e) => change(selected, { label: e.target.value })} />
              </label>
              <label className="field field--inline">
                החותם
                <select value={current.role} onChange={(e) => change(selected, { role: e.target.value as PdfFieldRole })}>
                  {ROLES.map((option) => (
                    <option key={option} value={option}>
                      {ROLE_NAMES[option]}
                    </option>
                  ))}
                </select>
              </label>
              <label className="field field--inline">
                <input type="checkbox" checked={current.required} onChange={(e) => change(selected, { required: e.target.checked })} />
                חובה
              </label>
              <span className="pdf-editor__nudges" role="group" aria-label="הזזה">
                <button type="button" className="button" aria-label="למעלה" onClick={() => change(selected, moveBy(current, 0, -0.01))}>↑</button>
                <button type="button" className="button" aria-label="למטה" onClick={() => change(selected, moveBy(current, 0, 0.01))}>↓</button>
                <button type="button" className="button" aria-label="ימינה" onClick={() => change(selected, moveBy(current, 0.01, 0))}>→</button>
                <button type="button" className="button" aria-label="שמאלה" onClick={() => change(selected, moveBy(current, -0.01, 0))}>←</button>
              </span>
              <button type="button" className="button button--danger" onClick={() => remove(selected)}>
                מחיקת השדה
              </button>
            </fieldset>
          )}

          <div className="pdf-editor__pages">
            {pdf.pages.map((size, index) => (
              <PageEditor
                key={`${pdf.id}-${index}`}
                pdfId={pdf.id}
                page={index + 1}
                pageCount={pdf.pageCount}
                aspect={size.width / size.height}
                fields={fields}
                selected={selected}
                onPlace={place}
                onSelect={setSelected}
                onMove={(i, field) => change(i, field)}
                onRemove={remove}
                addLabel={`הוספת ${KIND_LABELS[kind]} במרכז עמוד ${index + 1}`}
              />
            ))}
          </div>
        </>
      )}
      {Object.keys(errors).length > 0 && (
        <ul role="alert" className="form-errors">
          {Object.entries(errors).map(([key, messages]) => (
            <li key={key}>
              {key}: {messages.join(' ')}
            </li>
          ))}
        </ul>
      )}
      {save.isError && !(save.error instanceof ApiError && save.error.errors) && <p role="alert">השמירה נכשלה; נסו שוב.</p>}
      <div className="page__actions">
        <button type="submit" className="button button--primary" disabled={!pdf || save.isPending}>
          {existing ? 'שמירת גרסה חדשה' : 'שמירת התבנית'}
        </button>
        {existing && (
          <button type="button" className="button button--danger" onClick={() => archive.mutate()} disabled={archive.isPending}>
            העברה לארכיון
          </button>
        )}
      </div>
    </form>
  );
}

interface PageEditorProps {
  pdfId: string;
  page: number;
  pageCount: number;
  aspect: number;
  fields: PlacedField[];
  selected: number | null;
  onPlace: (page: number, x: number, y: number) => void;
  onSelect: (index: number) => void;
  onMove: (index: number, field: PlacedField) => void;
  onRemove: (index: number) => void;
  addLabel: string;
}

/** One page's image with its fields over it, at their fractions of the page, so they sit right at any width. */
function PageEditor({ pdfId, page, pageCount, aspect, fields, selected, onPlace, onSelect, onMove, onRemove, addLabel }: PageEditorProps) {
  const image = useQuery({
    queryKey: ['contracts', 'template-pdf', pdfId, page],
    queryFn: ({ signal }) => fetchTemplatePdfPage(pdfId, page, signal),
    staleTime: Infinity,
  });
  const url = useObjectUrl(image.data);
  const surface = useRef<HTMLDivElement>(null);
  const drag = useRef<{ index: number; x: number; y: number; start: PlacedField; moved: boolean } | null>(null);

  const fraction = (clientX: number, clientY: number) => {
    const box = surface.current!.getBoundingClientRect();
    return { x: (clientX - box.left) / box.width, y: (clientY - box.top) / box.height };
  };

  function startDrag(event: PointerEvent<HTMLButtonElement>, index: number) {
    event.currentTarget.setPointerCapture(event.pointerId);
    drag.current = { index, x: event.clientX, y: event.clientY, start: fields[index], moved: false };
    onSelect(index);
  }
  function moveDrag(event: PointerEvent<HTMLButtonElement>) {
    const state = drag.current;
    if (!state) return;
    const box = surface.current!.getBoundingClientRect();
    const dx = (event.clientX - state.x) / box.width;
    const dy = (event.clientY - state.y) / box.height;
    if (Math.abs(dx) + Math.abs(dy) > 0.002) state.moved = true;
    if (state.moved) onMove(state.index, moveBy(state.start, dx, dy));
  }
  function keys(event: KeyboardEvent<HTMLButtonElement>, index: number) {
    if (event.key === 'Delete' || event.key === 'Backspace') {
      event.preventDefault();
      onRemove(index);
      return;
    }
    const moved = nudge(fields[index], event.key, event.shiftKey);
    if (moved) {
      event.preventDefault();
      onMove(index, moved);
    }
  }

  return (
    <figure className="pdf-editor__page-frame">
      <div
        ref={surface}
        className="pdf-editor__page"
        style={{ aspectRatio: String(aspect) }}
        data-testid={`pdf-page-${page}`}
        onClick={(event) => {
          if (event.target !== event.currentTarget && !(event.target instanceof HTMLImageElement)) return;
          const { x, y } = fraction(event.clientX, event.clientY);
          onPlace(page, x, y);
        }}
      >
        {url && <img src={url} alt={`עמוד ${page} מתוך ${pageCount}`} draggable={false} />}
        {fields.map((field, index) =>
          field.page !== page ? null : (
            <button
              key={index}
              type="button"
              className={`pdf-field pdf-field--${field.kind} pdf-field--${field.role}${selected === index ? ' pdf-field--selected' : ''}`}
              style={{ left: `${field.x * 100}%`, top: `${field.y * 100}%`, width: `${field.width * 100}%`, height: `${field.height * 100}%` }}
              aria-label={`${fieldName(field)}, עמוד ${page}`}
              aria-pressed={selected === index}
              onPointerDown={(event) => startDrag(event, index)}
              onPointerMove={moveDrag}
              onPointerUp={() => (drag.current = null)}
              onPointerCancel={() => (drag.current = null)}
              onClick={(event) => {
                event.stopPropagation();
                onSelect(index);
              }}
              onKeyDown={(event) => keys(event, index)}
            >
              <span className="pdf-field__name">{fieldName(field)}</span>
            </button>
          ),
        )}
      </div>
      <figcaption className="pdf-editor__caption">
        <span className="muted">
          עמוד {page} מתוך {pageCount}
        </span>
        <button type="button" className="button button--link" onClick={() => onPlace(page, 0.5, 0.5)}>
          {addLabel}
        </button>
      </figcaption>
    </figure>
  );
}
