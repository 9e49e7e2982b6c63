// Calls to the contracts API and the query keys that cache them, so pages never build these URLs by hand.
import { api } from '../../api/client';
import type { Paged } from '../../api/contracts';
import type { components } from '../../api/schema';
import type { PlacedField } from './pdfFields';

type Schema<Name extends keyof components['schemas']> = components['schemas'][Name];
/** .NET's numbers come typed as `number | string`; the API writes numbers. */
type Written<T> = { [K in keyof T]: number extends T[K] ? Exclude<T[K], string> : T[K] };

export type ContractStatus = Schema<'ContractStatus'>;
export type ContractField = Schema<'ContractField'>;
export type Contract = Written<Schema<'ContractResponse'>>;
export type ContractListItem = Written<Schema<'ContractListItem'>>;
export type ContractTemplate = Written<Schema<'ContractTemplateResponse'>>;
export type ContractTemplateListItem = Written<Schema<'ContractTemplateListItem'>>;
export type ContractPlaceholder = Schema<'ContractPlaceholder'>;

export const STATUS_LABELS: Record<ContractStatus, string> = {
  draft: 'טיוטה',
  sent: 'נשלח',
  viewed: 'נצפה',
  signed: 'נחתם',
  declined: 'נדחה',
  expired: 'פג תוקף',
  cancelled: 'בוטל',
};

export interface ContractFilters {
  status: ContractStatus | '';
  from: string;
  to: string;
  page: number;
}

export const contractKeys = {
  all: ['contracts'] as const,
  list: (filters: ContractFilters) => ['contracts', 'list', filters] as const,
  customer: (customerId: string) => ['contracts', 'customer', customerId] as const,
  detail: (id: string) => ['contracts', 'detail', id] as const,
  templates: ['contracts', 'templates'] as const,
  template: (id: string) => ['contracts', 'templates', id] as const,
  placeholders: ['contracts', 'placeholders'] as const,
};

const id = (value: string) => encodeURIComponent(value);

export function contractsQuery(filters: ContractFilters): string {
  const params = new URLSearchParams({ page: String(filters.page), limit: '25' });
  if (filters.status) params.set('status', filters.status);
  if (filters.from) params.set('from', filters.from);
  if (filters.to) params.set('to', filters.to);
  return params.toString();
}

export const fetchContracts = (filters: ContractFilters, signal?: AbortSignal) =>
  api.get<Paged<ContractListItem>>(`/api/contracts?${contractsQuery(filters)}`, signal);
export const fetchCustomerContracts = (customerId: string, signal?: AbortSignal) =>
  api.get<Paged<ContractListItem>>(`/api/customers/${id(customerId)}/contracts?limit=100`, signal);
export const fetchContract = (contractId: string, signal?: AbortSignal) => api.get<Contract>(`/api/contracts/${id(contractId)}`, signal);
export const createContract = (customerId: string, body: NewContract) => api.post<Contract>(`/api/customers/${id(customerId)}/contracts`, body);
export const previewContract = (customerId: string, body: NewContract) => api.postBlob(`/api/customers/${id(customerId)}/contracts/preview`, body);
export const patchContract = (contractId: string, body: { title?: string; fieldValues?: Record<string, string>; status?: ContractStatus }) =>
  api.patch<Contract>(`/api/contracts/${id(contractId)}`, body);
export const fetchContractPdf = (contractId: string) => api.getBlob(`/api/contracts/${id(contractId)}/pdf`);

export const fetchTemplates = (signal?: AbortSignal) => api.get<ContractTemplateListItem[]>('/api/contract-templates', signal);
export const fetchTemplate = (templateId: string, signal?: AbortSignal) =>
  api.get<ContractTemplate>(`/api/contract-templates/${id(templateId)}`, signal);
export const fetchPlaceholders = (signal?: AbortSignal) => api.get<ContractPlaceholder[]>('/api/contract-templates/placeholders', signal);
export const createTemplate = (body: TemplateBody) => api.post<ContractTemplate>('/api/contract-templates', body);
export const saveTemplate = (templateId: string, body: TemplateBody) => api.put<ContractTemplate>(`/api/contract-templates/${id(templateId)}`, body);
export const archiveTemplate = (templateId: string) => api.delete(`/api/contract-templates/${id(templateId)}`);

/** An uploaded template PDF: page count and each page's size in points. */
export interface TemplatePdf {
  id: string;
  pageCount: number;
  pages: { width: number; height: number }[];
}

export function uploadTemplatePdf(file: File) {
  const form = new FormData();
  form.append('file', file);
  return api.postForm<TemplatePdf>('/api/contract-templates/pdfs', form);
}
export const fetchTemplatePdfPage = (pdfId: string, page: number, signal?: AbortSignal) =>
  api.getBlob(`/api/contract-templates/pdfs/${id(pdfId)}/pages/${page}`, signal);

export interface NewContract {
  templateId: string;
  title?: string;
  fieldValues: Record<string, string>;
}

export interface TemplateBody {
  name: string;
  bodyHtml?: string;
  fields?: ContractField[];
  /** A template from an uploaded PDF: the file and the fields placed on it (no body, no custom fields). */
  pdfId?: string;
  pdfFields?: PlacedField[];
}

/** Opens a PDF in a new tab (a phone's viewer), keeping the object URL long enough for it to load. */
export function openPdf(blob: Blob) {
  const url = URL.createObjectURL(blob);
  window.open(url, '_blank', 'noopener');
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
