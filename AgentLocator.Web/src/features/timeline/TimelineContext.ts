import { createContext, useContext } from 'react';
import type { TimelineScope } from './timelineApi';

/** What every card may need besides its item: whose timeline it is in and the business's time zone. */
export interface TimelineContextValue {
  scope: TimelineScope;
  timeZone: string;
  /** Announces the result of an action (a deleted note, with undo) in the timeline's toast. */
  notify: (toast: { message: string; undo?: () => Promise<void> }) => void;
  /**
   * A task's status now, from its newest loaded event: each event's card keeps the status it had then, so the card of
   * "task created" must not offer "done" for a task a later event completed.
   */
  taskStatus: (taskId: string) => 'open' | 'done' | undefined;
}

export const TimelineContext = createContext<TimelineContextValue | null>(null);

export function useTimelineContext(): TimelineContextValue {
  const value = useContext(TimelineContext);
  if (!value) throw new Error('A timeline card is rendered outside <Timeline>.');
  return value;
}
