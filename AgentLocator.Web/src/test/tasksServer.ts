// A fake /api for the tasks tests: signed in, with task routes the test fills in.

import type { FeatureKey, Task } from '../api/contracts';
import { json, problem, type RecordedRequest } from './http';
import { customersServer } from './testCustomers';
import { paged } from './paging';

type Route = (request: RecordedRequest, url: URL) => Response | Promise<Response> | undefined;

export const pageOf = (items: Task[], page = 1, limit = 50, total = items.length) => paged(items, { page, limit, total });

/** `due` answers GET /api/tasks/due (a function, so a test can change it between calls); lists default to empty. */
export function tasksServer(
  options: { due?: () => Task[]; route?: Route; features?: FeatureKey[]; role?: 'admin' | 'agent' } = {},
) {
  return customersServer(
    (request, url) => {
      const answer = options.route?.(request, url);
      if (answer) return answer;
      if (url.pathname === '/api/tasks/due') return json(200, options.due?.() ?? []);
      if (url.pathname === '/api/tasks' && request.method === 'GET') return json(200, pageOf([]));
      if (url.pathname.startsWith('/api/tasks')) return problem(404, { title: 'Not Found' });
      return undefined;
    },
    { features: options.features, role: options.role },
  );
}
