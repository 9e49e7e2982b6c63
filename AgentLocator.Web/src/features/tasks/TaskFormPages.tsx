import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useLocation, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { ApiError } from '../../api/client';
import type { Task } from '../../api/contracts';
import { useMe } from '../shell/useMe';
import { ErrorState, LoadingState } from '../../ui/StatusViews';
import { customerKeys, fetchCustomer } from '../customers/customersApi';
import { retryUnlessClientError } from '../../api/retry';
import { TaskForm } from './TaskForm';
import type { PickedCustomer } from './CustomerPicker';
import { fetchTask, taskKeys } from './tasksApi';
import { DEFAULT_TIME_ZONE } from '../../time/zonedTime';
import './Tasks.css';
import { TASKS_TEXT, TASK_FORM_TEXT } from './strings';

/** Where the form goes back to: the customer's page when it was opened from there, else the tasks page. */
function useReturnPath(customerId: string | null): string {
  return customerId ? `/customers/${customerId}` : '/tasks';
}

function useSaved(returnTo: string) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return (task: Task) => {
    queryClient.setQueryData(taskKeys.detail(task.id), task);
    void queryClient.invalidateQueries({ queryKey: taskKeys.all });
    void queryClient.invalidateQueries({ queryKey: customerKeys.all });
    navigate(returnTo);
  };
}

/** /tasks/new, or /tasks/new?customerId=… from a customer's Tasks tab (the customer is then fixed). */
export function NewTaskPage() {
  const me = useMe().data!;
  const [params] = useSearchParams();
  const location = useLocation();
  const navigate = useNavigate();
  const customerId = params.get('customerId');
  const fromState = (location.state as { customer?: PickedCustomer } | null)?.customer;
  const returnTo = useReturnPath(customerId);
  const onSaved = useSaved(returnTo);
  const canSearch = me.features.includes('crm');
  const customer = useQuery({
    queryKey: customerKeys.detail(customerId ?? ''),
    queryFn: ({ signal }) => fetchCustomer(customerId!, false, signal),
    enabled: Boolean(customerId) && fromState?.id !== customerId && canSearch,
    retry: retryUnlessClientError,
  });

  const fixed: PickedCustomer | null =
    fromState?.id === customerId && fromState ? fromState : customer.data ? { id: customer.data.id, name: customer.data.name } : null;

  let body;
  if (!canSearch && !customerId) {
    body = <p>{TASK_FORM_TEXT.newNeedsCustomerAccess}</p>;
  } else if (customerId && !fixed && customer.isPending) {
    body = <LoadingState message={TASK_FORM_TEXT.loadingCustomer} />;
  } else if (customerId && !fixed) {
    body = <ErrorState title={TASK_FORM_TEXT.customerNotFound} />;
  } else {
    body = (
      <TaskForm
        customer={fixed}
        customerFixed={Boolean(customerId)}
        timeZone={me.business.timeZone || DEFAULT_TIME_ZONE}
        isAdmin={me.user.role === 'admin'}
        currentUserId={me.user.id}
        onSaved={onSaved}
        onCancel={() => navigate(returnTo)}
      />
    );
  }

  return (
    <section className="page" aria-labelledby="new-task-title">
      <p className="breadcrumbs">
        <Link to={returnTo}>{customerId ? TASK_FORM_TEXT.backToCustomer : TASKS_TEXT.tasks}</Link>
      </p>
      <h1 id="new-task-title">{TASKS_TEXT.newTask}</h1>
      {body}
    </section>
  );
}

/** /tasks/:id/edit */
export function EditTaskPage() {
  const me = useMe().data!;
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const onSaved = useSaved('/tasks');
  const task = useQuery({
    queryKey: taskKeys.detail(id),
    queryFn: ({ signal }) => fetchTask(id, signal),
    retry: retryUnlessClientError,
  });

  let body;
  if (task.isPending) body = <LoadingState message={TASK_FORM_TEXT.loadingTask} />;
  else if (task.isError)
    body =
      task.error instanceof ApiError && task.error.status === 404 ? (
        <ErrorState title={TASK_FORM_TEXT.taskNotFound}>
          <p>{TASK_FORM_TEXT.maybeDeleted}</p>
        </ErrorState>
      ) : (
        <ErrorState title={TASK_FORM_TEXT.taskLoadFailed} onRetry={() => void task.refetch()} />
      );
  else
    body = (
      <TaskForm
        task={task.data}
        customerFixed
        timeZone={me.business.timeZone || DEFAULT_TIME_ZONE}
        isAdmin={me.user.role === 'admin'}
        currentUserId={me.user.id}
        onSaved={onSaved}
        onCancel={() => navigate('/tasks')}
      />
    );

  return (
    <section className="page" aria-labelledby="edit-task-title">
      <p className="breadcrumbs">
        <Link to="/tasks">{TASKS_TEXT.tasks}</Link>
      </p>
      <h1 id="edit-task-title">{TASKS_TEXT.editTask}</h1>
      {body}
    </section>
  );
}
