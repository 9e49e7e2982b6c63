// Shapes of AgentLocator.Api's JSON, kept next to the client so a contract change is one edit.

export type Role = 'admin' | 'agent';

export type FeatureKey = 'crm' | 'calls' | 'whatsapp' | 'contracts' | 'invoices' | 'signatures';

export interface User {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  businessId: string;
}

/** Body of a successful POST /api/auth/login or /api/auth/refresh. */
export interface AuthResponse {
  accessToken: string;
  /** ISO 8601 instant at which accessToken stops being accepted. */
  expiresAt: string;
  user: User;
}

export interface Business {
  id: string;
  name: string;
  timeZone: string;
  twilioNumber: string | null;
}

/** Body of GET /api/me. `features` is the effective set for this user, possibly a subset. */
export interface MeResponse {
  user: User;
  business: Business;
  features: FeatureKey[];
}
