import { api } from '../../api/client';
import type { AdminUser, BusinessFeatures, CallbackTimingInput, CallSettings, CallSettingsInput, FeatureKey } from '../../api/contracts';

export const adminKeys = {
  features: ['admin', 'features'] as const,
  users: ['admin', 'users'] as const,
  callSettings: ['admin', 'call-settings'] as const,
};

export const fetchBusinessFeatures = (signal?: AbortSignal) =>
  api.get<BusinessFeatures>('/api/admin/features', signal);

export const saveBusinessFeatures = (features: FeatureKey[]) =>
  api.put<BusinessFeatures>('/api/admin/features', { features });

export const fetchAdminUsers = (signal?: AbortSignal) => api.get<AdminUser[]>('/api/admin/users', signal);

/** null gives the user the whole plan; a list limits them to that subset of it. */
export const saveUserFeatures = (userId: string, features: FeatureKey[] | null) =>
  api.put<AdminUser>(`/api/admin/users/${encodeURIComponent(userId)}/features`, { features });

export const FEATURE_LABELS: Record<FeatureKey, string> = {
  crm: 'ניהול לקוחות',
  calls: 'שיחות',
  whatsapp: 'וואטסאפ',
  contracts: 'חוזים',
  invoices: 'חשבוניות',
  signatures: 'חתימות',
};

// ── Answering settings (the calls feature) ────────────────────────────────────────────────────

const CALL_SETTINGS_URL = '/api/admin/call-settings';

export const fetchCallSettings = (signal?: AbortSignal) => api.get<CallSettings>(CALL_SETTINGS_URL, signal);

export const saveCallSettings = (input: CallSettingsInput) => api.put<CallSettings>(CALL_SETTINGS_URL, input);

/** When a call's follow-up falls due: its own PUT, so saving the texts never resets it. */
export const saveCallbackTiming = (input: CallbackTimingInput) =>
  api.put<CallSettings>(`${CALL_SETTINGS_URL}/callback`, input);

/** The server's limit too; checked here first so a large file is never uploaded just to be refused. */
export const MAX_GREETING_AUDIO_BYTES = 5 * 1024 * 1024;

export function uploadGreetingAudio(file: File): Promise<CallSettings> {
  const form = new FormData();
  form.append('file', file, file.name);
  return api.putForm<CallSettings>(`${CALL_SETTINGS_URL}/greeting-audio`, form);
}

export const removeGreetingAudio = () => api.delete<CallSettings>(`${CALL_SETTINGS_URL}/greeting-audio`);

/** The server's bounds on a hold clip's length; it plays whole (looped when short) before the reply. */
export const HOLD_CLIP_SECONDS = { min: 1, max: 20 } as const;

export function uploadHoldClip(file: File): Promise<CallSettings> {
  const form = new FormData();
  form.append('file', file, file.name);
  return api.putForm<CallSettings>(`${CALL_SETTINGS_URL}/hold-clip`, form);
}

export const removeHoldClip = () => api.delete<CallSettings>(`${CALL_SETTINGS_URL}/hold-clip`);
