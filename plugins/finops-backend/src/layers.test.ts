import { promises as fs } from 'fs';
import path from 'path';

/**
 * The plugin's layers, bottom first: a file may import only its own layer
 * and the layers before it. A file belongs to the longest layer that is a
 * prefix of its path (without its extension, as imports name it), and a
 * test to the layer of what it tests. The plugin's own files (`plugin.ts`,
 * `index.ts`) and the tests of the whole plugin sit on top;
 * `__testUtils__` folders hold helpers any test may use.
 *
 * `service/` holds two layers in its own files: `engine.ts` and the
 * services that wrap the engine with the caller's access (`ask.ts`,
 * `anomalies.ts`, `recommendations.ts`) sit below the routes that use
 * them, and `router.ts`, which mounts the routes, sits above.
 */
const LAYERS = [
  'service/cache',
  'service/http',
  'service',
  'service/routes',
  'service/router',
  'jobs',
  'actions',
  'schema',
];

/** The layer of a path relative to `src`, or undefined for the top. */
function layerOf(relative: string): string | undefined {
  const parts = relative.replace(/(\.test)?\.tsx?$/, '').split(path.sep);
  for (let n = parts.length; n > 0; n--) {
    const prefix = parts.slice(0, n).join('/');
    if (LAYERS.includes(prefix)) return prefix;
  }
  return undefined;
}

const isTestUtil = (relative: string) =>
  relative.split(path.sep).includes('__testUtils__');

async function sourceFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await sourceFiles(full)));
    else if (/\.tsx?$/.test(entry.name)) out.push(full);
  }
  return out;
}

async function folders(dir: string, root = dir): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
    if (!entry.isDirectory() || entry.name === '__testUtils__') continue;
    const full = path.join(dir, entry.name);
    out.push(path.relative(root, full), ...(await folders(full, root)));
  }
  return out;
}

const IMPORT = /(?:from|import|require\()\s*'(\.[^']*)'/g;

describe('the backend plugin reads one way', () => {
  it('has no file that imports a layer above its own', async () => {
    const root = __dirname;
    const violations: string[] = [];
    const files = await sourceFiles(root);
    for (const file of files) {
      const relative = path.relative(root, file);
      const layer = layerOf(relative);
      if (layer === undefined || isTestUtil(relative)) continue;
      const rank = LAYERS.indexOf(layer);
      const text = await fs.readFile(file, 'utf8');
      for (const match of text.matchAll(IMPORT)) {
        const target = path.relative(
          root,
          path.resolve(path.dirname(file), match[1]),
        );
        if (target.startsWith('..')) {
          violations.push(`${relative} leaves the package`);
          continue;
        }
        if (isTestUtil(target)) continue;
        const targetLayer = layerOf(target);
        const targetRank =
          targetLayer === undefined
            ? LAYERS.length
            : LAYERS.indexOf(targetLayer);
        if (targetRank > rank)
          violations.push(
            `${relative} (${layer}) imports ${target} (${
              targetLayer ?? 'the plugin'
            })`,
          );
      }
    }
    expect(files.length).toBeGreaterThan(30);
    expect(violations).toEqual([]);
  });

  it('places every folder in a layer', async () => {
    const unplaced = (await folders(__dirname)).filter(
      folder => !LAYERS.includes(folder.split(path.sep).join('/')),
    );
    expect(unplaced).toEqual([]);
  });
});
