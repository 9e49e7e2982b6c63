import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import { archiveTemplate, contractKeys, createTemplate, saveTemplate, type ContractTemplate, type TemplateBody } from './contractsApi';

/**
 * Saving (a new version of an existing template, or a new template) and archiving, for both editors: each returns to
 * the templates list, which is refreshed.
 */
export function useTemplateMutations(existing: ContractTemplate | undefined, body: () => TemplateBody) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const save = useMutation({
    mutationFn: () => (existing ? saveTemplate(existing.id, body()) : createTemplate(body())),
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: contractKeys.templates });
      queryClient.setQueryData(contractKeys.template(saved.id), saved);
      navigate('/contracts/templates');
    },
  });
  const archive = useMutation({
    mutationFn: () => archiveTemplate(existing!.id),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: contractKeys.templates });
      navigate('/contracts/templates');
    },
  });
  return { save, archive };
}
