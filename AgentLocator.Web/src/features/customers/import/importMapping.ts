// Which CSV column feeds which customer field. Sent to the API as JSON: { "name": "שם מלא", ... }.

export type ImportField = 'name' | 'phone' | 'email' | 'city' | 'status' | 'tags';

export interface ImportFieldDefinition {
  field: ImportField;
  label: string;
  required?: boolean;
  /** Header names recognised without asking, compared case-insensitively (the server knows the same ones). */
  knownHeaders: readonly string[];
}

export const IMPORT_FIELDS: readonly ImportFieldDefinition[] = [
  { field: 'name', label: 'שם', required: true, knownHeaders: ['name', 'שם', 'שם מלא'] },
  { field: 'phone', label: 'טלפון', knownHeaders: ['phone', 'טלפון', 'נייד'] },
  // Both the ASCII quote and the Hebrew gershayim, since people type either.
  { field: 'email', label: 'אימייל', knownHeaders: ['email', 'אימייל', 'מייל', 'דוא"ל', 'דוא״ל'] },
  { field: 'city', label: 'עיר', knownHeaders: ['city', 'עיר'] },
  { field: 'status', label: 'סטטוס', knownHeaders: ['status', 'סטטוס'] },
  { field: 'tags', label: 'תגיות', knownHeaders: ['tags', 'תגיות'] },
];

/** Field → column header; '' means "do not import this field". */
export type ImportMapping = Record<ImportField, string>;

export const EMPTY_MAPPING: ImportMapping = { name: '', phone: '', email: '', city: '', status: '', tags: '' };

/** Pre-selects, for every field, the first column whose header is one of the field's known names. */
export function guessMapping(headers: readonly string[]): ImportMapping {
  const mapping = { ...EMPTY_MAPPING };
  for (const { field, knownHeaders } of IMPORT_FIELDS) {
    const known = knownHeaders.map((name) => name.toLowerCase());
    mapping[field] = headers.find((header) => known.includes(header.trim().toLowerCase())) ?? '';
  }
  return mapping;
}

/** The `mapping` form value: only the fields that were given a column. */
export function mappingJson(mapping: ImportMapping): string {
  return JSON.stringify(Object.fromEntries(Object.entries(mapping).filter(([, header]) => header)));
}
