import { useQuery } from '@tanstack/react-query';
import type { WhatsAppMessage } from '../../api/contracts';
import { retryUnlessClientError } from '../../api/retry';
import { useObjectUrl } from '../../ui/useObjectUrl';
import { fetchMedia, whatsAppKeys } from './whatsAppApi';
import { mediaKind, mediaWord } from './whatsAppText';

type MediaItem = WhatsAppMessage['media'][number];

/**
 * One photo, voice note or document of a message. Its URL is an API path that needs the bearer token, which an
 * <img>/<audio> src cannot send, so the bytes come through the API client and show from an object URL. A document is
 * a link that opens the same object URL. Media still on its way from Twilio (no url yet) says so.
 */
export function MessageMedia({ item }: { item: MediaItem }) {
  const kind = mediaKind(item.contentType);
  const media = useQuery({
    queryKey: whatsAppKeys.media(item.url ?? ''),
    queryFn: ({ signal }) => fetchMedia(item.url!, signal),
    enabled: Boolean(item.url),
    staleTime: Infinity,
    retry: retryUnlessClientError,
  });
  const src = useObjectUrl(media.data);
  const word = mediaWord(item.contentType);

  if (!item.url) return <p className="wa-media wa-media--pending muted">{word} בדרך…</p>;
  if (media.isError) {
    return (
      <p className="wa-media wa-media--error" role="alert">
        לא הצלחנו לטעון את ה{word}.{' '}
        <button type="button" className="button-link" onClick={() => void media.refetch()}>
          נסו שוב
        </button>
      </p>
    );
  }
  if (!src) return <p className="wa-media muted">טוען {word}…</p>;
  switch (kind) {
    case 'image':
      return (
        <a href={src} target="_blank" rel="noopener noreferrer" className="wa-media wa-media--image">
          <img src={src} alt={word} />
        </a>
      );
    case 'audio':
      return <audio className="wa-media wa-media--audio" controls preload="metadata" src={src} aria-label={word} />;
    case 'video':
      return <video className="wa-media wa-media--video" controls preload="metadata" src={src} aria-label={word} />;
    default:
      return (
        <a className="wa-media wa-media--file" href={src} target="_blank" rel="noopener noreferrer" download={kind === 'pdf' ? undefined : ''}>
          {word} · לפתיחה
        </a>
      );
  }
}
