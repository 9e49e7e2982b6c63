import { describe, expect, it } from 'vitest';
import { applyUpdate, enqueue, isRinging, mergeCatchUp, remove, type DueQueue } from './dueQueue';
import { task } from '../../test/testTasks';

const NOW = Date.parse('2026-03-01T10:05:00Z');
const alert = (index: number, reminderAt = '2026-03-01T10:00:00Z', overrides = {}) => ({
  task: task(index, overrides),
  reminderAt,
});
const ids = (queue: DueQueue) => queue.map((entry) => entry.task.id);

describe('due-alerts queue', () => {
  it('keeps arrival order and never drops one of several due at once', () => {
    const queue = [1, 2, 3].reduce<DueQueue>((q, i) => enqueue(q, alert(i)), []);
    expect(ids(queue)).toEqual(['t-1', 't-2', 't-3']);
  });

  it('dedupes the same alert arriving twice (catch-up and live)', () => {
    const once = enqueue([], alert(1));
    expect(enqueue(once, alert(1))).toBe(once);
    expect(mergeCatchUp(once, [task(1)], NOW)).toBe(once);
  });

  it('a task rung again keeps one entry, in its place, with the newer reminder and task', () => {
    let queue = enqueue(enqueue([], alert(1)), alert(2));
    queue = enqueue(queue, alert(1, '2026-03-01T10:15:00Z', { title: 'חדש', updatedAt: '2026-03-01T10:15:00Z' }));
    expect(ids(queue)).toEqual(['t-1', 't-2']);
    expect(queue[0]).toMatchObject({ reminderAt: '2026-03-01T10:15:00Z', task: { title: 'חדש' } });
    // A stale copy arriving late does not undo that.
    queue = enqueue(queue, alert(1));
    expect(queue[0]).toMatchObject({ reminderAt: '2026-03-01T10:15:00Z', task: { title: 'חדש' } });
  });

  it('catch-up appends what is missing, skipping tasks that no longer ring', () => {
    const queue = mergeCatchUp(
      enqueue([], alert(2)),
      [task(1), task(2), task(3, { remindAt: '2026-03-01T11:00:00Z' }), task(4, { status: 'done' })],
      NOW,
    );
    expect(ids(queue)).toEqual(['t-2', 't-1']);
  });

  it('task:updated drops a task that is done, deleted or snoozed, and refreshes one still ringing', () => {
    const queue = [1, 2, 3, 4].reduce<DueQueue>((q, i) => enqueue(q, alert(i)), []);
    const later = { updatedAt: '2026-03-01T10:06:00Z' };
    let next = applyUpdate(queue, task(1, { ...later, status: 'done' }), NOW);
    next = applyUpdate(next, task(2, { ...later, deletedAt: '2026-03-01T10:06:00Z' }), NOW);
    next = applyUpdate(next, task(3, { ...later, remindAt: '2026-03-01T10:20:00Z' }), NOW);
    next = applyUpdate(next, task(4, { ...later, title: 'שונה' }), NOW);
    expect(ids(next)).toEqual(['t-4']);
    expect(next[0].task.title).toBe('שונה');
    expect(applyUpdate(next, task(9), NOW)).toBe(next);
  });

  it('remove takes one task out and leaves the rest', () => {
    const queue = [1, 2].reduce<DueQueue>((q, i) => enqueue(q, alert(i)), []);
    expect(ids(remove(queue, 't-1'))).toEqual(['t-2']);
  });

  it('rings only while open, not deleted and at or after remindAt', () => {
    expect(isRinging(task(1), NOW)).toBe(true);
    expect(isRinging(task(1, { remindAt: '2026-03-01T10:05:01Z' }), NOW)).toBe(false);
  });
});
