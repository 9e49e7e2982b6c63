import type { CallDisposition } from '../../api/contracts';
import { DISPOSITION_LABELS, labelFor } from './callLabels';

/** How a call ended up, as a coloured chip; a call still going on has a pulsing dot. */
export function DispositionChip({ disposition }: { disposition: CallDisposition }) {
  return (
    <span className={`call-chip call-chip--${disposition}`} data-testid="disposition-chip">
      {disposition === 'in-progress' && <span className="call-chip__dot" aria-hidden="true" />}
      {labelFor(DISPOSITION_LABELS, disposition)}
    </span>
  );
}
