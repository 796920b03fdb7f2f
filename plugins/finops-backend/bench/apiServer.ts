/*
 * The server process of the API benchmark: the plugin's real router, stores
 * and views on the filled database, with stand-ins only for the core
 * services it calls (auth, permissions, catalog). It runs apart from the load
 * generator so that the two do not share one event loop.
 *
 * Started by apiHarness.ts with the knex config and its ServerOptions as JSON
 * arguments; it reports `{ port }` once listening, and answers the messages
 * `drain` (once every request is answered) and `stats` (its memory, and
 * each route's answer times and statuses).
 */
import express from 'express';
import knexFactory, { Knex } from 'knex';
import { ConfigReader } from '@backstage/config';
import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';
import type {
  BackstageCredentials,
  HttpAuthService,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { readFinopsConfig } from '@costwise/plugin-finops-engine';
import { createFinopsEngine } from '../src/service/engine';
import { RequestAccess } from '../src/service/http/access';
import { createRouter } from '../src/service/router';
import { syntheticCatalog } from './apiCatalog';
import type { ServerOptions, ServerStats } from './apiHarness';

const logger: LoggerService = {
  error: (message, meta) => console.error(message, meta ?? ''),
  warn: () => {},
  info: () => {},
  debug: () => {},
  child: () => logger,
};

const user: BackstageCredentials = {
  $$type: '@backstage/BackstageCredentials',
  principal: { type: 'user', userEntityRef: 'user:default/bench' },
};

/** A request's route, its entity kind kept: `component /costs`, `/coverage`. */
function routeOf(requestPath: string): string {
  const entity =
    /^\/api\/finops\/entities\/([^/]+)\/[^/]+\/[^/]+\/([^/?]+)/.exec(
      requestPath,
    );
  if (entity) return `${entity[1].toLowerCase()} /${entity[2]}`;
  return requestPath.replace(/^\/api\/finops/, '');
}

async function main() {
  const knexConfig = JSON.parse(process.argv[2]) as Knex.Config;
  const options = JSON.parse(process.argv[3]) as ServerOptions;
  const catalog = syntheticCatalog(options.entities, {
    unitMetric: options.unitMetric,
  });
  const byRef = new Map(
    catalog.entities.map(e => [
      `${e.kind}:${e.metadata.namespace ?? 'default'}/${
        e.metadata.name
      }`.toLowerCase(),
      e,
    ]),
  );

  const knex = knexFactory(knexConfig);
  const httpAuth = {
    credentials: async () => user,
  } as unknown as HttpAuthService;
  const permissions = {
    authorize: async (requests: unknown[]) =>
      requests.map(() => ({ result: AuthorizeResult.ALLOW })),
    authorizeConditional: async (requests: unknown[]) =>
      requests.map(() => ({ result: AuthorizeResult.ALLOW })),
  } as unknown as PermissionsService;
  const catalogService = {
    getEntityByRef: async (ref: string) => byRef.get(ref.toLowerCase()),
    getEntities: async () => ({ items: catalog.entities }),
    getEntitiesByRefs: async ({ entityRefs }: { entityRefs: string[] }) => ({
      items: entityRefs.map(ref => byRef.get(ref.toLowerCase())),
    }),
  } as unknown as CatalogService;

  const engine = createFinopsEngine({
    knex,
    config: readFinopsConfig(
      new ConfigReader({
        finops: {
          ...(options.finops ?? {}),
          ...(options.cache === false ? { views: { cacheBytes: 0 } } : {}),
        },
      }),
    ),
    catalogEntities: async () => catalog.entities,
    logger,
  });
  const router = await createRouter({
    ...engine,
    sources: [],
    access: new RequestAccess({
      httpAuth,
      permissions,
      catalog: catalogService,
      adminServices: [],
    }),
    clock: { now: () => new Date() },
  });
  // requests still being answered, so that the load of one route does not
  // spill into the next one's measurement
  let inFlight = 0;
  let idle: (() => void)[] = [];
  let routes: ServerStats['routes'] = {};
  const app = express();
  app.use((req, res, next) => {
    inFlight++;
    const started = process.hrtime.bigint();
    // routers rewrite the path on the way down: take it now
    const route = routeOf(req.path);
    res.once('finish', () => {
      const stats = (routes[route] ??= { ms: [], statuses: {} });
      stats.ms.push(Number(process.hrtime.bigint() - started) / 1e6);
      stats.statuses[res.statusCode] =
        (stats.statuses[res.statusCode] ?? 0) + 1;
    });
    res.once('close', () => {
      if (--inFlight === 0) {
        idle.forEach(done => done());
        idle = [];
      }
    });
    next();
  });
  app.use('/api/finops', router);
  app.use(
    MiddlewareFactory.create({
      config: new ConfigReader({}),
      logger,
    }).error(),
  );
  const server = app.listen(0, '127.0.0.1', () => {
    const address = server.address();
    process.send?.({
      port: typeof address === 'object' && address ? address.port : 0,
    });
  });
  // a client that hangs up closes its requests before their handlers end,
  // so idle also means no database work for a few polls in a row
  const pool = (knex.client as any).pool;
  const poolIdle = () =>
    !pool ||
    pool.numUsed() + pool.numPendingAcquires() + pool.numPendingCreates() === 0;
  const whenIdle = (done: () => void) => {
    const settle = (quiet: number) => {
      if (!poolIdle()) setTimeout(() => settle(0), 10);
      else if (quiet < 3) setTimeout(() => settle(quiet + 1), 10);
      else done();
    };
    if (inFlight === 0) settle(0);
    else idle.push(() => settle(0));
  };
  process.on('message', (m: any) => {
    const reply = (value?: unknown) =>
      process.send?.({ type: `${m.type}:done`, id: m.id, value });
    if (m?.type === 'drain') whenIdle(() => reply());
    if (m?.type === 'memory') {
      if (m.collect) (global as { gc?: () => void }).gc?.();
      const memory = process.memoryUsage();
      reply({
        rss: memory.rss,
        heapUsed: memory.heapUsed,
        cache: (engine.viewCache as { size?: ServerStats['cache'] }).size,
      });
    }
    if (m?.type === 'stats') {
      const memory = process.memoryUsage();
      const stats: ServerStats = {
        rss: memory.rss,
        heapUsed: memory.heapUsed,
        cache: (engine.viewCache as { size?: ServerStats['cache'] }).size ?? {
          entries: 0,
          bytes: 0,
        },
        routes,
      };
      if (m.reset) routes = {};
      reply(stats);
    }
  });
  // let requests still in flight finish before the pool goes away
  process.on('disconnect', () => {
    server.close();
    server.closeIdleConnections();
    whenIdle(() => knex.destroy().finally(() => process.exit(0)));
    setTimeout(() => process.exit(0), 30_000).unref();
  });
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
