import { Link } from 'react-router-dom';
import { ErrorState, LoadingState } from '../../ui/StatusViews';
import { TaskSection } from './TaskSection';
import { useTaskListQuery } from './useTaskListQuery';
import './Tasks.css';
import { CUSTOMER_TASKS_TEXT, TASKS_TEXT } from './strings';

const PAGE_SIZE = 25;

/** The customer page's Tasks tab: everyone's tasks for this customer, open first, with "משימה חדשה". */
export function CustomerTasksPanel({ customer, timeZone }: { customer: { id: string; name: string }; timeZone: string }) {
  const open = useTaskListQuery({ status: 'open', assignee: 'all', customerId: customer.id, limit: PAGE_SIZE });
  const done = useTaskListQuery({ status: 'done', assignee: 'all', customerId: customer.id, limit: PAGE_SIZE });

  return (
    <div className="customer-tasks">
      <div className="customer-tasks__header">
        <h2 className="visually-hidden">{CUSTOMER_TASKS_TEXT.heading}</h2>
        <Link
          className="button button--primary"
          to={`/tasks/new?customerId=${encodeURIComponent(customer.id)}`}
          state={{ customer: { id: customer.id, name: customer.name } }}
        >
          {TASKS_TEXT.newTask}
        </Link>
      </div>
      {(open.isPending || done.isPending) && <LoadingState message={TASKS_TEXT.loadingTasks} />}
      {(open.isError || done.isError) && (
        <ErrorState title={TASKS_TEXT.loadFailed} onRetry={() => void Promise.all([open.refetch(), done.refetch()])} />
      )}
      {open.isSuccess && done.isSuccess && open.items.length + done.items.length === 0 && (
        <p className="muted">{CUSTOMER_TASKS_TEXT.none}</p>
      )}
      <TaskSection title={TASKS_TEXT.open} tasks={open.items} timeZone={timeZone} canOpenCustomer={false} showCustomer={false} />
      {open.hasNextPage && (
        <button type="button" className="button" onClick={() => void open.fetchNextPage()}>
          {CUSTOMER_TASKS_TEXT.moreOpen}
        </button>
      )}
      <TaskSection title={TASKS_TEXT.done} tasks={done.items} timeZone={timeZone} canOpenCustomer={false} showCustomer={false} />
      {done.hasNextPage && (
        <button type="button" className="button" onClick={() => void done.fetchNextPage()}>
          {CUSTOMER_TASKS_TEXT.moreDone}
        </button>
      )}
    </div>
  );
}
