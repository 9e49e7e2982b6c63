import { useId, useRef, useState, type KeyboardEvent } from 'react';
import { useNavigate } from 'react-router-dom';
import type { Task } from '../../api/contracts';
import type { DueAlert } from './dueQueue';
import { completeTask, snoozeTask, SNOOZE_MINUTES } from './tasksApi';
import { telUrl, whatsAppUrl } from '../../ui/contactLinks';
import { formatDueAt } from '../../time/zonedTime';
import { actionErrorMessage } from './actionErrorMessage';
import { useFocusTrap } from '../../ui/useFocusTrap';
import { useMe } from '../shell/useMe';
import { callPath, NO_CUSTOMER } from './taskSubject';
import { whatsAppThreadPath } from '../whatsapp/useWhatsAppInApp';
import './TaskDueModal.css';
import { DateText, nameShowsPhone, PhoneNumber, TextWithNumbers } from '../../ui/Ltr';
import { DUE_MODAL_TEXT, TASKS_TEXT } from './strings';

function waitingText(count: number): string {
  return DUE_MODAL_TEXT.waiting(count);
}

/**
 * A due task, full screen, until the user acts on it. There is deliberately no close button and Escape does
 * nothing: an alert that can be dismissed by a stray key is an alert that gets missed. "Not now" is the snooze.
 */
export function TaskDueModal({
  alert,
  waiting,
  timeZone,
  onResolved,
  whatsAppInApp = false,
}: {
  alert: DueAlert;
  waiting: number;
  timeZone: string;
  onResolved: (task: Task) => void;
  /** The business has a WhatsApp sender and this user the feature: the action opens the thread here, not wa.me. */
  whatsAppInApp?: boolean;
}) {
  const { task } = alert;
  const [pending, setPending] = useState<'snooze' | 'done' | 'call' | 'whatsapp' | null>(null);
  const navigate = useNavigate();
  const canOpenCalls = useMe().data?.features.includes('calls') ?? false;
  const [error, setError] = useState<string | null>(null);
  const dialog = useRef<HTMLDivElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const titleId = useId();
  const notesId = useId();
  useFocusTrap(dialog, heading);

  /**
   * "Show the call" and the in-app WhatsApp thread are a snooze too: the alert must come back if the agent only looks
   * and does nothing.
   */
  async function act(kind: 'snooze' | 'done' | 'call' | 'whatsapp') {
    setPending(kind);
    setError(null);
    try {
      const updated = kind === 'done' ? await completeTask(task.id) : await snoozeTask(task.id, SNOOZE_MINUTES);
      onResolved(updated);
      if (kind === 'call' && task.call) navigate(callPath(task.call));
      if (kind === 'whatsapp' && task.customer) navigate(whatsAppThreadPath(task.customer.id));
    } catch (failure) {
      setError(actionErrorMessage(failure));
      setPending(null);
    }
  }

  function onKeyDown(event: KeyboardEvent) {
    if (event.key === 'Escape') event.preventDefault();
  }

  const phone = task.customer?.phone ?? null;
  return (
    <div className="due-modal" data-testid="task-due-modal">
      <div
        ref={dialog}
        className="due-modal__dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        aria-describedby={task.notes ? notesId : undefined}
        onKeyDown={onKeyDown}
      >
        <p className="due-modal__kicker">{DUE_MODAL_TEXT.kicker}</p>
        <h2 id={titleId} ref={heading} tabIndex={-1} className="due-modal__title">
          <TextWithNumbers text={task.title} />
        </h2>
        <dl className="details due-modal__details">
          <dt>{DUE_MODAL_TEXT.due}</dt>
          <dd data-testid="due-modal-due">
            <DateText iso={task.dueAt}>{formatDueAt(task.dueAt, timeZone)}</DateText>
          </dd>
          {task.customer ? (
            <>
              <dt>{DUE_MODAL_TEXT.customer}</dt>
              <dd>
                <TextWithNumbers text={task.customer.name} />
                {task.customer.phoneDisplay && !nameShowsPhone(task.customer.name, task.customer.phoneDisplay) && (
                  <>
                    {' · '}
                    <PhoneNumber value={task.customer.phoneDisplay} />
                  </>
                )}
              </dd>
            </>
          ) : (
            <>
              <dt>{DUE_MODAL_TEXT.customer}</dt>
              <dd data-testid="due-modal-no-customer">{NO_CUSTOMER}</dd>
              {task.call && (
                <>
                  <dt>{DUE_MODAL_TEXT.caller}</dt>
                  <dd>
                    <PhoneNumber value={task.call.fromDisplay} />
                  </dd>
                </>
              )}
            </>
          )}
        </dl>
        {task.notes && (
          <p id={notesId} className="due-modal__notes">
            {task.notes}
          </p>
        )}

        <div className="due-modal__actions">
          {phone && (
            <>
              <a className="button due-modal__action" href={telUrl(phone)}>
                {DUE_MODAL_TEXT.call}
              </a>
              {whatsAppInApp && task.customer ? (
                <button
                  type="button"
                  className="button due-modal__action"
                  disabled={pending !== null}
                  onClick={() => void act('whatsapp')}
                >
                  {pending === 'whatsapp' ? DUE_MODAL_TEXT.opening : DUE_MODAL_TEXT.whatsApp}
                </button>
              ) : (
                <a className="button due-modal__action" href={whatsAppUrl(phone)} target="_blank" rel="noopener noreferrer">
                  {DUE_MODAL_TEXT.whatsApp}
                </a>
              )}
            </>
          )}
          {task.call && canOpenCalls && (
            <button
              type="button"
              className="button due-modal__action"
              disabled={pending !== null}
              onClick={() => void act('call')}
            >
              {pending === 'call' ? DUE_MODAL_TEXT.opening : TASKS_TEXT.toCallPage}
            </button>
          )}
          <button
            type="button"
            className="button due-modal__action"
            disabled={pending !== null}
            onClick={() => void act('snooze')}
          >
            {pending === 'snooze' ? DUE_MODAL_TEXT.snoozing : TASKS_TEXT.snooze}
          </button>
          <button
            type="button"
            className="button button--primary due-modal__action"
            disabled={pending !== null}
            onClick={() => void act('done')}
          >
            {pending === 'done' ? DUE_MODAL_TEXT.marking : TASKS_TEXT.markDone}
          </button>
        </div>

        <p role="alert" aria-live="assertive" className="form-error">
          {error}
        </p>
        {waiting > 0 && (
          <p className="due-modal__waiting" data-testid="due-modal-waiting">
            {waitingText(waiting)}
          </p>
        )}
      </div>
    </div>
  );
}
