import { createColumnHelper, type ColumnDef } from '@tanstack/react-table';
import { Link } from 'react-router-dom';
import type { CallListItem } from '../../api/contracts';
import { INTENT_LABELS, labelFor } from './callLabels';
import { formatCallTime, formatDuration } from './callFormatting';
import { CallerName } from './CallerName';
import { DispositionChip } from './DispositionChip';
import { CALLS_TEXT, CALLS_LIST_TEXT } from './strings';

export const CALL_COLUMN_LABELS = {
  startedAt: CALLS_TEXT.time,
  caller: CALLS_TEXT.caller,
  disposition: CALLS_TEXT.result,
  duration: CALLS_TEXT.duration,
  turns: CALLS_LIST_TEXT.turnsColumn,
  intent: CALLS_TEXT.intent,
  summary: CALLS_LIST_TEXT.summaryColumn,
} as const;

const column = createColumnHelper<CallListItem>();

// Each column has its own value type; TanStack's own docs type a mixed list as ColumnDef<T, any>[].
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyCallColumn = ColumnDef<CallListItem, any>;

/** The list's columns. The time opens the call (a real link, so ctrl-click and keyboard work). */
export function callColumns(timeZone: string, canOpenCustomer: boolean): AnyCallColumn[] {
  return [
    column.accessor('startedAt', {
      header: CALL_COLUMN_LABELS.startedAt,
      cell: (info) => (
        <Link className="calls-grid__open" to={`/calls/${info.row.original.id}`}>
          <time dateTime={info.getValue()}>{formatCallTime(info.getValue(), timeZone)}</time>
        </Link>
      ),
    }),
    column.display({
      id: 'caller',
      header: CALL_COLUMN_LABELS.caller,
      cell: (info) => (
        <CallerName
          customer={info.row.original.customer}
          fromDisplay={info.row.original.fromDisplay}
          canOpenCustomer={canOpenCustomer}
        />
      ),
    }),
    column.accessor('disposition', {
      header: CALL_COLUMN_LABELS.disposition,
      cell: (info) => <DispositionChip disposition={info.getValue()} />,
    }),
    column.accessor('durationSeconds', {
      id: 'duration',
      header: CALL_COLUMN_LABELS.duration,
      cell: (info) => <span className="calls-grid__number">{formatDuration(info.getValue())}</span>,
    }),
    column.accessor('turnCount', {
      id: 'turns',
      header: CALL_COLUMN_LABELS.turns,
      cell: (info) => <span className="calls-grid__number">{info.getValue()}</span>,
    }),
    column.accessor('intent', {
      header: CALL_COLUMN_LABELS.intent,
      cell: (info) => labelFor(INTENT_LABELS, info.getValue()),
    }),
    column.accessor('summary', {
      header: CALL_COLUMN_LABELS.summary,
      // Cut to one line by CSS; the whole text stays in the DOM (screen readers) and in the tooltip.
      cell: (info) =>
        info.getValue() ? (
          <span className="calls-grid__summary" title={info.getValue() ?? undefined}>
            {info.getValue()}
          </span>
        ) : (
          '—'
        ),
    }),
  ];
}
