import { useId, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { WhatsAppAgent } from '../../api/contracts';
import { retryUnlessClientError } from '../../api/retry';
import { assignConversation, fetchAgents, whatsAppKeys } from './whatsAppApi';

/** Who in the business answers this conversation; changing it moves the conversation between the "mine" lists. */
export function AssigneeSelect({ customerId, assignee }: { customerId: string; assignee: WhatsAppAgent | null }) {
  const queryClient = useQueryClient();
  const agents = useQuery({ queryKey: whatsAppKeys.agents, queryFn: ({ signal }) => fetchAgents(signal), staleTime: 5 * 60_000, retry: retryUnlessClientError });
  const [saving, setSaving] = useState(false);
  const [failed, setFailed] = useState(false);
  const selectId = useId();

  async function change(value: string) {
    setSaving(true);
    setFailed(false);
    try {
      await assignConversation(customerId, value || null);
      await queryClient.invalidateQueries({ queryKey: whatsAppKeys.conversations });
    } catch {
      setFailed(true);
    } finally {
      setSaving(false);
    }
  }

  return (
    <div className="field field--inline wa-assignee">
      <label htmlFor={selectId}>משויך ל</label>
      <select id={selectId} value={assignee?.id ?? ''} disabled={saving || !agents.isSuccess} onChange={(event) => void change(event.target.value)}>
        <option value="">ללא שיוך</option>
        {(agents.data ?? []).map((agent) => (
          <option key={agent.id} value={agent.id}>
            {agent.displayName}
          </option>
        ))}
      </select>
      {failed && (
        <span role="alert" className="wa-assignee__error">
          השיוך לא נשמר. נסו שוב.
        </span>
      )}
    </div>
  );
}
