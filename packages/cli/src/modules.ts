import path from 'path';
import {
  createSpecializedBackend,
  BackendStartupError,
} from '@backstage/backend-app-api';
import {
  BackendFeature,
  coreServices,
  createBackendPlugin,
  createServiceFactory,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { lifecycleServiceFactory } from '@backstage/backend-defaults/lifecycle';
import { rootLifecycleServiceFactory } from '@backstage/backend-defaults/rootLifecycle';
import type { Config } from '@backstage/config';
import type { JsonObject } from '@backstage/types';
import {
  AttributionSignal,
  attributionSignalsExtensionPoint,
  costSourcesExtensionPoint,
  CostSourceType,
  MetricProvider,
  metricProvidersExtensionPoint,
} from '@costwise/plugin-finops-node';

/**
 * What the finops backend modules a command loaded added through the
 * extension points of `@costwise/plugin-finops-node`.
 */
export interface LoadedModules {
  signals: AttributionSignal[];
  sourceTypes: CostSourceType[];
  metricProviders: MetricProvider[];
  /** Stops the modules' services. */
  stop(): Promise<void>;
}

/** A module that could not be loaded or started, with the reason. */
export class ModuleLoadError extends Error {
  name = 'ModuleLoadError';
}

/** A logger on standard error: standard output is kept for `--json`. */
function stderrLogger(fields: JsonObject = {}): LoggerService {
  const write = (level: string) => (message: string, meta?: unknown) => {
    const extra =
      meta && typeof meta === 'object' && !(meta instanceof Error)
        ? ` ${JSON.stringify({ ...fields, ...meta })}`
        : '';
    const error = meta instanceof Error ? `: ${meta.message}` : '';
    process.stderr.write(`[${level}] ${message}${error}${extra}\n`);
  };
  return {
    error: write('error'),
    warn: write('warn'),
    info: write('info'),
    debug: () => {},
    child: more => stderrLogger({ ...fields, ...more }),
  };
}

function requireModule(spec: string): BackendFeature {
  let loaded: unknown;
  try {
    const resolved = require.resolve(spec, {
      paths: [process.cwd(), path.resolve(process.cwd(), 'node_modules')],
    });
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    loaded = require(resolved);
  } catch (error) {
    throw new ModuleLoadError(
      `cannot load module '${spec}': ${
        (error as Error).message.split('\n')[0]
      }`,
    );
  }
  const feature = (loaded as { default?: unknown })?.default ?? loaded;
  if (
    !feature ||
    (feature as { $$type?: string }).$$type !== '@backstage/BackendFeature'
  )
    throw new ModuleLoadError(
      `module '${spec}' does not export a backend module as its default export`,
    );
  return feature as BackendFeature;
}

/**
 * Starts the given finops backend modules (packages whose default export is
 * a backend module of the `finops` plugin) in a backend of their own that
 * has only the services a module of a cost-reading tool needs: the config
 * of `--config`, a logger on standard error and lifecycles. What they add
 * through the extension points is collected, so the CLI runs the same
 * signals and readers the backend does.
 */
export async function loadFinopsModules(
  specs: string[],
  config: Config,
): Promise<LoadedModules> {
  const loaded: Omit<LoadedModules, 'stop'> = {
    signals: [],
    sourceTypes: [],
    metricProviders: [],
  };
  if (specs.length === 0) return { ...loaded, stop: async () => {} };
  const features = specs.map(requireModule);
  const collector = createBackendPlugin({
    pluginId: 'finops',
    register(env) {
      env.registerExtensionPoint(attributionSignalsExtensionPoint, {
        addSignal: (...added) => loaded.signals.push(...added),
      });
      env.registerExtensionPoint(costSourcesExtensionPoint, {
        addSourceType: (...added) => loaded.sourceTypes.push(...added),
      });
      env.registerExtensionPoint(metricProvidersExtensionPoint, {
        addMetricProvider: (...added) => loaded.metricProviders.push(...added),
      });
      env.registerInit({ deps: {}, async init() {} });
    },
  });
  const root = stderrLogger();
  const backend = createSpecializedBackend({
    defaultServiceFactories: [
      createServiceFactory({
        service: coreServices.rootConfig,
        deps: {},
        factory: () => config,
      }),
      createServiceFactory({
        service: coreServices.rootLogger,
        deps: {},
        factory: () => root,
      }),
      createServiceFactory({
        service: coreServices.logger,
        deps: { metadata: coreServices.pluginMetadata },
        factory: ({ metadata }) => root.child({ plugin: metadata.getId() }),
      }),
      rootLifecycleServiceFactory,
      lifecycleServiceFactory,
    ],
  });
  backend.add(collector);
  for (const feature of features) backend.add(feature);
  try {
    await backend.start();
  } catch (error) {
    const failures =
      error instanceof BackendStartupError
        ? error.result.plugins
            .flatMap(p => p.modules)
            .filter(m => m.failure)
            .map(m => `${m.moduleId}: ${m.failure!.error.message}`)
        : [];
    throw new ModuleLoadError(
      `the modules could not be started${
        failures.length ? ` (${failures.join('; ')})` : ''
      }: ${(error as Error).message.split('\n')[0]}`,
    );
  }
  return { ...loaded, stop: () => backend.stop() };
}
