import { Link } from 'react-router-dom';
import type { Task } from '../../api/contracts';
import { useMe } from '../shell/useMe';
import { TASKS_TEXT } from './strings';

export const NO_CUSTOMER = TASKS_TEXT.noCustomer;

/**
 * Who a task without a customer is about: the caller as the call list names them ("מספר חסוי" for a withheld
 * number), or "ללא לקוח" when nothing names them.
 */
export function subjectWithoutCustomer(task: Pick<Task, 'call'>): string {
  return task.call?.fromDisplay || NO_CUSTOMER;
}

/** The call's page (transcript, summary, recording). */
export function callPath(call: NonNullable<Task['call']>): string {
  return `/calls/${encodeURIComponent(call.id)}`;
}

/** A link to the call a task came from, for users who have the calls feature (others would meet a locked page). */
export function TaskCallLink({ task, separator = '' }: { task: Pick<Task, 'call'>; separator?: string }) {
  const canOpenCalls = useMe().data?.features.includes('calls') ?? false;
  if (!task.call || !canOpenCalls) return null;
  return (
    <>
      {separator}
      <Link to={callPath(task.call)}>{TASKS_TEXT.toCallPage}</Link>
    </>
  );
}
