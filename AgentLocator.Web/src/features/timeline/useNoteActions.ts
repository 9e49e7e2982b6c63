import { useQueryClient } from '@tanstack/react-query';
import { createNote, deleteNote, updateNote, type TimelineItem } from './timelineApi';
import { dropItem, writeItem } from './timelineCacheWriter';
import { useTimelineContext } from './TimelineContext';

/**
 * Notes of one customer: add, edit, pin, delete with undo. Each answer is written into every cached timeline that
 * shows (or should show) the note, so the change is on screen without a refetch. Failures are thrown to the caller,
 * which shows them beside the note.
 */
export function useNoteActions(customerId: string | null) {
  const queryClient = useQueryClient();
  const { timeZone, notify } = useTimelineContext();
  const write = (item: TimelineItem) => writeItem(queryClient, item, timeZone);

  function requireCustomer(): string {
    if (!customerId) throw new Error('A note without a customer cannot be changed.');
    return customerId;
  }

  return {
    enabled: customerId !== null,
    async add(text: string) {
      write(await createNote(requireCustomer(), text));
    },
    async edit(item: TimelineItem, text: string) {
      write(await updateNote(requireCustomer(), item.note!.noteId, { text }));
    },
    async setPinned(item: TimelineItem, pinned: boolean) {
      write(await updateNote(requireCustomer(), item.note!.noteId, { pinned }));
    },
    /** The API has no restore: undo writes the same text again (and pins it again if it was pinned). */
    async remove(item: TimelineItem) {
      const owner = requireCustomer();
      const { text } = item.note!;
      await deleteNote(owner, item.note!.noteId);
      dropItem(queryClient, item.id);
      notify({
        message: 'ההערה נמחקה.',
        undo: async () => {
          let restored = await createNote(owner, text);
          if (item.pinned) restored = await updateNote(owner, restored.note!.noteId, { pinned: true });
          write(restored);
        },
      });
    },
  };
}
