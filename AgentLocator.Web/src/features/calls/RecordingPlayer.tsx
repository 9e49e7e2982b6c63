import { useQuery } from '@tanstack/react-query';
import { retryUnlessClientError } from '../../api/retry';
import { useObjectUrl } from '../../ui/useObjectUrl';
import { callKeys, fetchRecording } from './callsApi';
import { CALL_TURN_TEXT } from './strings';

/**
 * A turn's recording. Its URL is an API path that needs the bearer token, which an <audio src> cannot send, so the
 * bytes come through the API client (auth, refresh, problem+json) and play from an object URL. The bytes never
 * change, so they are fetched once and kept while the page polls the call.
 */
export function RecordingPlayer({ url, label }: { url: string; label: string }) {
  const recording = useQuery({
    queryKey: callKeys.recording(url),
    queryFn: ({ signal }) => fetchRecording(url, signal),
    staleTime: Infinity,
    retry: retryUnlessClientError,
  });
  const src = useObjectUrl(recording.data);

  if (recording.isError) {
    return (
      <p className="call-recording call-recording--error" role="alert">
        {CALL_TURN_TEXT.recordingFailed}{' '}
        <button type="button" className="button-link" onClick={() => void recording.refetch()}>
          {CALL_TURN_TEXT.retry}
        </button>
      </p>
    );
  }
  if (!src) {
    return (
      <p className="call-recording muted" role="status">
        {CALL_TURN_TEXT.recordingLoading}
      </p>
    );
  }
  return <audio className="call-recording" controls preload="metadata" src={src} aria-label={label} />;
}
