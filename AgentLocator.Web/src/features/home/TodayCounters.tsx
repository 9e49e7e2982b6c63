import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { retryUnlessClientError } from '../../api/retry';
import { HubEvents, useHubEvent } from '../../realtime';
import { fetchToday, timelineKeys, type TodaySummary } from '../timeline/timelineApi';

interface Counter {
  key: keyof TodaySummary;
  label: string;
  /** Where the number leads, to act on it. */
  to: string;
  alert?: boolean;
}

const COUNTERS: readonly Counter[] = [
  { key: 'callsToday', label: 'שיחות היום', to: '/calls' },
  { key: 'missedNotCalledBack', label: 'שיחות שלא חזרנו אליהן', to: '/tasks', alert: true },
  { key: 'tasksDueToday', label: 'משימות להיום', to: '/tasks' },
  { key: 'tasksOverdue', label: 'משימות באיחור', to: '/tasks', alert: true },
];

/**
 * Today's picture of the business (GET /api/crm/today). A call counter is null for a user without the calls feature,
 * and is then left out rather than shown as zero. Every timeline event may move a number, so one refetches them.
 */
export function TodayCounters() {
  const queryClient = useQueryClient();
  const today = useQuery({
    queryKey: timelineKeys.today,
    queryFn: ({ signal }) => fetchToday(signal),
    retry: retryUnlessClientError,
  });
  useHubEvent(HubEvents.timelineItem, () => void queryClient.invalidateQueries({ queryKey: timelineKeys.today }));

  if (today.isPending) {
    return (
      <p className="muted" role="status">
        טוען את נתוני היום…
      </p>
    );
  }
  if (today.isError) {
    return (
      <p role="alert" className="home-counters__error">
        לא הצלחנו לטעון את נתוני היום.{' '}
        <button type="button" className="button-link" onClick={() => void today.refetch()}>
          נסו שוב
        </button>
      </p>
    );
  }

  const shown = COUNTERS.filter((counter) => today.data[counter.key] !== null);
  return (
    <ul className="home-counters" aria-label="היום בעסק">
      {shown.map((counter) => {
        const value = today.data[counter.key] as number;
        return (
          <li key={counter.key} className={`home-counter${counter.alert && value > 0 ? ' home-counter--alert' : ''}`}>
            <Link to={counter.to} className="home-counter__link" data-testid={`today-${counter.key}`}>
              <span className="home-counter__value">{value.toLocaleString('he-IL')}</span>
              <span className="home-counter__label">{counter.label}</span>
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
