// Calls to /api/invoices and the query keys that cache them, so pages never build these URLs by hand.
import { api } from '../../api/client';
import type { Paged } from '../../api/contracts';
import type { components } from '../../api/schema';
import type { DocumentHistoryEvent } from './documentHistory';

type Schema<Name extends keyof components['schemas']> = components['schemas'][Name];
/** .NET's document types numbers as `number | string`; the API writes numbers. */
type Written<T> = { [K in keyof T]: number extends T[K] ? Exclude<T[K], string> : T[K] };

export type DocumentType = 'quote' | 'tax_invoice' | 'receipt' | 'tax_invoice_receipt' | 'credit_invoice';
export type PaymentMethod = 'cash' | 'cheque' | 'transfer' | 'card' | 'app';

export type TaxDocument = Omit<Written<Schema<'DocumentResponse'>>, 'lines' | 'payments' | 'balance'> & {
  lines: Written<Schema<'DocumentLineResponse'>>[];
  payments: Written<Schema<'DocumentPaymentResponse'>>[];
  balance?: Written<Schema<'DocumentBalance'>> | null;
};
export type DocumentListItem = Written<Schema<'DocumentListItem'>>;
export type InvoiceSettings = Written<Schema<'InvoiceSettingsResponse'>>;
export type DocumentDefaults = Written<Schema<'DocumentDefaultsResponse'>>;
export type TaxAuthorityStatus = Schema<'TaxAuthorityStatus'>;
export type MonthlySummary = Written<Omit<Schema<'MonthlySummaryResponse'>, 'customers'>> & {
  customers: Written<Schema<'MonthlyCustomerSummary'>>[];
};

export const DOCUMENT_TYPES: { value: DocumentType; label: string }[] = [
  { value: 'tax_invoice_receipt', label: 'חשבונית מס/קבלה' },
  { value: 'tax_invoice', label: 'חשבונית מס' },
  { value: 'receipt', label: 'קבלה' },
  { value: 'quote', label: 'הצעת מחיר' },
  { value: 'credit_invoice', label: 'חשבונית זיכוי' },
];

export const PAYMENT_METHODS: { value: PaymentMethod; label: string }[] = [
  { value: 'cash', label: 'מזומן' },
  { value: 'cheque', label: 'המחאה' },
  { value: 'transfer', label: 'העברה בנקאית' },
  { value: 'card', label: 'כרטיס אשראי' },
  { value: 'app', label: 'אפליקציית תשלום' },
];

export const takesPayments = (type: DocumentType) => type === 'receipt' || type === 'tax_invoice_receipt';

export interface DocumentFilters {
  type: DocumentType | '';
  status: 'draft' | 'pending_allocation' | 'issued' | '';
  from: string;
  to: string;
  number: string;
  customerId?: string;
  page: number;
  limit: number;
}

export const invoiceKeys = {
  all: ['invoices'] as const,
  list: (filters: DocumentFilters) => ['invoices', 'list', filters] as const,
  detail: (id: string) => ['invoices', 'detail', id] as const,
  history: (id: string) => ['invoices', 'detail', id, 'history'] as const,
  settings: ['invoices', 'settings'] as const,
  defaults: ['invoices', 'defaults'] as const,
  taxAuthority: ['invoices', 'tax-authority'] as const,
  monthly: (month: string) => ['invoices', 'monthly', month] as const,
};

export function documentsQuery(filters: Omit<DocumentFilters, 'page' | 'limit'> & Partial<DocumentFilters>): string {
  const params = new URLSearchParams();
  if (filters.page) params.set('page', String(filters.page));
  if (filters.limit) params.set('limit', String(filters.limit));
  if (filters.type) params.set('type', filters.type);
  if (filters.status) params.set('status', filters.status);
  if (filters.from) params.set('from', filters.from);
  if (filters.to) params.set('to', filters.to);
  if (filters.number.trim()) params.set('number', filters.number.trim());
  if (filters.customerId) params.set('customerId', filters.customerId);
  return params.toString();
}

