import { http, HttpResponse, type JsonBodyType } from 'msw';
import { setupServer } from 'msw/node';
import { mockApis } from '@backstage/frontend-test-utils';
import { FinopsClient } from '../api';
import { noAiSpend, noAiUsage, noAiWhatIf } from './ai';

/** The base URL the mock discovery API gives the finops plugin. */
export const BASE_URL = 'http://localhost:7007/api/finops';

/** A real client over a mock discovery API and the global fetch, for MSW. */
export const testClient = () =>
  new FinopsClient({
    discoveryApi: mockApis.discovery({ baseUrl: 'http://localhost:7007' }),
    fetchApi: mockApis.fetch(),
  });

/**
 * What every test gets unless it serves otherwise: no AI spend, so that
 * views with an AI section show none (a test of it serves its own).
 */
const defaultHandlers = [
  http.get(
    `${BASE_URL}/entities/:kind/:namespace/:name/ai-usage`,
    ({ params }) =>
      HttpResponse.json(
        noAiUsage(`${params.kind}:${params.namespace}/${params.name}`),
      ),
  ),
  http.get(
    `${BASE_URL}/entities/:kind/:namespace/:name/ai-whatif`,
    ({ params }) =>
      HttpResponse.json(
        noAiWhatIf(`${params.kind}:${params.namespace}/${params.name}`),
      ),
  ),
  http.get(`${BASE_URL}/ai/spend`, () => HttpResponse.json(noAiSpend)),
];

export const server = setupServer(...defaultHandlers);

type Route =
  | 'summary'
  | 'costs'
  | 'resources'
  | 'shared'
  | 'unit-cost'
  | 'benchmark'
  | 'recommendations'
  | 'scorecard'
  | 'statement'
  | 'anomalies'
  | 'ai-usage'
  | 'ai-whatif'
  | 'budget'
  | 'budgets';

/**
 * Serves `body` for one route of any entity and records every request URL,
 * so that tests can assert on what the UI asked for.
 */
export function serve(
  route: Route,
  body: JsonBodyType | ((url: URL) => JsonBodyType),
  status = 200,
) {
  const requests: URL[] = [];
  server.use(
    http.get(
      `${BASE_URL}/entities/:kind/:namespace/:name/${route}`,
      ({ request }) => {
        const url = new URL(request.url);
        requests.push(url);
        const json = typeof body === 'function' ? body(url) : body;
        return HttpResponse.json(json, { status });
      },
    ),
  );
  return requests;
}

/**
 * Serves `csv` as the statement CSV of any entity, as an attachment, and
 * records every request with its headers.
 */
export function serveStatementCsv(csv: string) {
  const requests: Request[] = [];
  server.use(
    http.get(
      `${BASE_URL}/entities/:kind/:namespace/:name/statement.csv`,
      ({ request }) => {
        requests.push(request);
        return new HttpResponse(csv, {
          headers: {
            'Content-Type': 'text/csv; charset=utf-8',
            'Content-Disposition': 'attachment; filename="statement.csv"',
          },
        });
      },
    ),
  );
  return requests;
}

/** The body of a backend refusal, as `@backstage/errors` serializes it. */
export const errorBody = (name: string, message: string, status: number) => ({
  error: { name, message },
  request: { method: 'GET', url: '/x' },
  response: { statusCode: status },
});

/** Serves `body` for `GET /recommendations/{id}` of any id, recording the requests. */
export function serveRecommendation(
  body: JsonBodyType | ((id: string) => JsonBodyType),
  status = 200,
) {
  const requests: URL[] = [];
  server.use(
    http.get(`${BASE_URL}/recommendations/:id`, ({ request, params }) => {
      requests.push(new URL(request.url));
      const id = String(params.id);
      const json = typeof body === 'function' ? body(id) : body;
      return HttpResponse.json(json, { status });
    }),
  );
  return requests;
}

/** A status change the UI posted: the recommendation's id and the body. */
export interface PostedChange {
  id: string;
  body: Record<string, unknown>;
}

/**
 * Answers `POST /recommendations/{id}/status` with `body` (or what it makes
 * of the change), recording each change posted.
 */
export function serveStatusChange(
  body: JsonBodyType | ((change: PostedChange) => JsonBodyType),
  status = 200,
) {
  const changes: PostedChange[] = [];
  server.use(
    http.post(
      `${BASE_URL}/recommendations/:id/status`,
      async ({ request, params }) => {
        const change = {
          id: String(params.id),
          body: (await request.json()) as Record<string, unknown>,
        };
        changes.push(change);
        const json = typeof body === 'function' ? body(change) : body;
        return HttpResponse.json(json, { status });
      },
    ),
  );
  return changes;
}

/** A request the UI sent to a path: its URL and, for a write, its JSON body. */
export interface SentRequest {
  url: URL;
  body?: unknown;
}

/**
 * Answers one method on one path under `/api/finops` (e.g. `GET
 * /governance/kpis`) with `body`, or what it makes of the request, recording
 * each request with its JSON body.
 */
export function serveRoute(
  method: 'get' | 'post' | 'put',
  path: string,
  body: JsonBodyType | ((request: SentRequest) => JsonBodyType),
  status: number | ((request: SentRequest) => number) = 200,
) {
  const requests: SentRequest[] = [];
  server.use(
    http[method](`${BASE_URL}${path}`, async ({ request }) => {
      const sent: SentRequest = { url: new URL(request.url) };
      if (method !== 'get') sent.body = await request.json();
      requests.push(sent);
      const json = typeof body === 'function' ? body(sent) : body;
      return HttpResponse.json(json, {
        status: typeof status === 'function' ? status(sent) : status,
      });
    }),
  );
  return requests;
}
