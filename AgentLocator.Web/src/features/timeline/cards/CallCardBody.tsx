import { useState } from 'react';
import type { CardBodyProps } from '../timelineKinds';
import { DISPOSITION_LABELS, labelFor } from '../../calls/callLabels';
import { formatDuration } from '../../calls/callFormatting';
import { RecordingPlayer } from '../../calls/RecordingPlayer';
import { Ltr } from '../../../ui/Ltr';

/**
 * How the call ended up, how long it took, what was said first and the summary. The recording loads only when asked
 * for: it is an authenticated API path fetched as a Blob (see RecordingPlayer), too heavy to fetch for every card.
 */
export function CallCardBody({ item }: CardBodyProps) {
  const [playing, setPlaying] = useState(false);
  const call = item.call;
  if (!call) return item.summary ? <p className="timeline-card__summary">{item.summary}</p> : null;
  const summary = call.summary ?? item.summary;

  return (
    <>
      <p className="timeline-card__facts">
        <span className={`timeline-chip timeline-chip--${call.disposition}`}>{labelFor(DISPOSITION_LABELS, call.disposition)}</span>
        {call.durationSeconds !== null && (
          <span>
            משך: <Ltr>{formatDuration(call.durationSeconds)}</Ltr>
          </span>
        )}
      </p>
      {call.transcriptFirstLine && <p className="timeline-card__quote">“{call.transcriptFirstLine}”</p>}
      {summary && <p className="timeline-card__summary">{summary}</p>}
      {call.recordingUrl &&
        (playing ? (
          <div className="timeline-card__recording">
            <RecordingPlayer url={call.recordingUrl} label={`הקלטת ${item.title}`} />
          </div>
        ) : (
          <button type="button" className="button button--small" onClick={() => setPlaying(true)}>
            השמעת ההקלטה
          </button>
        ))}
    </>
  );
}
