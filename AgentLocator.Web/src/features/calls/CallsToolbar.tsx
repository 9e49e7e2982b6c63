import { DISPOSITION_LABELS, DISPOSITIONS, isDisposition } from './callLabels';
import type { CallsUrlPatch, CallsUrlState } from './useCallsUrlState';
import { Select } from '../../ui/forms/Select';
import { DateField } from '../../ui/forms/DateField';
import { CALLS_TEXT, CALLS_LIST_TEXT } from './strings';

/** Filters for the calls list: how the call ended up, and a range of days in the business's time zone. */
export function CallsToolbar({
  view,
  onFilter,
  rangeError,
}: {
  view: CallsUrlState;
  onFilter: (patch: CallsUrlPatch) => void;
  rangeError: string | null;
}) {
  return (
    <div className="grid-toolbar">
      <div className="grid-toolbar__filters calls-toolbar" role="search" aria-label={CALLS_LIST_TEXT.filters}>
        <div className="field field--inline">
          <label htmlFor="calls-disposition">{CALLS_TEXT.result}</label>
          <Select
            id="calls-disposition"
            value={view.disposition}
            onChange={(event) => onFilter({ disposition: isDisposition(event.target.value) ? event.target.value : '' })}
          >
            <option value="">{CALLS_LIST_TEXT.all}</option>
            {DISPOSITIONS.map((disposition) => (
              <option key={disposition} value={disposition}>
                {DISPOSITION_LABELS[disposition]}
              </option>
            ))}
          </Select>
        </div>
        <div className="field field--inline">
          <label htmlFor="calls-from">{CALLS_LIST_TEXT.from}</label>
          <DateField
            id="calls-from"
            value={view.from}
            max={view.to || undefined}
            onValue={(value) => onFilter({ from: value })}
          />
        </div>
        <div className="field field--inline">
          <label htmlFor="calls-to">{CALLS_LIST_TEXT.to}</label>
          <DateField
            id="calls-to"
            value={view.to}
            min={view.from || undefined}
            aria-invalid={rangeError ? true : undefined}
            aria-describedby={rangeError ? 'calls-range-error' : undefined}
            onValue={(value) => onFilter({ to: value })}
          />
        </div>
      </div>
      <p id="calls-range-error" className="form-error calls-toolbar__error" role="alert">
        {rangeError}
      </p>
    </div>
  );
}
