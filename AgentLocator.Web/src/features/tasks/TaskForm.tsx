import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { Task, TaskInput } from '../../api/contracts';
import { adminKeys, fetchAdminUsers } from '../settings/adminApi';
import { CustomerPicker, type PickedCustomer } from './CustomerPicker';
import { createTask, updateTask } from './tasksApi';
import { NO_CUSTOMER } from './taskSubject';
import { TASK_FIELD_ORDER, toTaskFormFailure, type TaskField, type TaskFormFailure } from './taskFormErrors';
import { toWallTime, zonedWallTimeToInstant, zonedWallTimeToIso, type WallTime } from '../../time/zonedTime';
import { FormFooter } from '../../ui/FormFooter';
import { PhoneNumber, TextWithNumbers } from '../../ui/Ltr';
import { timeZoneName } from '../../time/timeZoneNames';
import { Select } from '../../ui/forms/Select';
import { DateField } from '../../ui/forms/DateField';
import { TASK_FORM_TEXT } from './strings';

export const REMIND_BEFORE_OPTIONS: readonly { minutes: number; label: string }[] = [
  { minutes: 0, label: TASK_FORM_TEXT.remindAtDue },
  { minutes: 5, label: TASK_FORM_TEXT.remindMinutesBefore(5) },
  { minutes: 15, label: TASK_FORM_TEXT.remindMinutesBefore(15) },
  { minutes: 30, label: TASK_FORM_TEXT.remindMinutesBefore(30) },
  { minutes: 60, label: TASK_FORM_TEXT.remindHourBefore },
];

interface Values {
  title: string;
  customer: PickedCustomer | null;
  due: WallTime;
  remindBefore: number;
  notes: string;
  /** '' means the signed-in user. */
  assigneeId: string;
}

/** A new task defaults to the next quarter hour, an hour from now, in the business's zone. */
function defaultDue(timeZone: string): WallTime {
  const quarter = 15 * 60_000;
  return toWallTime(Math.ceil((Date.now() + 60 * 60_000) / quarter) * quarter, timeZone);
}

function initialValues(task: Task | undefined, customer: PickedCustomer | null, timeZone: string): Values {
  return {
    title: task?.title ?? '',
    customer: task?.customer ? { id: task.customer.id, name: task.customer.name } : customer,
    due: task ? toWallTime(task.dueAt, timeZone) : defaultDue(timeZone),
    remindBefore: task?.remindBeforeMinutes ?? 0,
    notes: task?.notes ?? '',
    assigneeId: task?.assigneeId ?? '',
  };
}

/**
 * Create or edit a task. The due time is picked as wall time in the business's zone (not the browser's) and
 * sent with that zone's offset at that moment, so DST is applied as the office's clocks will show it.
 */
