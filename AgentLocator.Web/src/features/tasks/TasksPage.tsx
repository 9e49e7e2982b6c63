import { useEffect } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { useMe } from '../shell/useMe';
import { ErrorState, LoadingState } from '../../ui/StatusViews';
import { groupOpenTasks } from './taskGroups';
import { TaskSection } from './TaskSection';
import { useTaskListQuery } from './useTaskListQuery';
import { useNow } from '../../time/useNow';
import { DEFAULT_TIME_ZONE } from '../../time/zonedTime';
import './Tasks.css';
import { TASKS_TEXT, TASKS_PAGE_TEXT } from './strings';

export const TASKS_PAGE_SIZE = 50;

/** /tasks: my tasks, open ones grouped by urgency; ?status=done shows the completed ones, ?focus=<id> marks one. */
export function TasksPage() {
  const me = useMe().data;
  const timeZone = me?.business.timeZone || DEFAULT_TIME_ZONE;
  const canOpenCustomer = me?.features.includes('crm') ?? false;
  const [params, setParams] = useSearchParams();
  const showDone = params.get('status') === 'done';
  const focusId = params.get('focus');
  const now = useNow();
  const list = useTaskListQuery({ status: showDone ? 'done' : 'open', assignee: 'me', limit: TASKS_PAGE_SIZE });

  // A notification click lands here with ?focus=<id>: bring that task into view once it is on the page.
  const focusedLoaded = list.items.some((task) => task.id === focusId);
  useEffect(() => {
    if (focusId && focusedLoaded) {
      document.querySelector(`[data-testid="task-row-${CSS.escape(focusId)}"]`)?.scrollIntoView?.({ block: 'center' });
    }
  }, [focusId, focusedLoaded]);

  function setShowDone(next: boolean) {
    const updated = new URLSearchParams(params);
    if (next) updated.set('status', 'done');
    else updated.delete('status');
    setParams(updated, { replace: true });
  }

  const groups = groupOpenTasks(list.items, now, timeZone);
  return (
    <section className="page page--wide tasks-page" aria-labelledby="tasks-title">
      <header className="page__header">
        <h1 id="tasks-title">{TASKS_TEXT.tasks}</h1>
        {canOpenCustomer && (
          <Link className="button button--primary" to="/tasks/new">
            {TASKS_TEXT.newTask}
          </Link>
        )}
      </header>

      <fieldset className="tasks-filter">
        <legend className="visually-hidden">{TASKS_PAGE_TEXT.whichTasks}</legend>
        <label className="tasks-filter__option">
          <input type="radio" name="tasks-status" checked={!showDone} onChange={() => setShowDone(false)} />
          {TASKS_TEXT.open}
        </label>
        <label className="tasks-filter__option">
          <input type="radio" name="tasks-status" checked={showDone} onChange={() => setShowDone(true)} />
          {TASKS_TEXT.done}
        </label>
      </fieldset>

      {list.isPending && <LoadingState message={TASKS_TEXT.loadingTasks} />}
      {list.isError && (
        <ErrorState title={TASKS_TEXT.loadFailed} onRetry={() => void list.refetch()}>
          <p>{TASKS_PAGE_TEXT.serverUnavailable}</p>
        </ErrorState>
      )}
      {list.isSuccess && list.items.length === 0 && (
        <div className="card card--muted tasks-empty">
          <h2>{showDone ? TASKS_PAGE_TEXT.noneDone : TASKS_PAGE_TEXT.noneOpen}</h2>
          <p className="muted">
            {showDone ? TASKS_PAGE_TEXT.doneHint : TASKS_PAGE_TEXT.openHint}
          </p>
        </div>
      )}

      {list.isSuccess &&
        (showDone ? (
          <TaskSection title={TASKS_TEXT.done} tasks={list.items} timeZone={timeZone} canOpenCustomer={canOpenCustomer} focusId={focusId} />
        ) : (
          <>
            <TaskSection title={TASKS_PAGE_TEXT.overdue} tone="danger" tasks={groups.overdue} timeZone={timeZone} canOpenCustomer={canOpenCustomer} focusId={focusId} />
            <TaskSection title={TASKS_PAGE_TEXT.today} tasks={groups.today} timeZone={timeZone} canOpenCustomer={canOpenCustomer} focusId={focusId} />
            <TaskSection title={TASKS_PAGE_TEXT.later} tasks={groups.upcoming} timeZone={timeZone} canOpenCustomer={canOpenCustomer} focusId={focusId} />
          </>
        ))}

      {list.hasNextPage && (
        <div className="tasks-more">
          <p className="muted">
            {TASKS_PAGE_TEXT.shown(list.items.length, list.total)}
          </p>
          <button type="button" className="button" disabled={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
            {list.isFetchingNextPage ? TASKS_TEXT.loading : TASKS_TEXT.showMore}
          </button>
        </div>
      )}
    </section>
  );
}
