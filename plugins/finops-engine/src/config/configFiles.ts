import { promises as fs } from 'fs';
import path from 'path';
import { parse } from 'yaml';
import { Config, ConfigReader } from '@backstage/config';
import type { JsonObject } from '@backstage/types';
import { FinopsConfig, readFinopsConfig } from './config';

/**
 * Reads app-config files into one config, later files overriding earlier
 * ones as in the backend, for tools that run without a backend.
 *
 * @public
 */
export async function readConfigFiles(files: string[]): Promise<Config> {
  const configs = [];
  for (const file of files) {
    const absolute = path.resolve(file);
    let data: unknown;
    try {
      data = parse(await fs.readFile(absolute, 'utf8'));
    } catch (error) {
      throw new Error(
        `${absolute}: ${(error as Error).message.split('\n')[0]}`,
      );
    }
    if (data !== null && (typeof data !== 'object' || Array.isArray(data))) {
      throw new Error(
        `${absolute}: not an app-config file (expected a YAML mapping)`,
      );
    }
    configs.push({
      data: (data ?? {}) as JsonObject,
      context: path.basename(absolute),
    });
  }
  return ConfigReader.fromConfigs(configs);
}

/**
 * Reads the `finops:` settings of app-config files (see
 * {@link readConfigFiles}); the defaults when no file is given.
 *
 * @public
 */
export async function readFinopsConfigFiles(
  files: string[],
): Promise<FinopsConfig> {
  return readFinopsConfig(await readConfigFiles(files));
}