export function TaskForm({
  task,
  customer = null,
  customerFixed,
  timeZone,
  isAdmin,
  currentUserId,
  onSaved,
  onCancel,
}: {
  task?: Task;
  customer?: PickedCustomer | null;
  /** From a customer's page, or editing (the API does not move a task to another customer). */
  customerFixed: boolean;
  timeZone: string;
  isAdmin: boolean;
  currentUserId: string;
  onSaved: (task: Task) => void;
  onCancel: () => void;
}) {
  const [values, setValues] = useState(() => initialValues(task, customer, timeZone));
  const [failure, setFailure] = useState<TaskFormFailure | null>(null);
  const [saving, setSaving] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const users = useQuery({ queryKey: adminKeys.users, queryFn: ({ signal }) => fetchAdminUsers(signal), enabled: isAdmin });
  const fieldErrors = failure?.kind === 'fields' ? failure.errors : {};

  useEffect(() => {
    if (!failure) return;
    const first = TASK_FIELD_ORDER.find((name) => fieldErrors[name]?.length);
    if (first) formRef.current?.querySelector<HTMLElement>(`[name="${first}"]`)?.focus();
  }, [failure]); // fieldErrors is derived from failure

  function set<K extends keyof Values>(name: K, value: Values[K]) {
    setValues((current) => ({ ...current, [name]: value }));
  }

  function validate(): Partial<Record<TaskField, string[]>> {
    const errors: Partial<Record<TaskField, string[]>> = {};
    if (!values.title.trim()) errors.title = [TASK_FORM_TEXT.titleRequired];
    // Only a new task needs one: a withheld caller's message is a task without a customer, and stays so.
    if (!task && !values.customer) errors.customerId = [TASK_FORM_TEXT.customerRequired];
    if (zonedWallTimeToInstant(values.due, timeZone) === null) errors.dueAt = [TASK_FORM_TEXT.dueRequired];
    return errors;
  }

  async function save(dueAt: string): Promise<Task> {
    const notes = values.notes.trim() || null;
    const assigneeId = values.assigneeId || undefined;
    if (!task) {
      const input: TaskInput = {
        customerId: values.customer!.id,
        title: values.title.trim(),
        dueAt,
        notes,
        remindBefore: values.remindBefore,
        ...(assigneeId ? { assigneeId } : {}),
      };
      return createTask(input);
    }
    // Only what changed: the API re-arms the alert when the due time is sent.
    const changes: Partial<Omit<TaskInput, 'customerId'>> = {};
    if (values.title.trim() !== task.title) changes.title = values.title.trim();
    if (notes !== task.notes) changes.notes = notes;
    if (Date.parse(dueAt) !== Date.parse(task.dueAt)) changes.dueAt = dueAt;
    if (values.remindBefore !== (task.remindBeforeMinutes ?? 0)) changes.remindBefore = values.remindBefore;
    const chosenAssignee = values.assigneeId || currentUserId;
    if (isAdmin && chosenAssignee !== task.assigneeId) changes.assigneeId = chosenAssignee;
    return Object.keys(changes).length ? updateTask(task.id, changes) : task;
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const errors = validate();
    if (Object.keys(errors).length) {
      setFailure({ kind: 'fields', errors, other: null });
      return;
    }
    setSaving(true);
    setFailure(null);
    try {
      onSaved(await save(zonedWallTimeToIso(values.due, timeZone)!));
    } catch (error) {
      setFailure(toTaskFormFailure(error));
    } finally {
      setSaving(false);
    }
  }

  function field(name: TaskField, label: string, control: (invalid: boolean, describedBy?: string) => ReactNode, hint?: string) {
    const messages = fieldErrors[name] ?? [];
    const errorId = `task-${name}-error`;
    const hintId = hint ? `task-${name}-hint` : undefined;
    const describedBy = [messages.length ? errorId : null, hintId].filter(Boolean).join(' ') || undefined;
    return (
      <div className="field">
        <label htmlFor={`task-${name}`}>{label}</label>
        {control(messages.length > 0, describedBy)}
        {hint && (
          <p id={hintId} className="muted">
            {hint}
          </p>
        )}
        {messages.length > 0 && (
          <p id={errorId} className="field__error">
            {messages.join(' ')}
          </p>
        )}
      </div>
    );
  }

  return (
    <form ref={formRef} className="task-form" noValidate onSubmit={(event) => void submit(event)}>
      {field('title', TASK_FORM_TEXT.title, (invalid, describedBy) => (
        <input
          id="task-title"
          name="title"
          value={values.title}
          autoFocus
          aria-invalid={invalid || undefined}
          aria-describedby={describedBy}
          onChange={(event) => set('title', event.target.value)}
        />
      ))}
      {field('customerId', TASK_FORM_TEXT.customer, (invalid, describedBy) =>
        customerFixed ? (
          <output id="task-customerId" data-testid="task-customer">
            {values.customer ? (
              <TextWithNumbers text={values.customer.name} />
            ) : task?.call ? (
              <>
                <PhoneNumber value={task.call.fromDisplay} /> · {NO_CUSTOMER}
              </>
            ) : task ? (
              NO_CUSTOMER
            ) : (
              ''
            )}
          </output>
        ) : (
          <CustomerPicker
            value={values.customer}
            onChange={(picked) => set('customer', picked)}
            invalid={invalid}
            describedBy={describedBy}
          />
        ),
      )}
      {field(
        'dueAt',
        TASK_FORM_TEXT.due,
        (invalid, describedBy) => (
          <DateField withTime
            id="task-dueAt"
            name="dueAt"
            value={values.due}
            aria-invalid={invalid || undefined}
            aria-describedby={describedBy}
            onValue={(value) => set('due', value)}
          />
        ),
        TASK_FORM_TEXT.dueZone(timeZoneName(timeZone)),
      )}
      {field('remindBefore', TASK_FORM_TEXT.remind, (invalid, describedBy) => (
        <Select
          id="task-remindBefore"
          name="remindBefore"
          value={values.remindBefore}
          aria-invalid={invalid || undefined}
          aria-describedby={describedBy}
          onChange={(event) => set('remindBefore', Number(event.target.value))}
        >
          {REMIND_BEFORE_OPTIONS.map((option) => (
            <option key={option.minutes} value={option.minutes}>
              {option.label}
            </option>
          ))}
        </Select>
      ))}
      {field('notes', TASK_FORM_TEXT.notes, (invalid, describedBy) => (
        <textarea
          id="task-notes"
          name="notes"
          value={values.notes}
          aria-invalid={invalid || undefined}
          aria-describedby={describedBy}
          onChange={(event) => set('notes', event.target.value)}
        />
      ))}
      {isAdmin &&
        field('assigneeId', TASK_FORM_TEXT.assignee, (invalid, describedBy) => (
          <Select
            id="task-assigneeId"
            name="assigneeId"
            value={values.assigneeId || currentUserId}
            aria-invalid={invalid || undefined}
            aria-describedby={describedBy}
            onChange={(event) => set('assigneeId', event.target.value === currentUserId ? '' : event.target.value)}
          >
            {(users.data ?? []).some((user) => user.id === currentUserId) || <option value={currentUserId}>{TASK_FORM_TEXT.me}</option>}
            {(users.data ?? []).map((user) => (
              <option key={user.id} value={user.id}>
                {user.id === currentUserId ? TASK_FORM_TEXT.userIsMe(user.displayName) : user.displayName}
              </option>
            ))}
          </Select>
        ))}

      <FormFooter failure={failure} saving={saving} submitLabel={task ? TASK_FORM_TEXT.save : TASK_FORM_TEXT.create} onCancel={onCancel} />
    </form>
  );
}
