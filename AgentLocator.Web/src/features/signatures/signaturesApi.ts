// Calls to the signature-request API and the query keys that cache them, so pages never build these URLs by hand.
import { api, request } from '../../api/client';
import type { Paged } from '../../api/contracts';

export type SignatureStatus = 'draft' | 'sent' | 'viewed' | 'signed' | 'declined' | 'expired' | 'cancelled';
export type SignerRole = 'customer' | 'co_signer' | 'business';

export interface Signer {
  id: string;
  position: number;
  name: string;
  phone: string;
  role: SignerRole;
  status: SignatureStatus;
  sentAt: string | null;
  viewedAt: string | null;
  signedAt: string | null;
  declinedAt: string | null;
  declineReason: string | null;
  codeVerified: boolean;
}

export interface SignatureEvent {
  id: string;
  action: string;
  occurredAt: string;
  actorType: string;
  actorName: string | null;
  signerId: string | null;
  ip: string | null;
  userAgent: string | null;
  detail: string | null;
}

export interface SignatureRequest {
  id: string;
  customerId: string;
  customerName: string;
  contractId: string | null;
  title: string;
  status: SignatureStatus;
  ordered: boolean;
  requireCode: boolean;
  pageCount: number;
  originalSha256: string;
  signedSha256: string | null;
  createdAt: string;
  sentAt: string | null;
  completedAt: string | null;
  cancelledAt: string | null;
  expiresAt: string;
  signers: Signer[];
  events: SignatureEvent[];
  smsProblems: string[] | null;
}

export interface SignatureRequestListItem {
  id: string;
  customerId: string;
  customerName: string;
  title: string;
  status: SignatureStatus;
  signers: number;
  signed: number;
  createdAt: string;
  completedAt: string | null;
  expiresAt: string;
}

export interface SigningView {
  title: string;
  businessName: string;
  signerName: string;
  role: SignerRole;
  status: SignatureStatus;
  requestStatus: SignatureStatus;
  pageCount: number;
  requireCode: boolean;
  codeVerified: boolean;
  canSign: boolean;
  signedCopyReady: boolean;
  signersTotal: number;
  signersSigned: number;
  expiresAt: string;
  consentText: string;
  /** The fields placed for this signer's role (a contract from an uploaded-PDF template); none for a plain document. */
  fields?: SigningField[] | null;
}

/** A field this signer fills, at fractions of its page from the top-left; `value` once filled (never for an image). */
export interface SigningField {
  key: string;
  kind: 'signature' | 'initials' | 'date' | 'text' | 'checkbox';
  page: number;
  x: number;
  y: number;
  width: number;
  height: number;
  required: boolean;
  label: string;
  value: string | null;
  filled: boolean;
}

export interface DocumentVerification {
  issued: boolean;
  signaturePresent: boolean;
  signatureValid: boolean;
  unchanged: boolean;
  sha256: string;
  title: string | null;
  businessName: string | null;
  completedAt: string | null;
  certificateSubject: string | null;
  signers: { name: string; role: SignerRole; signedAt: string | null }[];
}

export const STATUS_LABELS: Record<SignatureStatus, string> = {
  draft: 'טיוטה',
  sent: 'נשלח',
  viewed: 'נצפה',
  signed: 'נחתם',
  declined: 'סורב',
  expired: 'פג תוקף',
  cancelled: 'בוטל',
};

export const ROLE_LABELS: Record<SignerRole, string> = {
  customer: 'לקוח',
  co_signer: 'חותם נוסף',
  business: 'נציג העסק',
};

export const EVENT_LABELS: Record<string, string> = {
  created: 'נוצרה',
  sent: 'נשלחה',
  opened: 'נפתחה',
  code_sent: 'נשלח קוד אימות',
  code_verified: 'קוד אימות אומת',
  signed: 'נחתמה',
  declined: 'סורבה',
  reminded: 'נשלחה תזכורת',
  cancelled: 'בוטלה',
  downloaded: 'הורד עותק חתום',
  completed: 'הושלמה — כל החותמים חתמו',
  expired: 'פג תוקף',
  link_copied: 'הועתק קישור',
};

export interface RequestFilters {
  status: SignatureStatus | '';
  page: number;
  limit: number;
}

export const signatureKeys = {
  all: ['signatures'] as const,
  list: (filters: RequestFilters) => ['signatures', 'list', filters] as const,
  customer: (customerId: string) => ['signatures', 'customer', customerId] as const,
  detail: (id: string) => ['signatures', 'detail', id] as const,
};

const requestPath = (id: string) => `/api/signatures/requests/${encodeURIComponent(id)}`;

export function fetchRequests(filters: RequestFilters, signal?: AbortSignal) {
  const params = new URLSearchParams({ page: String(filters.page), limit: String(filters.limit) });
  if (filters.status) params.set('status', filters.status);
  return api.get<Paged<SignatureRequestListItem>>(`/api/signatures/requests?${params}`, signal);
}
export const fetchCustomerRequests = (customerId: string, signal?: AbortSignal) =>
  api.get<SignatureRequestListItem[]>(`/api/customers/${encodeURIComponent(customerId)}/signature-requests`, signal);
export const fetchRequest = (id: string, signal?: AbortSignal) => api.get<SignatureRequest>(requestPath(id), signal);
export const createRequest = (customerId: string, form: FormData) =>
  api.postForm<SignatureRequest>(`/api/customers/${encodeURIComponent(customerId)}/signature-requests`, form);
export const remindRequest = (id: string) => api.post<SignatureRequest>(`${requestPath(id)}/remind`, {});
export const cancelRequest = (id: string) => api.post<SignatureRequest>(`${requestPath(id)}/cancel`);
export const copySignerLink = (id: string, signerId: string) =>
  api.post<{ url: string; expiresAt: string }>(`${requestPath(id)}/signers/${encodeURIComponent(signerId)}/link`);
export const signedPdf = (id: string) => api.getBlob(`${requestPath(id)}/signed.pdf`);
export const originalPdf = (id: string) => api.getBlob(`${requestPath(id)}/original.pdf`);

// The signer's page: no login, the link's token is the permission.
const signPath = (token: string) => `/api/public/sign/${encodeURIComponent(token)}`;
export const fetchSigningView = (token: string, signal?: AbortSignal) =>
  request<SigningView>(signPath(token), { signal, authenticated: false });
export const pageImageUrl = (token: string, page: number) => `${signPath(token)}/pages/${page}`;
export const signedCopyUrl = (token: string) => `${signPath(token)}/signed.pdf`;
export const sendCode = (token: string) => request<void>(`${signPath(token)}/code`, { method: 'POST', authenticated: false });
export const verifyCode = (token: string, code: string) =>
  request<SigningView>(`${signPath(token)}/code/verify`, { method: 'POST', body: { code }, authenticated: false });
export const sign = (token: string, signaturePng: string, typedName: string | null, fields?: Record<string, string>) =>
  request<SigningView>(`${signPath(token)}/sign`, {
    method: 'POST',
    body: { signaturePng, typedName, consent: true, fields },
    authenticated: false,
  });
export const decline = (token: string, reason: string) =>
  request<SigningView>(`${signPath(token)}/decline`, { method: 'POST', body: { reason }, authenticated: false });

export function verifyDocument(file: File) {
  const form = new FormData();
  form.append('file', file);
  return request<DocumentVerification>('/api/documents/verify', { method: 'POST', form, authenticated: false });
}

/** Saves a blob under a file name, as a download. */
export function saveBlob(blob: Blob, name: string) {
  const url = URL.createObjectURL(blob);
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = name;
  anchor.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
