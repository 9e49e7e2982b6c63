// Test data for the tasks tests.

import type { Task } from '../api/contracts';

/** A withheld caller's message as the call path makes it: no customer, the call it came from. */
export function withheldMessageTask(index: number, overrides: Partial<Task> = {}): Task {
  return task(index, {
    title: 'הודעה ממספר חסוי',
    customerId: null,
    customer: null,
    call: { id: `call-${index}`, fromDisplay: 'מספר חסוי' },
    notes: `המתקשר: מתי אתם פתוחים?\nהשיחה וההקלטה: /calls/call-${index}`,
    ...overrides,
  });
}

export function task(index: number, overrides: Partial<Task> = {}): Task {
  return {
    id: `t-${index}`,
    customerId: `c-${index}`,
    customer: { id: `c-${index}`, name: `לקוח ${index}`, phone: '+972541234567', phoneDisplay: '054-123-4567' },
    assigneeId: '6f1c2a8e-3b6d-4c1e-9a57-0d2f1e4b7c11',
    title: `משימה ${index}`,
    notes: null,
    dueAt: '2026-03-01T10:00:00Z',
    remindBeforeMinutes: null,
    remindAt: '2026-03-01T10:00:00Z',
    status: 'open',
    completedAt: null,
    createdAt: '2026-02-01T10:00:00Z',
    updatedAt: '2026-02-01T10:00:00Z',
    deletedAt: null,
    call: null,
    ...overrides,
  };
}
