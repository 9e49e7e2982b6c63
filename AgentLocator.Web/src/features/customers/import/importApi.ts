import { api } from '../../../api/client';
import type { ImportReport } from '../../../api/contracts';
import { mappingJson, type ImportMapping } from './importMapping';

/** The API's limits (CustomerCsvImport), checked here too so a too-big file is refused before uploading. */
export const IMPORT_MAX_BYTES = 10 * 1024 * 1024;
export const IMPORT_MAX_ROWS = 10_000;

export function importCustomers(file: File, mapping: ImportMapping): Promise<ImportReport> {
  const form = new FormData();
  form.append('file', file, file.name);
  form.append('mapping', mappingJson(mapping));
  return api.postForm<ImportReport>('/api/crm/customers/import', form);
}
