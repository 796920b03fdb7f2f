import { promises as fs } from 'fs';
import os from 'os';
import path from 'path';
import {
  CatalogFileError,
  parseCatalogYaml,
  readCatalogFiles,
} from './catalogFiles';

const TWO_ENTITIES = `# a comment before the first document
---
apiVersion: backstage.io/v1alpha1
kind: Location
metadata:
  name: everything
spec:
  targets: [./other.yaml]
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: a
spec:
  owner: team
---
---
apiVersion: backstage.io/v1alpha1
kind: System
metadata:
  name: s
`;

describe('catalog files', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'costwise-catalog-'));
    await fs.mkdir(path.join(dir, 'nested'));
    await fs.writeFile(path.join(dir, 'catalog-info.yaml'), TWO_ENTITIES);
    await fs.writeFile(
      path.join(dir, 'nested', 'more.yml'),
      'kind: Group\nmetadata:\n  name: team\n',
    );
    await fs.writeFile(path.join(dir, 'notes.md'), '# not a catalog file');
    await fs.writeFile(
      path.join(dir, 'app-config.yaml'),
      'app:\n  title: not an entity\n',
    );
  });
  afterAll(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('reads every document, skipping Locations and empty documents', () => {
    const entities = parseCatalogYaml(TWO_ENTITIES, 'catalog-info.yaml');
    expect(entities.map(e => `${e.kind}:${e.metadata.name}`)).toEqual([
      'Component:a',
      'System:s',
    ]);
  });

  it('reads files, directories (recursively, YAML only) and globs', async () => {
    const names = async (patterns: string[]) =>
      (await readCatalogFiles(patterns, dir)).map(e => e.metadata.name).sort();
    expect(await names([dir])).toEqual(['a', 's', 'team']);
    expect(await names(['catalog-info.yaml'])).toEqual(['a', 's']);
    expect(await names(['**/*.yml'])).toEqual(['team']);
  });

  it('skips YAML that is not entities in a directory, but not in a named file', async () => {
    expect(
      (await readCatalogFiles([dir])).map(e => e.metadata.name),
    ).not.toContain(undefined);
    await expect(readCatalogFiles(['app-config.yaml'], dir)).rejects.toThrow(
      /app-config\.yaml: document 1 is not an entity/,
    );
  });

  it('names the file and line of bad YAML', () => {
    expect(() =>
      parseCatalogYaml('kind: Component\nmetadata: [unclosed\n', 'bad.yaml'),
    ).toThrow(/^bad\.yaml: invalid YAML at line \d+/);
  });

  it('names the file and document of something that is not an entity', () => {
    expect(() =>
      parseCatalogYaml('---\nkind: Component\nmetadata: {}\n', 'x.yaml'),
    ).toThrow('x.yaml: document 1 (Component) has no metadata.name');
    expect(() => parseCatalogYaml('- a\n- b\n', 'list.yaml')).toThrow(
      CatalogFileError,
    );
  });

  it('rejects a missing path', async () => {
    await expect(readCatalogFiles(['missing.yaml'], dir)).rejects.toThrow(
      'missing.yaml: no such file or directory',
    );
  });
});
