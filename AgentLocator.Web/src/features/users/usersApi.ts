import { api } from '../../api/client';
import type { AccountLinkIssued, AdminUser, Invitation, InvitationInput, Role } from '../../api/contracts';

export const usersKeys = {
  users: ['admin', 'users'] as const,
  invitations: ['admin', 'invitations'] as const,
};

const user = (id: string) => `/api/admin/users/${encodeURIComponent(id)}`;

export const fetchInvitations = (signal?: AbortSignal) => api.get<Invitation[]>('/api/admin/invitations', signal);

export const createInvitation = (input: InvitationInput) => api.post<Invitation>('/api/admin/invitations', input);

export const revokeInvitation = (id: string) => api.delete(`/api/admin/invitations/${encodeURIComponent(id)}`);

/** A fresh link goes out by SMS; the one shown before stops working. */
export const sendInvitationSms = (id: string) => api.post<Invitation>(`/api/admin/invitations/${encodeURIComponent(id)}/sms`);

export const setUserRole = (id: string, role: Role) => api.put<AdminUser>(`${user(id)}/role`, { role });

export const disableUser = (id: string) => api.post<AdminUser>(`${user(id)}/disable`);

export const enableUser = (id: string) => api.post<AdminUser>(`${user(id)}/enable`);

export const issuePasswordReset = (id: string) => api.post<AccountLinkIssued>(`${user(id)}/password-reset`);

export const ROLE_LABELS: Record<Role, string> = { admin: 'מנהל/ת', agent: 'סוכן/ת' };

export const STATUS_LABELS: Record<string, string> = { active: 'פעיל', disabled: 'מושבת' };