export const fetchDocuments = (filters: DocumentFilters, signal?: AbortSignal) =>
  api.get<Paged<DocumentListItem>>(`/api/invoices/documents?${documentsQuery(filters)}`, signal);
export const fetchDocument = (id: string, signal?: AbortSignal) =>
  api.get<TaxDocument>(`/api/invoices/documents/${encodeURIComponent(id)}`, signal);
/** The document's steps, oldest first (issued, sent, opened, paid, credited, converted, cancelled). */
export const fetchDocumentHistory = (id: string, signal?: AbortSignal) =>
  api.get<{ events: DocumentHistoryEvent[] }>(`/api/invoices/documents/${encodeURIComponent(id)}/history`, signal);
export const createDraft = (body: unknown) => api.post<TaxDocument>('/api/invoices/documents', body);
export const issueDocument = (id: string) => api.post<TaxDocument>(`/api/invoices/documents/${encodeURIComponent(id)}/issue`);
export const convertQuote = (id: string, type: DocumentType) =>
  api.post<TaxDocument>(`/api/invoices/documents/${encodeURIComponent(id)}/convert`, { type });
export const createLink = (id: string) =>
  api.post<{ url: string; expiresAt: string }>(`/api/invoices/documents/${encodeURIComponent(id)}/links`);
export type SendChannel = 'sms' | 'whatsapp';
/**
 * Sends the issued document's link by SMS or WhatsApp to `phone`, or to the customer's own number when it is empty. WhatsApp
 * answers 422 in Hebrew when the customer has not written in the last 24 hours or the business has no sender.
 */
export const sendDocument = (id: string, phone: string, channel: SendChannel = 'sms') =>
  api.post<{ channel: string; to: string; expiresAt: string }>(`/api/invoices/documents/${encodeURIComponent(id)}/send`, {
    channel,
    phone: phone.trim() || null,
  });
export const fetchPdf = (id: string) => api.getBlob(`/api/invoices/documents/${encodeURIComponent(id)}/pdf`);
export const fetchSettings = (signal?: AbortSignal) => api.get<InvoiceSettings>('/api/invoices/settings', signal);
export const saveSettings = (body: unknown) => api.put<InvoiceSettings>('/api/invoices/settings', body);
export const fetchDefaults = (signal?: AbortSignal) => api.get<DocumentDefaults>('/api/invoices/document-defaults', signal);
export const cancelRefused = (id: string) => api.post<TaxDocument>(`/api/invoices/documents/${encodeURIComponent(id)}/cancel`);
export const retryAllocation = (id: string) =>
  api.post<TaxDocument>(`/api/invoices/documents/${encodeURIComponent(id)}/allocation/retry`);
export const fetchTaxAuthority = (signal?: AbortSignal) =>
  api.get<TaxAuthorityStatus>('/api/invoices/settings/tax-authority', signal);
export const connectTaxAuthority = () => api.post<{ authorizeUrl: string }>('/api/invoices/settings/tax-authority/connect');
export const disconnectTaxAuthority = () => api.delete('/api/invoices/settings/tax-authority');
export const fetchMonthlySummary = (month: string, signal?: AbortSignal) =>
  api.get<MonthlySummary>(`/api/invoices/reports/monthly?month=${encodeURIComponent(month)}`, signal);
export const fetchMonthlySummaryCsv = (month: string) =>
  api.getBlob(`/api/invoices/reports/monthly.csv?month=${encodeURIComponent(month)}`);
/** The uniform-structure export (מבנה אחיד) of a date range: a zip of INI.TXT and BKMVDATA.TXT in the Authority's folder. */
export const fetchUniformExport = (from: string, to: string) =>
  api.getBlob(`/api/invoices/reports/uniform?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`);
export const uploadLogo = (file: File) => {
  const form = new FormData();
  form.append('file', file);
  return api.putForm<InvoiceSettings>('/api/invoices/settings/logo', form);
};
export const removeLogo = () => api.delete('/api/invoices/settings/logo');
