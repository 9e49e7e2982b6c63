import { Fragment } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router-dom';
import { ApiError } from '../../api/client';
import type { CallDetail } from '../../api/contracts';
import { ErrorState, LoadingState } from '../../ui/StatusViews';
import { FeatureDisabledNotice } from '../../ui/FeatureDisabledNotice';
import { useFeatureOffError } from '../../api/useFeatureOffError';
import { useMe } from '../shell/useMe';
import { retryUnlessClientError } from '../../api/retry';
import { DEFAULT_TIME_ZONE, formatDueAt } from '../../time/zonedTime';
import { callKeys, fetchCall } from './callsApi';
import { INTENT_LABELS, labelFor, LEAD_FIELD_LABELS, STATUS_LABELS, TRANSCRIPTION_PROVIDER_LABELS } from './callLabels';
import { formatCallTime, formatDuration } from './callFormatting';
import { sameId, useLiveCalls } from './liveCalls';
import { CallerName } from './CallerName';
import { DispositionChip } from './DispositionChip';
import { CallTurnCard } from './CallTurnCard';
import { isWithheld, WITHHELD_NUMBER } from './withheldNumber';
import '../customers/Customers.css';
import './Calls.css';
import { DateText, Ltr, nameShowsPhone, PhoneNumber, TextWithNumbers } from '../../ui/Ltr';
import { CALLS_TEXT, CALL_PAGE_TEXT } from './strings';

/** While the call goes on or a message is still being worked on, the page asks again this often. */
export const CALL_POLL_MS = 2_000;

export function isCallSettling(call: CallDetail | undefined): boolean {
  if (!call) return false;
  return (
    call.status === 'in-progress' ||
    call.disposition === 'in-progress' ||
    call.turns.some((turn) => turn.state === 'pending')
  );
}

function CallNotFound() {
  return (
    <section className="page" aria-labelledby="call-missing-title">
      <h1 id="call-missing-title">{CALL_PAGE_TEXT.missing}</h1>
      <p className="page__lead">{CALL_PAGE_TEXT.missingHint}</p>
      <p>
        <Link to="/calls">{CALL_PAGE_TEXT.backToList}</Link>
      </p>
    </section>
  );
}

