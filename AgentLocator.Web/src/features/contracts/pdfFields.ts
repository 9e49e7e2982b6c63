// Fields placed on an uploaded PDF's pages: kinds, roles, Hebrew names and the geometry the editor moves them with.
// A rectangle is in fractions of its page (0..1 from the top-left corner), as the API stores it.

export type PdfFieldKind = 'signature' | 'initials' | 'date' | 'text' | 'checkbox';
export type PdfFieldRole = 'customer' | 'co_signer' | 'business';

export interface PlacedField {
  kind: PdfFieldKind;
  role: PdfFieldRole;
  page: number;
  x: number;
  y: number;
  width: number;
  height: number;
  required: boolean;
  label: string;
}

export const KIND_LABELS: Record<PdfFieldKind, string> = {
  signature: 'חתימה',
  initials: 'ראשי תיבות',
  date: 'תאריך',
  text: 'טקסט',
  checkbox: 'תיבת סימון',
};

export const ROLE_NAMES: Record<PdfFieldRole, string> = { customer: 'לקוח', co_signer: 'חותם נוסף', business: 'נציג העסק' };

/** A new field's size as a fraction of the page's width, and its height in the same units of width (so a box stays square). */
const SIZES: Record<PdfFieldKind, { width: number; height: number }> = {
  signature: { width: 0.3, height: 0.09 },
  initials: { width: 0.12, height: 0.07 },
  date: { width: 0.2, height: 0.045 },
  text: { width: 0.3, height: 0.045 },
  checkbox: { width: 0.04, height: 0.04 },
};

const round = (value: number) => Math.round(value * 10000) / 10000;
const clamp = (value: number, min: number, max: number) => Math.min(Math.max(value, min), max);

/** A field of `kind` centred where the page was clicked, moved as needed to lie inside the page (`aspect` = width / height). */
export function placeAt(kind: PdfFieldKind, role: PdfFieldRole, page: number, x: number, y: number, aspect: number): PlacedField {
  const size = SIZES[kind];
  const width = size.width;
  const height = Math.min(size.height * aspect, 1);
  return {
    kind,
    role,
    page,
    x: round(clamp(x - width / 2, 0, 1 - width)),
    y: round(clamp(y - height / 2, 0, 1 - height)),
    width,
    height: round(height),
    required: kind !== 'checkbox',
    label: '',
  };
}

/** The field moved by (dx, dy) fractions of its page, kept inside it. */
export function moveBy(field: PlacedField, dx: number, dy: number): PlacedField {
  return { ...field, x: round(clamp(field.x + dx, 0, 1 - field.width)), y: round(clamp(field.y + dy, 0, 1 - field.height)) };
}

/** Arrow keys move a field a little (Shift: more); the page is physical, so ArrowLeft is always towards the left edge. */
export function nudge(field: PlacedField, key: string, large: boolean): PlacedField | null {
  const step = large ? 0.05 : 0.01;
  switch (key) {
    case 'ArrowLeft':
      return moveBy(field, -step, 0);
    case 'ArrowRight':
      return moveBy(field, step, 0);
    case 'ArrowUp':
      return moveBy(field, 0, -step);
    case 'ArrowDown':
      return moveBy(field, 0, step);
    default:
      return null;
  }
}

/** A field's name on the page: its label, else its kind, with whose it is. */
export const fieldName = (field: { kind: PdfFieldKind; role?: PdfFieldRole; label: string }) =>
  `${field.label || KIND_LABELS[field.kind]}${field.role ? ` · ${ROLE_NAMES[field.role]}` : ''}`;
