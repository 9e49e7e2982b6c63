import type { CallTurn } from '../../api/contracts';
import { labelFor, SPOKEN_AS_LABELS, TRANSCRIBED_BY_LABELS, TURN_STATE_LABELS } from './callLabels';
import { formatDuration } from './callFormatting';
import { RecordingPlayer } from './RecordingPlayer';
import { StageTimings } from './StageTimings';
import { Ltr } from '../../ui/Ltr';
import { CALL_TURN_TEXT } from './strings';

/** What the turn's state means for the agent, when there is something to say beyond the transcript. */
function StateNotice({ turn }: { turn: CallTurn }) {
  switch (turn.state) {
    case 'pending':
      return (
        <p className="call-turn__notice call-turn__notice--pending" role="status">
          <span className="spinner spinner--small" aria-hidden="true" />
          {CALL_TURN_TEXT.processing}
        </p>
      );
    case 'silent':
    case 'failed':
    case 'not-configured':
      return <p className={`call-turn__notice call-turn__notice--${turn.state}`}>{TURN_STATE_LABELS[turn.state]}</p>;
    default:
      return null;
  }
}

/** One message the caller left: the recording, what they said, what we answered and how long each step took. */
export function CallTurnCard({ turn }: { turn: CallTurn }) {
  const titleId = `call-turn-${turn.number}-title`;
  return (
    <li className="card call-turn" aria-labelledby={titleId} data-testid={`call-turn-${turn.number}`} data-state={turn.state}>
      <header className="call-turn__header">
        <h3 id={titleId}>{CALL_TURN_TEXT.title(turn.number)}</h3>
        {turn.recordingSeconds !== null && (
          <span className="muted">
            {CALL_TURN_TEXT.recordingLength} <Ltr>{formatDuration(turn.recordingSeconds)}</Ltr>
          </span>
        )}
      </header>

      {turn.recordingUrl ? (
        <RecordingPlayer url={turn.recordingUrl} label={CALL_TURN_TEXT.recordingLabel(turn.number)} />
      ) : (
        <p className="muted">{CALL_TURN_TEXT.noRecording}</p>
      )}

      <StateNotice turn={turn} />

      {(turn.transcript || turn.state === 'ready') && (
        <div className="call-turn__block">
          <h4>{CALL_TURN_TEXT.callerSaid}</h4>
          {turn.transcript ? (
            <p className="call-turn__transcript" data-testid="transcript">
              {turn.transcript}
            </p>
          ) : (
            <p className="muted">{CALL_TURN_TEXT.noSpeech}</p>
          )}
          {turn.transcribedBy && (
            <p className="muted call-turn__transcribed-by" data-testid="transcribed-by">
              {labelFor(TRANSCRIBED_BY_LABELS, turn.transcribedBy)}
            </p>
          )}
        </div>
      )}

      {(turn.reply || turn.spokenAs) && (
        <div className="call-turn__block">
          <h4>{CALL_TURN_TEXT.weReplied}</h4>
          {turn.reply && <p className="call-turn__reply">{turn.reply}</p>}
          {turn.spokenAs && <p className="muted call-turn__spoken">{labelFor(SPOKEN_AS_LABELS, turn.spokenAs)}</p>}
        </div>
      )}

      <StageTimings stages={turn.stages} caption={CALL_TURN_TEXT.timingsCaption(turn.number)} />
    </li>
  );
}
