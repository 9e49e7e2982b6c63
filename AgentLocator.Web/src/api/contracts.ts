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

// ── CRM ───────────────────────────────────────────────────────────────────────────────────────

export type CustomerStatus = 'lead' | 'active' | 'inactive';

export interface Customer {
  id: string;
  name: string;
  /** E.164, e.g. "+972541234567". */
  phone: string | null;
  /** National format for display, e.g. "054-123-4567". */
  phoneDisplay: string | null;
  email: string | null;
  city: string | null;
  status: CustomerStatus;
  tags: string[];
  createdAt: string;
  updatedAt: string;
  lastActivityAt: string | null;
  openTasks: number;
  calls: number;
  deletedAt: string | null;
}

/** Body of POST /api/crm/customers; PATCH takes any subset of it. */
export interface CustomerInput {
  name: string;
  phone?: string | null;
  email?: string | null;
  city?: string | null;
  status?: CustomerStatus;
  tags?: string[];
}

export interface PageInfo {
  page: number;
  limit: number;
  total: number;
  totalPages: number;
  hasNext: boolean;
  /** Set when a search matched more rows than the API counts exactly: total then means "at least". */
  totalIsLowerBound?: boolean;
}

export interface Paged<T> {
  items: T[];
  page: PageInfo;
}

export interface CustomerNote {
  id: string;
  text: string;
  authorName: string;
  createdAt: string;
}

export type ImportOutcome = 'created' | 'merged' | 'rejected';

export interface ImportRowResult {
  /** The line in the file, counting the header as line 1 (what a spreadsheet shows). */
  row: number;
  outcome: ImportOutcome;
  /** The new customer, or the existing one the row was merged into; absent for a rejected row. */
  customerId?: string | null;
  /** Why a row was rejected. */
  reason?: string | null;
}

/** Body of a successful POST /api/crm/customers/import. */
export interface ImportReport {
  created: number;
  merged: number;
  rejected: number;
  rows: ImportRowResult[];
}

/** Body of GET /api/me/preferences/{key}; value is null for a key never set. */
export interface Preference<T> {
  value: T;
}

// ── Admin ─────────────────────────────────────────────────────────────────────────────────────

/** GET/PUT /api/admin/features: what the business's plan has switched on, out of what exists. */
export interface BusinessFeatures {
  plan: FeatureKey[];
  available: FeatureKey[];
}

export interface AdminUser {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  /** null means "the whole plan"; otherwise the subset of the plan this user may use. */
  featureLimits: FeatureKey[] | null;
  effectiveFeatures: FeatureKey[];
}

// ── Tasks ─────────────────────────────────────────────────────────────────────────────────────

export type TaskStatus = 'open' | 'done';

/** The task's customer as the task endpoints embed it (null if the customer is gone). */
export interface TaskCustomer {
  id: string;
  name: string;
  /** E.164, e.g. "+972541234567". */
  phone: string | null;
  phoneDisplay: string | null;
}

/** All instants are ISO 8601 UTC. */
export interface Task {
  id: string;
  customerId: string;
  customer: TaskCustomer | null;
  assigneeId: string;
  title: string;
  notes: string | null;
  dueAt: string;
  remindBeforeMinutes: number | null;
  /** When the alert rings: dueAt less remindBefore, moved later by a snooze. */
  remindAt: string;
  status: TaskStatus;
  completedAt: string | null;
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
}

/** Body of POST /api/tasks; PATCH /api/tasks/{id} takes any subset of it except customerId. */
export interface TaskInput {
  customerId: string;
  title: string;
  /** ISO 8601 with an explicit offset; the API refuses a bare local time. */
  dueAt: string;
  notes?: string | null;
  assigneeId?: string;
  remindBefore?: number | null;
}

/** What `task:due` (SignalR) and a task push message carry: the task now, and the reminder time that fired. */
export interface TaskDueMessage {
  reminderAt: string;
  task: Task;
}

// ── Calls ─────────────────────────────────────────────────────────────────────────────────────

/** Twilio's status of the call itself. */
export type CallStatus = 'in-progress' | 'completed' | 'busy' | 'no-answer' | 'failed' | 'canceled';

/** How the call ended up: still going, a message left, answered but nothing usable said, or never answered. */
export type CallDisposition = 'in-progress' | 'message' | 'no-message' | 'missed';

