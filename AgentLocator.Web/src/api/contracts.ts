// Shapes of AgentLocator.Api's JSON. Responses come from the types generated out of the API's OpenAPI document
// (schema.d.ts, made by `npm run contracts` from openapi.json; ./scripts/update-contracts.sh refreshes both), so a
// contract change on the server shows up here as a type error. What the document cannot say is narrowed below,
// each with its reason:
// - .NET's web JSON options also *read* numbers written as strings, so the document types every number as
//   `number | string`; the API only ever writes numbers (WrittenNumbers).
// - Roles and feature keys are string constants in C#, so the document says `string`; the unions below are the
//   values the API sends today. (The calls' statuses are C# enums sent as words, so the document lists them.)
import type { components } from './schema';

type Schema<Name extends keyof components['schemas']> = components['schemas'][Name];

/** Every `number | string` property as the number the API writes. */
type WrittenNumbers<T> = { [K in keyof T]: number extends T[K] ? Exclude<T[K], string> : T[K] };

/** The generated shape with some properties narrowed (or made optional) as the comments say. */
type Narrowed<T, Narrowing> = Omit<WrittenNumbers<T>, keyof Narrowing> & Narrowing;

export type Role = 'admin' | 'agent';

export type FeatureKey = 'crm' | 'calls' | 'whatsapp' | 'contracts' | 'invoices' | 'signatures';

export type User = Narrowed<Schema<'UserResponse'>, { role: Role }>;

/** Body of a successful POST /api/auth/login or /api/auth/refresh; expiresAt is when accessToken stops working. */
export type AuthResponse = Narrowed<Schema<'AuthResponse'>, { user: User }>;

export type Business = Schema<'BusinessResponse'>;

/** Body of GET /api/me. `features` is the effective set for this user, possibly a subset. */
export type MeResponse = Narrowed<Schema<'MeResponse'>, { user: User; features: FeatureKey[] }>;

// ── CRM ───────────────────────────────────────────────────────────────────────────────────────

export type CustomerStatus = 'lead' | 'active' | 'inactive';

/** Phones: `phone` in E.164 ("+972541234567"), `phoneDisplay` in national form ("054-123-4567"). */
export type Customer = Narrowed<
  Schema<'CustomerResponse'>,
  {
    status: CustomerStatus;
    /** Null-tolerant: the page shows "—" for a customer without activity. */
    lastActivityAt: string | null;
  }
>;

/**
 * Body of POST /api/crm/customers; PATCH takes any subset of it. The document marks every field optional (absent
 * and null mean different things in a PATCH); a new customer needs a name, and status is one of the known words.
 */
export type CustomerInput = Narrowed<
  Schema<'CustomerRequest'>,
  { name: string; status?: CustomerStatus; tags?: string[] }
>;

/**
 * The web asks for pages by number, so page, total and totalPages are always there (the API leaves them out only
 * for cursor requests); totalIsLowerBound is sent only when true: a search matched more rows than the API counts.
 */
export type PageInfo = Narrowed<
  Schema<'PageInfo'>,
  { page: number; total: number; totalPages: number; totalIsLowerBound?: boolean }
>;

/** PagedResponse<T> is generic in C#; the document holds one closed copy per item type (PagedResponseOf…). */
export interface Paged<T> {
  items: T[];
  page: PageInfo;
}

export type CustomerNote = Schema<'NoteResponse'>;

export type ImportOutcome = 'created' | 'merged' | 'rejected';

/** One line of an import: `row` counts the header as line 1 (what a spreadsheet shows). */
export type ImportRowResult = Narrowed<
  Schema<'ImportRowResult'>,
  {
    outcome: ImportOutcome;
    /** The new customer, or the existing one the row was merged into; absent for a rejected row. */
    customerId?: string | null;
    /** Why a row was rejected. */
    reason?: string | null;
  }
>;

/** Body of a successful POST /api/crm/customers/import. */
export type ImportReport = Narrowed<Schema<'ImportReport'>, { rows: ImportRowResult[] }>;

/** Body of GET /api/me/preferences/{key}; value is null for a key never set (any JSON in the document). */
export type Preference<T> = Narrowed<Schema<'PreferenceBody'>, { value: T }>;

// ── Admin ─────────────────────────────────────────────────────────────────────────────────────

/** GET/PUT /api/admin/features: what is switched on for the business, within what its plan includes. */
export type BusinessFeatures = Narrowed<Schema<'BusinessFeaturesResponse'>, { enabled: FeatureKey[]; plan: FeatureKey[] }>;

/** featureLimits null means "the whole plan"; otherwise the subset of the plan this user may use. */
export type AdminUser = Narrowed<
  Schema<'AdminUserResponse'>,
  { role: Role; featureLimits: FeatureKey[] | null; effectiveFeatures: FeatureKey[] }
>;

/** An open invitation; `url` only in the answer that issued it (the token is never stored). */
export type Invitation = Narrowed<Schema<'InvitationResponse'>, { role: Role; features: FeatureKey[] | null }>;

