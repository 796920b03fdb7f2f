import { promises as fs } from 'fs';
import path from 'path';
import { parse } from 'yaml';
import { costwiseChecks, costwiseChecksConfig } from './checks';
import { costwiseFactSchema } from './facts';

/** `techInsights.factChecker.checks` of the first YAML document that has them. */
function checksIn(documents: string[]) {
  for (const text of documents) {
    const checks = parse(text)?.techInsights?.factChecker?.checks;
    if (checks) return checks;
  }
  throw new Error('no techInsights.factChecker.checks');
}

describe('the Costwise checks', () => {
  it('read facts the retriever has, with unique ids', () => {
    const ids = costwiseChecks.map(c => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const check of costwiseChecks)
      for (const condition of check.rule.conditions.all)
        expect(Object.keys(costwiseFactSchema)).toContain(condition.fact);
  });

  it('are the ones the README documents', async () => {
    const readme = await fs.readFile(
      path.resolve(__dirname, '../README.md'),
      'utf8',
    );
    const blocks = [...readme.matchAll(/```yaml\n([\s\S]*?)```/g)].map(
      m => m[1],
    );
    expect(checksIn(blocks)).toEqual(costwiseChecksConfig());
  });

  it("are the ones the demo backend's config installs", async () => {
    const appConfig = await fs.readFile(
      path.resolve(__dirname, '../../../app-config.yaml'),
      'utf8',
    );
    expect(checksIn([appConfig])).toEqual(costwiseChecksConfig());
  });
});