export type CallIntent = 'inquiry' | 'appointment' | 'complaint' | 'callback' | 'sales' | 'other';

/** The caller's customer card, when the number matched one (or a lead was created for it). */
export interface CallCustomer {
  id: string;
  name: string;
  /** E.164. */
  phone: string | null;
}

/** One row of GET /api/calls, and the body of the hub's `call:updated` message. All instants ISO 8601 UTC. */
export interface CallListItem {
  id: string;
  /** The caller's number in E.164 (may be empty for a withheld number). */
  from: string;
  /** The caller's number as people write it, e.g. "054-123-4567". */
  fromDisplay: string;
  customer: CallCustomer | null;
  status: CallStatus;
  disposition: CallDisposition;
  startedAt: string;
  endedAt: string | null;
  durationSeconds: number | null;
  turnCount: number;
  summary: string | null;
  intent: CallIntent | null;
  hasRecording: boolean;
}

export type CallTurnState = 'pending' | 'ready' | 'silent' | 'failed' | 'not-configured';

/** How the reply reached the caller: synthesized audio, Twilio's own voice, or the business's fallback message. */
export type CallSpokenAs = 'audio' | 'say' | 'fallback';

/** One step of a turn's pipeline (download, check, transcribe, reply, speak) and how long it took. */
export interface CallStageTiming {
  stage: string;
  outcome: string;
  milliseconds: number;
  detail?: string;
  /** On the transcribe stage: which speech-to-text ran it. */
  provider?: CallTranscriptionProvider;
}

/**
 * The speech-to-text, in the server's order: an OpenAI key → 'openai'; else a local Whisper model → 'whisper-local';
 * else 'none'.
 */
export type CallTranscriptionProvider = 'openai' | 'whisper-local' | 'none';

export interface CallTurn {
  /** 1, 2, … in the order the caller spoke. */
  number: number;
  state: CallTurnState;
  transcript: string | null;
  reply: string | null;
  spokenAs: CallSpokenAs | null;
  recordingSeconds: number | null;
  /** An API path (needs the bearer token), e.g. "/api/calls/{id}/recording?turn=1"; null when none was stored. */
  recordingUrl: string | null;
  /** Which speech-to-text transcribed this turn; null when none ran. */
  transcribedBy: CallTranscriptionProvider | null;
  stages: CallStageTiming[];
}

export interface CallTaskSummary {
  id: string;
  title: string;
  dueAt: string;
  completed: boolean;
}

/** Body of GET /api/calls/{id}. */
export interface CallDetail {
  id: string;
  callSid: string;
  from: string;
  fromDisplay: string;
  /** The business's number that was called. */
  to: string;
  customer: CallCustomer | null;
  status: CallStatus;
  disposition: CallDisposition;
  startedAt: string;
  endedAt: string | null;
  durationSeconds: number | null;
  summary: string | null;
  intent: CallIntent | null;
  /** What the AI gathered about the caller (name, subject, …), by field name. */
  lead: Record<string, string> | null;
  /** False when no speech-to-text service is configured (the embedded default). */
  transcriptionConfigured: boolean;
  /** The speech-to-text active now. */
  transcriptionProvider: CallTranscriptionProvider;
  /** The follow-up task created for the agent. */
  task: CallTaskSummary | null;
  turns: CallTurn[];
}

/** GET/PUT /api/admin/call-settings. A null text means "use the built-in default" (the matching default* field). */
export interface CallSettings {
  greetingText: string | null;
  defaultGreetingText: string;
  hasGreetingAudio: boolean;
  /** Public URL (no token needed) of the uploaded greeting recording. */
  greetingAudioUrl: string | null;
  replyPrompt: string | null;
  defaultReplyPrompt: string;
  fallbackMessage: string | null;
  defaultFallbackMessage: string;
  /** The agent who gets the follow-up task of a call from an unknown number. */
  defaultAgentId: string | null;
  twilioNumber: string | null;
}

/** Body of PUT /api/admin/call-settings; null restores the default. */
export interface CallSettingsInput {
  greetingText: string | null;
  replyPrompt: string | null;
  fallbackMessage: string | null;
  defaultAgentId: string | null;
}
