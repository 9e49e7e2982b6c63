// The WhatsApp routes of AgentLocator.Api, through the one API client.

import { api, ApiError, request } from '../../api/client';
import type {
  WhatsAppAgent,
  WhatsAppConversationsPage,
  WhatsAppMessage,
  WhatsAppTemplate,
  WhatsAppThreadPage,
} from '../../api/contracts';

export const NEEDS_TEMPLATE_TYPE = 'https://agentlocator.app/problems/whatsapp-needs-template';

export type ConversationFilter = 'all' | 'mine' | 'unassigned';

export const whatsAppKeys = {
  all: ['whatsapp'] as const,
  thread: (customerId: string) => ['whatsapp', 'thread', customerId] as const,
  conversations: ['whatsapp', 'conversations'] as const,
  conversationList: (q: string, filter: ConversationFilter) => ['whatsapp', 'conversations', q, filter] as const,
  // Under `conversations`, so whatever refetches the inbox (a push, a read mark) refreshes the navigation's count too.
  unread: ['whatsapp', 'conversations', 'unread'] as const,
  agents: ['whatsapp', 'agents'] as const,
  sender: ['whatsapp', 'sender'] as const,
  templates: ['whatsapp', 'templates'] as const,
  media: (url: string) => ['whatsapp', 'media', url] as const,
  settings: ['whatsapp', 'settings'] as const,
};

const threadPath = (customerId: string) => `/api/whatsapp/customers/${encodeURIComponent(customerId)}`;

export function fetchThread(customerId: string, cursor: string | null, signal?: AbortSignal) {
  const query = cursor ? `?cursor=${encodeURIComponent(cursor)}` : '';
  return api.get<WhatsAppThreadPage>(`${threadPath(customerId)}/messages${query}`, signal);
}

export type OutgoingMessage = { body: string } | { templateId: string; variables: Record<string, string> };

/** The key makes a repeated request (a lost answer, a double click) send the message once. */
export function sendMessage(customerId: string, message: OutgoingMessage, idempotencyKey: string) {
  return request<WhatsAppMessage>(`${threadPath(customerId)}/messages`, {
    method: 'POST',
    body: message,
    headers: { 'Idempotency-Key': idempotencyKey },
  });
}

export function retryMessage(customerId: string, messageId: string) {
  return api.post<WhatsAppMessage>(`${threadPath(customerId)}/messages/${encodeURIComponent(messageId)}/retry`);
}

export function markRead(customerId: string) {
  return api.post<void>(`${threadPath(customerId)}/read`);
}

export function assignConversation(customerId: string, assigneeId: string | null) {
  return api.put<{ assignee: WhatsAppAgent | null }>(`${threadPath(customerId)}/assignee`, { assigneeId });
}

export function fetchConversations(q: string, filter: ConversationFilter, cursor: string | null, signal?: AbortSignal) {
  const params = new URLSearchParams();
  if (q.trim()) params.set('q', q.trim());
  if (filter !== 'all') params.set('filter', filter);
  if (cursor) params.set('cursor', cursor);
  const query = params.toString();
  return api.get<WhatsAppConversationsPage>(`/api/whatsapp/conversations${query ? `?${query}` : ''}`, signal);
}

export async function fetchAgents(signal?: AbortSignal) {
  return (await api.get<{ items: WhatsAppAgent[] }>('/api/whatsapp/agents', signal)).items;
}

export async function fetchHasSender(signal?: AbortSignal) {
  return (await api.get<{ hasSender: boolean }>('/api/whatsapp/sender', signal)).hasSender;
}

/** The business's approved templates; a server without the listing yet (404) has none to offer. */
export async function fetchTemplates(signal?: AbortSignal): Promise<WhatsAppTemplate[]> {
  try {
    return (await api.get<{ items: WhatsAppTemplate[] }>('/api/whatsapp/templates', signal)).items ?? [];
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return [];
    throw error;
  }
}

export function fetchMedia(url: string, signal?: AbortSignal) {
  return api.getBlob(url, signal);
}

/** The 409 that says free text is not allowed now (the 24-hour window is closed). */
export function isNeedsTemplate(error: unknown): boolean {
  return error instanceof ApiError && error.status === 409 && (error.type === NEEDS_TEMPLATE_TYPE || error.title === 'needs a template');
}

/** GET/PUT /api/whatsapp/settings (admins): the business's WhatsApp sender number; null clears it. */
export interface WhatsAppSettings {
  senderNumber: string | null;
  sendingConfigured: boolean;
}

export const fetchWhatsAppSettings = (signal?: AbortSignal) => api.get<WhatsAppSettings>('/api/whatsapp/settings', signal);

export const saveWhatsAppSettings = (senderNumber: string | null) =>
  api.put<WhatsAppSettings>('/api/whatsapp/settings', { senderNumber });