export type InvitationInput = { email?: string; phone?: string; role: Role; features: FeatureKey[] | null; sendSms: boolean };

/** A one-time link for someone else (a password reset), shown once. */
export type AccountLinkIssued = Schema<'AccountLinkIssued'>;

/** What /invite/:token and /reset-password/:token show before the password is set. */
export type AccountLink = Narrowed<Schema<'AccountLinkResponse'>, { kind: 'invitation' | 'password-reset' }>;

export type SessionsEnded = WrittenNumbers<Schema<'SessionsEndedResponse'>>;

export type TwilioNumber = Schema<'TwilioNumberResponse'>;

export type TwilioNumberTest = WrittenNumbers<Schema<'TwilioNumberTestResponse'>>;

// ── Tasks ─────────────────────────────────────────────────────────────────────────────────────

export type TaskStatus = 'open' | 'done';

/** The task's customer as the task endpoints embed it (null if the customer is gone). */
export type TaskCustomer = Schema<'CustomerSummaryResponse'>;

/** The call a task came from: its page, and the caller as the call list names them ("מספר חסוי" when withheld). */
export type TaskCall = Schema<'TaskCallResponse'>;

/**
 * All instants are ISO 8601 UTC; remindAt is when the alert rings (dueAt less remindBefore, moved by a snooze).
 * customerId and customer are null for a withheld caller's message: the task then names only its call.
 */
export type Task = Narrowed<Schema<'TaskResponse'>, { status: TaskStatus; customer: TaskCustomer | null; call: TaskCall | null }>;

/**
 * Body of POST /api/tasks; PATCH /api/tasks/{id} takes any subset of it except customerId. The API also accepts the
 * seed contract's snake_case spellings (customer_id, due_at …); the web app sends camelCase only. The document marks
 * every field optional (absent and null differ in a PATCH); a new task needs a customer, a title and a due time
 * (ISO 8601 with an explicit offset: the API refuses a bare local time).
 */
type TaskFields = Schema<'CreateTaskRequest'>;
export type TaskInput = Pick<TaskFields, 'notes' | 'remindBefore'> & {
  customerId: NonNullable<TaskFields['customerId']>;
  title: NonNullable<TaskFields['title']>;
  dueAt: NonNullable<TaskFields['dueAt']>;
  assigneeId?: NonNullable<TaskFields['assigneeId']>;
};

/**
 * What `task:due` (SignalR) and a task push message carry: the task now, and the reminder time that fired.
 * Hand-written: hub messages are not HTTP endpoints, so the OpenAPI document does not describe them.
 */
export interface TaskDueMessage {
  reminderAt: string;
  task: Task;
}

// ── Calls ─────────────────────────────────────────────────────────────────────────────────────

/** Twilio's status of the call itself. */
export type CallStatus = Schema<'CallStatus'>;

/** How the call ended up: still going, a message left, answered but nothing usable said, or never answered. */
export type CallDisposition = Schema<'CallDisposition'>;

export type CallIntent = 'inquiry' | 'appointment' | 'complaint' | 'callback' | 'sales' | 'other';

/** The caller's customer card, when the number matched one (or a lead was created for it). */
export type CallCustomer = Schema<'CustomerSummary'>;

/** Intents are string constants in C# (CallIntents), so the document says `string`. */
type CallIntentNarrowing = { intent: CallIntent | null };

/**
 * One row of GET /api/calls, and the body of the hub's `call:updated` message. All instants ISO 8601 UTC;
 * `from` is E.164, or Twilio's value for a withheld caller (e.g. "anonymous", "+266696687", "sip:…"); `fromDisplay` is
 * as people write it, "מספר חסוי" for every withheld form.
 */
export type CallListItem = Narrowed<Schema<'CallListItem'>, CallIntentNarrowing>;

export type CallTurnState = Schema<'TurnState'>;

/** How the reply reached the caller: synthesized audio, Twilio's own voice, or the business's fallback message. */
export type CallSpokenAs = Schema<'SpokenAs'>;

/**
 * The speech-to-text, in the server's order: an OpenAI key → 'openai'; else a local Whisper model → 'whisper-local';
 * else 'none'.
 */
export type CallTranscriptionProvider = 'openai' | 'whisper-local' | 'none';

/** One step of a turn's pipeline (download, check, transcribe, reply, speak) and how long it took. */
export type CallStageTiming = Narrowed<
  Schema<'CallStageTiming'>,
  {
    /** On the transcribe stage: which speech-to-text ran it. */
    provider?: CallTranscriptionProvider;
  }
>;

/** `recordingUrl` is an API path (needs the bearer token), e.g. "/api/calls/{id}/recording?turn=1". */
export type CallTurn = Narrowed<
  Schema<'CallTurnResponse'>,
  {
    /** Which speech-to-text transcribed this turn; null when none ran. */
    transcribedBy: CallTranscriptionProvider | null;
    stages: CallStageTiming[];
  }