export function CallPage() {
  const { id = '' } = useParams();
  const me = useMe().data;
  const timeZone = me?.business.timeZone || DEFAULT_TIME_ZONE;
  const canOpenCustomer = me?.features.includes('crm') ?? false;
  const queryClient = useQueryClient();

  const call = useQuery({
    queryKey: callKeys.detail(id),
    queryFn: ({ signal }) => fetchCall(id, signal),
    retry: retryUnlessClientError,
    refetchInterval: (query) => (isCallSettling(query.state.data) ? CALL_POLL_MS : false),
  });
  const featureOff = useFeatureOffError(call.error);
  const live = useLiveCalls({
    timeZone,
    // Kept while a poll fails now and then: a failed refetch still has the call to show.
    enabled: call.data !== undefined,
    onCall: (updated) => {
      if (sameId(updated.id, id)) void queryClient.invalidateQueries({ queryKey: callKeys.detail(id), exact: true });
    },
  });

  if (featureOff) return <FeatureDisabledNotice />;
  if (call.isPending) return <LoadingState message={CALL_PAGE_TEXT.loading} />;
  if (call.isError) {
    if (call.error instanceof ApiError && call.error.status === 404) return <CallNotFound />;
    return (
      <ErrorState title={CALL_PAGE_TEXT.loadFailed} onRetry={() => void call.refetch()}>
        <p>{CALLS_TEXT.serverUnavailable}</p>
      </ErrorState>
    );
  }

  const data = call.data;
  const callerName = data.customer?.name ?? (isWithheld(data.fromDisplay) ? WITHHELD_NUMBER : data.fromDisplay);
  const leadEntries = Object.entries(data.lead ?? {}).filter(([, value]) => value?.trim());
  const hasSummary = Boolean(data.summary || data.intent || leadEntries.length);

  return (
    <section className="page page--wide call-page" aria-labelledby="call-title" data-live={live}>
      <p className="breadcrumbs">
        <Link to="/calls">{CALLS_TEXT.calls}</Link>
      </p>
      <header className="page__header">
        <div className="call-page__title">
          <h1 id="call-title">
            {CALL_PAGE_TEXT.callFrom}{' '}
            <bdi>
              <TextWithNumbers text={callerName} />
            </bdi>
          </h1>
          <DispositionChip disposition={data.disposition} />
        </div>
      </header>

      <div className="card call-page__facts">
        <dl className="details">
          <dt>{CALLS_TEXT.caller}</dt>
          <dd>
            <CallerName customer={data.customer} fromDisplay={data.fromDisplay} canOpenCustomer={canOpenCustomer} />
            {data.customer && data.fromDisplay && !nameShowsPhone(data.customer.name, data.fromDisplay) && (
              <>
                {' · '}
                <PhoneNumber value={data.fromDisplay} />
              </>
            )}
          </dd>
          <dt>{CALLS_TEXT.time}</dt>
          <dd>
            <DateText iso={data.startedAt}>{formatCallTime(data.startedAt, timeZone)}</DateText>
          </dd>
          <dt>{CALLS_TEXT.duration}</dt>
          <dd>
            <Ltr>{formatDuration(data.durationSeconds)}</Ltr>
          </dd>
          <dt>{CALL_PAGE_TEXT.status}</dt>
          <dd data-testid="call-status">{labelFor(STATUS_LABELS, data.status)}</dd>
          {data.to && (
            <>
              <dt>{CALLS_TEXT.answeringNumber}</dt>
              <dd>
                <PhoneNumber value={data.to} />
              </dd>
            </>
          )}
        </dl>
        {isCallSettling(data) && (
          <p className="muted call-page__settling" role="status">
            <span className="spinner spinner--small" aria-hidden="true" />
            {data.status === 'in-progress' ? CALL_PAGE_TEXT.inProgress : CALL_PAGE_TEXT.processing}
          </p>
        )}
      </div>

      {!data.transcriptionConfigured && (
        <p className="banner banner--warning" role="note" data-testid="transcription-off">
          <strong>{CALL_PAGE_TEXT.transcriptionOff}</strong> {CALL_PAGE_TEXT.transcriptionOffHint}
        </p>
      )}
      {data.transcriptionConfigured && (
        <p className="muted" data-testid="transcription-provider">
          {CALL_PAGE_TEXT.transcription} {labelFor(TRANSCRIPTION_PROVIDER_LABELS, data.transcriptionProvider)}
        </p>
      )}

      <div className="customer-page__columns">
        <section className="card" aria-labelledby="call-summary-title">
          <h2 id="call-summary-title">{CALL_PAGE_TEXT.summary}</h2>
          {hasSummary ? (
            <>
              {data.summary && <p className="call-page__summary">{data.summary}</p>}
              <dl className="details">
                {data.intent && (
                  <>
                    <dt>{CALLS_TEXT.intent}</dt>
                    <dd>{labelFor(INTENT_LABELS, data.intent)}</dd>
                  </>
                )}
                {leadEntries.map(([key, value]) => (
                  <Fragment key={key}>
                    <dt>{LEAD_FIELD_LABELS[key] ?? key}</dt>
                    <dd>{value}</dd>
                  </Fragment>
                ))}
              </dl>
            </>
          ) : (
            <p className="muted">{CALL_PAGE_TEXT.noSummary}</p>
          )}
        </section>

        <section className="card" aria-labelledby="call-task-title">
          <h2 id="call-task-title">{CALL_PAGE_TEXT.followUp}</h2>
          {data.task ? (
            <p className="call-page__task">
              <Link to={`/tasks/${data.task.id}/edit`}>
                <TextWithNumbers text={data.task.title} />
              </Link>
              <span className="muted">
                {' · '}
                <DateText iso={data.task.dueAt}>{formatDueAt(data.task.dueAt, timeZone)}</DateText>
              </span>
              {data.task.completed && <span className="badge call-page__task-badge">{CALLS_TEXT.doneBadge}</span>}
            </p>
          ) : (
            <p className="muted">{CALL_PAGE_TEXT.noFollowUp}</p>
          )}
        </section>
      </div>

      <section className="call-page__turns" aria-labelledby="call-turns-title">
        <h2 id="call-turns-title">{CALL_PAGE_TEXT.turns}</h2>
        {data.turns.length === 0 ? (
          <p className="muted">{CALL_PAGE_TEXT.noTurns}</p>
        ) : (
          <ol className="call-turns">
            {data.turns.map((turn) => (
              <CallTurnCard key={turn.number} turn={turn} />
            ))}
          </ol>
        )}
      </section>
    </section>
  );
}
