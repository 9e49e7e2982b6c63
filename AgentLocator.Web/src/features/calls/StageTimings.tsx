import type { CallStageTiming } from '../../api/contracts';
import { labelFor, OUTCOME_LABELS, STAGE_LABELS } from './callLabels';
import { formatMilliseconds } from './callFormatting';
import { CALLS_TEXT, CALL_TURN_TEXT } from './strings';

/** How long each step of a turn's pipeline took, and how it ended. */
export function StageTimings({ stages, caption }: { stages: CallStageTiming[]; caption: string }) {
  if (stages.length === 0) return null;
  const total = stages.reduce((sum, stage) => sum + stage.milliseconds, 0);
  return (
    <table className="data-table call-stages">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{CALL_TURN_TEXT.stage}</th>
          <th scope="col">{CALLS_TEXT.result}</th>
          <th scope="col">{CALLS_TEXT.time}</th>
        </tr>
      </thead>
      <tbody>
        {stages.map((stage, index) => (
          <tr key={`${stage.stage}-${index}`} data-outcome={stage.outcome}>
            <th scope="row">{labelFor(STAGE_LABELS, stage.stage)}</th>
            <td>
              {labelFor(OUTCOME_LABELS, stage.outcome)}
              {stage.detail && <div className="muted call-stages__detail">{stage.detail}</div>}
            </td>
            <td className="call-stages__ms">
              <span className="nowrap">{formatMilliseconds(stage.milliseconds)}</span>
            </td>
          </tr>
        ))}
      </tbody>
      {stages.length > 1 && (
        <tfoot>
          <tr>
            <th scope="row" colSpan={2}>
              {CALL_TURN_TEXT.total}
            </th>
            <td className="call-stages__ms">
              <span className="nowrap">{formatMilliseconds(total)}</span>
            </td>
          </tr>
        </tfoot>
      )}
    </table>
  );
}
