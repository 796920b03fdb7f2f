import http from 'http';
import type { AddressInfo } from 'net';
import { mockServices } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { readPrometheusConfig } from './config';
import {
  PrometheusMetricProvider,
  renderQuery,
} from './PrometheusMetricProvider';

const component = (name: string, type = 'service'): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default' },
  spec: { type, owner: 'team' },
});

/**
 * A small server that answers `/api/v1/query` as Prometheus does: the
 * service label picks the answer, the time picks the day.
 */
async function fakePrometheus() {
  const queries: Array<{ query: string; time: string; auth?: string }> = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url!, 'http://localhost');
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (url.pathname !== '/api/v1/query') {
      send(404, { status: 'error', errorType: 'not_found', error: 'no route' });
      return;
    }
    const query = url.searchParams.get('query') ?? '';
    const time = url.searchParams.get('time') ?? '';
    queries.push({ query, time, auth: req.headers.authorization });
    const service = /service="([^"]*)"/.exec(query)?.[1];
    const day = new Date((Number(time) - 86_400) * 1000)
      .toISOString()
      .slice(0, 10);
    const vector = (values: string[]) =>
      send(200, {
        status: 'success',
        data: {
          resultType: 'vector',
          result: values.map((v, i) => ({
            metric: { service, pod: `p${i}` },
            value: [Number(time), v],
          })),
        },
      });
    switch (service) {
      case 'checkout':
        // two series (pods) whose sum is the day's requests
        vector(day === '2025-03-02' ? ['1000', '500.5'] : ['1000', '0']);
        return;
      case 'idle':
        vector([]);
        return;
      case 'broken':
        send(400, {
          status: 'error',
          errorType: 'bad_data',
          error: '1:10: parse error: unexpected "}"',
        });
        return;
      case 'nan':
        vector(['NaN']);
        return;
      default:
        send(422, {
          status: 'error',
          errorType: 'execution',
          error: `unknown service ${service}`,
        });
    }
  });
  await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    queries,
    close: () => new Promise(r => server.close(r)),
  };
}

function provider(baseUrl: string, extra: Record<string, unknown> = {}) {
  const config = readPrometheusConfig(
    new ConfigReader({
      finops: {
        prometheus: {
          baseUrl,
          headers: { Authorization: 'Bearer t0ken' },
          metrics: [
            {
              name: 'requests',
              query:
                'sum(increase(http_requests_total{service="{{name}}"}[1d]))',
              entities: { types: ['service'] },
            },
          ],
          ...extra,
        },
      },
    }),
  )!;
  const logger = mockServices.logger.mock();
  return { provider: new PrometheusMetricProvider(config, logger), logger };
}

describe('PrometheusMetricProvider against a Prometheus query API', () => {
  let prom: Awaited<ReturnType<typeof fakePrometheus>>;
  beforeEach(async () => {
    prom = await fakePrometheus();
  });
  afterEach(async () => {
    await prom.close();
  });

  it('queries each entity at the end of each day and sums the vector', async () => {
    const { provider: p } = provider(prom.baseUrl);
    const points = await p.fetch({
      entities: [component('checkout'), component('docs', 'website')],
      from: '2025-03-01',
      to: '2025-03-02',
    });
    expect(points).toEqual([
      {
        entity: 'component:default/checkout',
        metric: 'requests',
        date: '2025-03-01',
        value: 1000,
      },
      {
        entity: 'component:default/checkout',
        metric: 'requests',
        date: '2025-03-02',
        value: 1500.5,
      },
    ]);
    // the website is filtered out by type; times are the ends of the days
    expect(prom.queries.map(q => q.time).sort()).toEqual([
      String(Date.parse('2025-03-02T00:00:00Z') / 1000),
      String(Date.parse('2025-03-03T00:00:00Z') / 1000),
    ]);
    expect(prom.queries[0].query).toBe(
      'sum(increase(http_requests_total{service="checkout"}[1d]))',
    );
    expect(prom.queries[0].auth).toBe('Bearer t0ken');
  });

  it('gives no value for an empty result, and skips error responses with a warning', async () => {
    const { provider: p, logger } = provider(prom.baseUrl);
    const points = await p.fetch({
      entities: [
        component('idle'),
        component('broken'),
        component('nan'),
        component('checkout'),
      ],
      from: '2025-03-01',
      to: '2025-03-01',
    });
    expect(points).toEqual([
      {
        entity: 'component:default/checkout',
        metric: 'requests',
        date: '2025-03-01',
        value: 1000,
      },
    ]);
    const warnings = (logger.warn as jest.Mock).mock.calls.map(c => c[0]);
    expect(warnings).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /requests of component:default\/broken on 2025-03-01: bad_data: 1:10: parse error/,
        ),
        expect.stringMatching(
          /component:default\/nan .*not a finite number: NaN/,
        ),
      ]),
    );
    expect(warnings.join('\n')).not.toMatch(/idle/);
  });

  it('fails the run when Prometheus cannot be reached', async () => {
    await prom.close();
    const { provider: p } = provider(prom.baseUrl);
    await expect(
      p.fetch({
        entities: [component('checkout')],
        from: '2025-03-01',
        to: '2025-03-01',
      }),
    ).rejects.toThrow(/could not be reached/);
    prom = await fakePrometheus();
  });

  it('escapes entity values inside label strings', () => {
    const entity = component('we"ird');
    expect(
      renderQuery(
        'x{service="{{name}}",ns="{{namespace}}",ref="{{ ref }}"}',
        entity,
      ),
    ).toBe(
      'x{service="we\\"ird",ns="default",ref="component:default/we\\"ird"}',
    );
  });
});

describe('readPrometheusConfig', () => {
  it('is undefined without a finops.prometheus block', () => {
    expect(
      readPrometheusConfig(new ConfigReader({ finops: {} })),
    ).toBeUndefined();
  });

  it('sends credentials of the URL as a header, and keeps them out of the URL it logs', () => {
    const read = readPrometheusConfig(
      new ConfigReader({
        finops: {
          prometheus: {
            baseUrl: 'https://metrics:s3cret@prom.example.com/',
            metrics: [{ name: 'requests', query: 'up' }],
          },
        },
      }),
    )!;
    expect(read.baseUrl).toBe('https://prom.example.com');
    expect(read.headers.Authorization).toBe(
      `Basic ${Buffer.from('metrics:s3cret').toString('base64')}`,
    );
    expect(() =>
      readPrometheusConfig(
        new ConfigReader({
          finops: {
            prometheus: { baseUrl: 'ftp://u:s3cret@p', metrics: [] },
          },
        }),
      ),
    ).toThrow(/got 'ftp:\/\/\*\*\*@p'/);
  });

  it('names the bad key', () => {
    expect(() =>
      readPrometheusConfig(
        new ConfigReader({
          finops: { prometheus: { baseUrl: 'prometheus:9090', metrics: [] } },
        }),
      ),
    ).toThrow(/finops.prometheus.baseUrl must be an http\(s\) URL/);
    expect(() =>
      readPrometheusConfig(
        new ConfigReader({
          finops: {
            prometheus: {
              baseUrl: 'http://p',
              metrics: [{ name: 'Req uests', query: 'up' }],
            },
          },
        }),
      ),
    ).toThrow(/metrics\[0\].name 'req uests' is not a metric name/);
  });
});