>;

export type CallTaskSummary = Schema<'CallTask'>;

/**
 * Body of GET /api/calls/{id}. `lead` is what the AI gathered about the caller, by field name;
 * transcriptionConfigured is false when no speech-to-text service is set up (the embedded default), and
 * transcriptionProvider names the one active now.
 */
export type CallDetail = Narrowed<
  Schema<'CallDetailResponse'>,
  CallIntentNarrowing & { transcriptionProvider: CallTranscriptionProvider; turns: CallTurn[] }
>;

/** GET/PUT /api/admin/call-settings. A null text means "use the built-in default" (the matching default* field). */
export type CallSettings = Schema<'CallSettingsResponse'>;

/** Body of PUT /api/admin/call-settings; null restores the default. */
export type CallSettingsInput = Schema<'CallSettingsRequest'>;

/** Body of PUT /api/admin/call-settings/callback: minutes after a call (0 = at once), counted in working hours (null = always). */
export type CallbackTimingInput = Schema<'CallbackTimingRequest'>;

// ── Timeline ──────────────────────────────────────────────────────────────────────────────────

/** Kinds are registered in one place on the server (Grains/Timeline/TimelineKinds); the last four are reserved. */
export type TimelineKind = 'call' | 'task' | 'note' | 'customer' | 'whatsapp' | 'contract' | 'invoice' | 'signature';

export type TimelineActor = Narrowed<Schema<'TimelineActor'>, { type: 'agent' | 'system' | 'caller' }>;

export type TimelineCall = Narrowed<Schema<'CallCard'>, { disposition: CallDisposition }>;

export type TimelineTask = Narrowed<
  Schema<'TaskCard'>,
  { change: 'created' | 'done' | 'reopened' | 'snoozed'; status: TaskStatus }
>;

/** Pushed items carry canEdit/canDelete false (a push goes to a group, not one user). */
export type TimelineNote = Schema<'NoteItemCard'>;

export type TimelineCustomerChange = Narrowed<
  Schema<'CustomerChangeCard'>,
  { change: 'created' | 'updated' | 'imported' | 'merged'; source: 'agent' | 'call' | 'import' }
>;

/** One card of a timeline; the object named by its kind (call, task, note, customerChange) is what the card draws. */
export type TimelineItem = Narrowed<
  Schema<'TimelineItem'>,
  {
    kind: TimelineKind;
    actor: TimelineActor;
    call?: TimelineCall | null;
    task?: TimelineTask | null;
    note?: TimelineNote | null;
    customerChange?: TimelineCustomerChange | null;
  }
>;

/** Newest first; `pinned` (pinned notes) is filled on the first page only; they also appear at their own time. */
export type TimelinePage = Narrowed<Schema<'TimelinePage'>, { items: TimelineItem[]; pinned: TimelineItem[] }>;

/** GET /api/crm/today; the call counters are null for a user without the calls feature. */
export type TodaySummary = Narrowed<
  Schema<'TodaySummary'>,
  { callsToday: number | null; missedNotCalledBack: number | null }
>;

// ── WhatsApp ──────────────────────────────────────────────────────────────────────────────────

export type WhatsAppStatus = Schema<'WhatsAppStatus'>;

export type WhatsAppDirection = Schema<'WhatsAppDirection'>;

/**
 * One message of a thread; `transcript` is a voice note's text once speech-to-text has run.
 */
export type WhatsAppMessage = Narrowed<Schema<'WhatsAppMessageResponse'>, { transcript?: string | null }>;

/** GET /api/whatsapp/customers/{id}/messages: newest first; `window.closesAt` is null when the customer never wrote. */
export type WhatsAppThreadPage = Narrowed<Schema<'WhatsAppThreadPage'>, { items: WhatsAppMessage[] }>;

export type WhatsAppWindow = Schema<'WhatsAppWindowState'>;

export type WhatsAppAgent = Schema<'WhatsAppAgent'>;

export type WhatsAppConversation = Narrowed<
  Schema<'WhatsAppConversationRow'>,
  { lastMessage: WrittenNumbers<Schema<'WhatsAppLastMessage'>> }
>;

export type WhatsAppConversationsPage = Narrowed<Schema<'WhatsAppConversationsPage'>, { items: WhatsAppConversation[] }>;

/**
 * GET /api/whatsapp/templates, the business's approved templates. The route is being added on the server; until it
 * answers, the picker shows its empty state. `variables` are the names the template's placeholders take.
 */
export interface WhatsAppTemplate {
  id: string;
  name: string;
  body: string;
  variables: string[];
}

// ── Audit log (admins) ────────────────────────────────────────────────────────────────────────

/** One row of GET /api/admin/audit; `details` is the recorded JSON (old → new, counts, the filter used). */
export type AuditEntry = Narrowed<Schema<'AuditEntryResponse'>, { details: unknown }>;
