// The names on the SignalR wire between the web app and AgentHub, in one place. The server's copy is
// AgentLocator.Api/Infrastructure/Realtime/HubEvents.cs; events.test.ts fails when the two lists differ.

/** Messages the server pushes to the browser. */
export const HubEvents = {
  /** A task's alert rang (a TaskDueMessage), to each connection of its assignee. */
  taskDue: 'task:due',
  /** A task changed (a Task), so an open alert can update or close. */
  taskUpdated: 'task:updated',
  /** A watched customer changed (a Customer). */
  customerUpdated: 'customer:updated',
  /** A call of the business changed (its CallListItem row). */
  callUpdated: 'call:updated',
  /** A timeline event was added or changed (a TimelineItem; upsert by id). */
  timelineItem: 'timeline:item',
  /** A timeline event went away (a deleted note): { id }. */
  timelineRemoved: 'timeline:removed',
  /** A WhatsApp message was stored or its status moved (a WhatsAppMessageResponse; upsert by id). */
  whatsAppMessage: 'whatsapp:message',
  /** This user's session was ended by someone else (disabled, business suspended, signed out elsewhere): { reason }. */
  sessionEnded: 'session:ended',
} as const;

/** Methods the browser invokes on the hub. */
export const HubMethods = {
  watchCustomer: 'WatchCustomer',
  unwatchCustomer: 'UnwatchCustomer',
  watchCalls: 'WatchCalls',
  unwatchCalls: 'UnwatchCalls',
  watchTimeline: 'WatchTimeline',
  unwatchTimeline: 'UnwatchTimeline',
  watchBusinessTimeline: 'WatchBusinessTimeline',
  unwatchBusinessTimeline: 'UnwatchBusinessTimeline',
  watchWhatsApp: 'WatchWhatsApp',
  unwatchWhatsApp: 'UnwatchWhatsApp',
} as const;
