import { promises as fs } from 'fs';
import path from 'path';

/**
 * The engine's folders, bottom first: each may import only the folders
 * before it (and itself). `__testUtils__` holds helpers any test may use.
 */
const LAYERS = [
  'model',
  'config',
  'stores',
  'ingestion',
  'attribution',
  'metrics',
  'queries',
  'recommendations',
  'budgets',
  'anomalies',
  'governance',
  'ask',
  'demo',
];

async function sourceFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await sourceFiles(full)));
    else if (/\.tsx?$/.test(entry.name)) out.push(full);
  }
  return out;
}

const IMPORT = /(?:from|import|require\()\s*'(\.[^']*)'/g;

describe('the engine reads one way', () => {
  it('has no folder that imports a folder above it', async () => {
    const root = __dirname;
    const violations: string[] = [];
    const files = await sourceFiles(root);
    for (const file of files) {
      const [folder] = path.relative(root, file).split(path.sep);
      const rank = LAYERS.indexOf(folder);
      if (rank < 0) continue; // index.ts, this test, __testUtils__
      const text = await fs.readFile(file, 'utf8');
      for (const match of text.matchAll(IMPORT)) {
        const target = path.relative(
          root,
          path.resolve(path.dirname(file), match[1]),
        );
        const [targetFolder] = target.split(path.sep);
        if (targetFolder === '__testUtils__' || targetFolder === '..') {
          if (targetFolder === '..')
            violations.push(`${path.relative(root, file)} leaves the package`);
          continue;
        }
        const targetRank = LAYERS.indexOf(targetFolder);
        if (targetRank > rank)
          violations.push(
            `${path.relative(
              root,
              file,
            )} (${folder}) imports ${target} (${targetFolder})`,
          );
      }
    }
    expect(files.length).toBeGreaterThan(100);
    expect(violations).toEqual([]);
  });

  it('names every top-level folder in its layers', async () => {
    const folders = (await fs.readdir(__dirname, { withFileTypes: true }))
      .filter(e => e.isDirectory() && e.name !== '__testUtils__')
      .map(e => e.name)
      .sort();
    expect(folders).toEqual([...LAYERS].sort());
  });
});
