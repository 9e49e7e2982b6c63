import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import type { Task, TaskDueMessage } from '../../api/contracts';
import { HubEvents, useHubEvent, useRealtime } from '../../realtime';
import { applyUpdate, enqueue, fromMessage, mergeCatchUp, remove, type DueQueue } from './dueQueue';
import { fetchDueTasks, taskKeys } from './tasksApi';
import { closeSystemNotifications, useServiceWorkerAlertsBridge } from './serviceWorkerBridge';
import { TaskDueModal } from './TaskDueModal';
import { useWhatsAppInApp } from '../whatsapp/useWhatsAppInApp';

/**
 * The browser's clock may trail the server's by a little; a task the server just rang must not be
 * dropped as "not yet ringing". A snooze moves remindAt by minutes, far beyond this.
 */
const CLOCK_SKEW_MS = 60_000;
const ringingNow = () => Date.now() + CLOCK_SKEW_MS;

interface DueAlertsValue {
  queue: DueQueue;
  /** The user handled the alert (snooze or done): show the next one. */
  resolve(task: Task): void;
}

const DueAlertsContext = createContext<DueAlertsValue | null>(null);

/**
 * The tab's due alerts: live `task:due` pushes, plus a catch-up from GET /api/tasks/due on start and whenever the
 * connection is (re)established (alerts that fired while the tab was closed or offline). Renders the alert modal over `children`
 * and makes them inert while it is open.
 */
export function DueAlertsProvider({ timeZone, children }: { timeZone: string; children: ReactNode }) {
  const [queue, setQueue] = useState<DueQueue>([]);
  const queryClient = useQueryClient();
  const navigate = useNavigate();

  const catchUp = useCallback(async () => {
    try {
      const due = await fetchDueTasks();
      setQueue((current) => mergeCatchUp(current, due, ringingNow()));
    } catch {
      // Live pushes still arrive; the next reconnect tries again.
    }
  }, []);

  // Each time the connection is (re)established, not just on reconnects: an alert that fired between the
  // page's first fetch and the first connection would otherwise wait for the next drop.
  const realtime = useRealtime();
  useEffect(() => {
    if (realtime.getState() !== 'connected') void catchUp();
    return realtime.whenConnected(() => void catchUp());
  }, [realtime, catchUp]);

  useHubEvent(HubEvents.taskDue, (message: TaskDueMessage) => {
    setQueue((current) => enqueue(current, fromMessage(message)));
    void queryClient.invalidateQueries({ queryKey: taskKeys.all });
  });
  useHubEvent(HubEvents.taskUpdated, (task: Task) => {
    setQueue((current) => applyUpdate(current, task, ringingNow()));
    void queryClient.invalidateQueries({ queryKey: taskKeys.all });
  });

  const resolve = useCallback(
    (task: Task) => {
      setQueue((current) => remove(current, task.id));
      void queryClient.invalidateQueries({ queryKey: taskKeys.all });
    },
    [queryClient],
  );

  const shownIds = useMemo(() => queue.map((entry) => entry.task.id), [queue]);
  const whatsAppInApp = useWhatsAppInApp();
  useServiceWorkerAlertsBridge(shownIds, timeZone, navigate, whatsAppInApp);
  useCloseNotificationsOfHandledAlerts(shownIds);

  const value = useMemo(() => ({ queue, resolve }), [queue, resolve]);
  const current = queue[0];
  return (
    <DueAlertsContext.Provider value={value}>
      <div className="due-alerts__background" inert={current !== undefined}>
        {children}
      </div>
      {current && (
        <TaskDueModal
          key={current.task.id}
          alert={current}
          waiting={queue.length - 1}
          timeZone={timeZone}
          onResolved={resolve}
          whatsAppInApp={whatsAppInApp}
        />
      )}
    </DueAlertsContext.Provider>
  );
}

/** When an alert leaves the queue, the same task's system notification on this device goes too. */
function useCloseNotificationsOfHandledAlerts(shownIds: readonly string[]) {
  const previous = useRef<readonly string[]>([]);
  useEffect(() => {
    const gone = previous.current.filter((id) => !shownIds.includes(id));
    previous.current = shownIds;
    void closeSystemNotifications(gone);
  }, [shownIds]);
}

export function useDueAlerts(): DueAlertsValue {
  const value = useContext(DueAlertsContext);
  if (!value) throw new Error('useDueAlerts must be used inside <DueAlertsProvider>');
  return value;
}
