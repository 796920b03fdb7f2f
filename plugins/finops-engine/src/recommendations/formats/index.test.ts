import { promises as fs } from 'fs';
import os from 'os';
import path from 'path';
import { gzipSync } from 'zlib';
import {
  RECOMMENDATION_FORMATS,
  RecommendationFileError,
  detectRecommendationFormat,
  readRecommendationFile,
  writeDemoRecommendationFiles,
} from './index';

const FIXTURES = path.join(__dirname, '__fixtures__');

const FIXTURE_FORMATS: Array<[string, string]> = [
  ['aws-coh-export.csv', 'aws-cost-optimization-hub'],
  ['aws-coh-list-recommendations.json', 'aws-cost-optimization-hub'],
  ['aws-compute-optimizer-ec2.csv', 'aws-compute-optimizer'],
  ['aws-compute-optimizer-idle.csv', 'aws-compute-optimizer'],
  ['azure-advisor.json', 'azure-advisor'],
  ['gcp-recommender.json', 'gcp-recommender'],
  ['focus-recommendations.csv', 'focus-recommendations'],
];

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'costwise-recommendations-'));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

/** The error a promise rejects with. */
async function failure(
  promise: Promise<unknown>,
): Promise<RecommendationFileError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(RecommendationFileError);
    return error as RecommendationFileError;
  }
  throw new Error('expected a RecommendationFileError');
}

describe('RECOMMENDATION_FORMATS', () => {
  it('lists each format once, FOCUS last', () => {
    expect(RECOMMENDATION_FORMATS.map(f => f.id)).toEqual([
      'aws-cost-optimization-hub',
      'aws-compute-optimizer',
      'azure-advisor',
      'gcp-recommender',
      'focus-recommendations',
    ]);
  });
});

describe('detectRecommendationFormat', () => {
  it.each(FIXTURE_FORMATS)(
    'detects %s as %s from its content, whatever its name',
    async (name, id) => {
      const head = (await fs.readFile(path.join(FIXTURES, name), 'utf8')).slice(
        0,
        64 * 1024,
      );
      expect(detectRecommendationFormat('upload.bin', head)?.id).toBe(id);
      // and from a truncated head
      expect(detectRecommendationFormat(name, head.slice(0, 1500))?.id).toBe(
        id,
      );
    },
  );

  it('detects an empty list response by the file name alone', () => {
    expect(
      detectRecommendationFormat(
        '/data/advisor-2025-03-10.json',
        '{"value": []}',
      )?.id,
    ).toBe('azure-advisor');
    expect(detectRecommendationFormat('gcp-recommender.json', '{}\n')?.id).toBe(
      'gcp-recommender',
    );
    expect(
      detectRecommendationFormat(
        'aws_coh_page1.json',
        '{"items": [], "nextToken": null}',
      )?.id,
    ).toBe('aws-cost-optimization-hub');
    expect(detectRecommendationFormat('page.json', '{}')).toBeUndefined();
  });

  it('detects nothing in a cost export or plain text', () => {
    expect(
      detectRecommendationFormat(
        'focus.csv',
        'BilledCost,BillingCurrency,ChargePeriodStart,ResourceId\n1,USD,2025-01-01,r\n',
      ),
    ).toBeUndefined();
    expect(detectRecommendationFormat('notes.txt', 'hello')).toBeUndefined();
    expect(
      detectRecommendationFormat('x.json', '{"value": []}'),
    ).toBeUndefined();
  });
});

describe('readRecommendationFile', () => {
  it.each(FIXTURE_FORMATS)('reads %s as %s', async (name, id) => {
    const result = await readRecommendationFile(path.join(FIXTURES, name));
    expect(result.format).toBe(id);
    expect(result.rows.length).toBeGreaterThan(0);
    expect(result.rejected.length).toBeGreaterThan(0);
  });

  it('reads a gzip file by its magic bytes, with the same rows and lines', async () => {
    const source = path.join(FIXTURES, 'aws-coh-export.csv');
    const file = path.join(dir, 'COST_OPTIMIZATION_RECOMMENDATIONS-00001.csv');
    await fs.writeFile(file, gzipSync(await fs.readFile(source)));
    const gzipped = await readRecommendationFile(file);
    const plain = await readRecommendationFile(source);
    expect(gzipped).toEqual(plain);

    const json = path.join(dir, 'advisor.json.gz');
    await fs.writeFile(
      json,
      gzipSync(await fs.readFile(path.join(FIXTURES, 'azure-advisor.json'))),
    );
    expect((await readRecommendationFile(json)).format).toBe('azure-advisor');
  });

  it('uses the format it is given instead of detecting one', async () => {
    const result = await readRecommendationFile(
      path.join(FIXTURES, 'aws-compute-optimizer-ec2.csv'),
      { format: 'focus-recommendations' },
    );
    expect(result.format).toBe('focus-recommendations');
    expect(result.rows).toEqual([]);
    expect(result.rejected[0]).toEqual({
      line: 2,
      reason: 'RecommendationId is empty',
    });
  });

  it('refuses an unknown format id, naming the known ones', async () => {
    const error = await failure(
      readRecommendationFile(path.join(FIXTURES, 'azure-advisor.json'), {
        format: 'azure',
      }),
    );
    expect(error.kind).toBe('unknown-format-id');
    expect(error.message).toBe(
      `Unknown recommendation format 'azure' for ${path.join(
        FIXTURES,
        'azure-advisor.json',
      )}: the known formats are aws-cost-optimization-hub, aws-compute-optimizer, azure-advisor, gcp-recommender, focus-recommendations`,
    );
  });

  it('reports a missing file and a directory as unreadable', async () => {
    const missing = path.join(dir, 'nope.json');
    const error = await failure(readRecommendationFile(missing));
    expect(error.kind).toBe('unreadable');
    expect(error.file).toBe(missing);
    expect(error.message).toMatch(
      new RegExp(`^Cannot read recommendation file ${missing}: ENOENT`),
    );
    expect((await failure(readRecommendationFile(dir))).kind).toBe(
      'unreadable',
    );
  });

  it('names a file of no known format, what it starts with and the known formats', async () => {
    const file = path.join(dir, 'costs.csv');
    await fs.writeFile(file, 'BilledCost,BillingCurrency\n1,USD\n');
    const error = await failure(readRecommendationFile(file));
    expect(error.kind).toBe('unknown-format');
    expect(error.message).toBe(
      `${file} is not a known recommendation format (it starts with 'BilledCost,BillingCurrency'); the known formats are aws-cost-optimization-hub, aws-compute-optimizer, azure-advisor, gcp-recommender, focus-recommendations`,
    );
    const binary = path.join(dir, 'image.png');
    await fs.writeFile(binary, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0]));
    expect((await failure(readRecommendationFile(binary))).message).toMatch(
      /\(it is binary and neither gzip nor Parquet\)/,
    );
    const empty = path.join(dir, 'empty.json');
    await fs.writeFile(empty, '');
    expect((await failure(readRecommendationFile(empty))).message).toMatch(
      /empty\.json is empty/,
    );
  });

  it('names the position of malformed JSON', async () => {
    const file = path.join(dir, 'broken.json');
    await fs.writeFile(
      file,
      '{\n  "recommendations": [\n    { "name": "projects/p/locations/l/recommenders/r/recommendations/1", }\n  ]\n}\n',
    );
    const error = await failure(readRecommendationFile(file));
    expect(error.kind).toBe('malformed');
    expect(error.message).toMatch(
      new RegExp(`^${file}: malformed JSON: .*position 98.*line 3 column 74`),
    );

    const truncated = path.join(dir, 'truncated.json');
    await fs.writeFile(truncated, '{"value": [{"id": "/subscriptions/');
    const cut = await failure(
      readRecommendationFile(truncated, { format: 'azure-advisor' }),
    );
    expect(cut.kind).toBe('malformed');
    expect(cut.message).toMatch(/malformed JSON: .*position 34/);
  });

  it('reports JSON of the wrong shape, and a broken gzip, as malformed', async () => {
    const file = path.join(dir, 'shape.json');
    await fs.writeFile(file, '{"recommendations": {"name": "x"}}');
    const error = await failure(
      readRecommendationFile(file, { format: 'gcp-recommender' }),
    );
    expect(error.kind).toBe('malformed');
    expect(error.message).toBe(
      `${file}: expected a JSON object with a "recommendations" array (or a bare array of recommendations)`,
    );

    const gz = path.join(dir, 'broken.csv.gz');
    await fs.writeFile(gz, Buffer.from([0x1f, 0x8b, 1, 2, 3, 4]));
    const bad = await failure(readRecommendationFile(gz));
    expect(bad.kind).toBe('malformed');
    expect(bad.message).toMatch(/cannot be decompressed/);
  });

  it('reports an unterminated CSV quote as malformed', async () => {
    const file = path.join(dir, 'quote.csv');
    await fs.writeFile(
      file,
      'RecommendationId,EstimatedMonthlyCostImpact,Currency,ResourceId\n"a,-1,USD,r\n',
    );
    const error = await failure(readRecommendationFile(file));
    expect(error.kind).toBe('malformed');
    expect(error.message).toMatch(
      /unterminated quoted field starting on line 2/,
    );
  });

  it('reads an empty page of a list as no rows', async () => {
    const file = path.join(dir, 'page.json');
    await fs.writeFile(file, '{}');
    const result = await readRecommendationFile(file, {
      format: 'gcp-recommender',
    });
    expect(result).toEqual({
      format: 'gcp-recommender',
      rows: [],
      rejected: [],
    });
  });
});

describe('writeDemoRecommendationFiles', () => {
  const resources = {
    aws: [
      'arn:aws:ec2:eu-west-1:123456789012:instance/i-0a3f5c9e1b7d24680',
      'arn:aws:rds:eu-west-1:123456789012:db:orders-prod-primary',
      'arn:aws:lambda:eu-west-1:123456789012:function:image-resizer-webp',
      'arn:aws:ec2:eu-west-1:123456789012:instance/i-0b8e2d4f6a1c35791',
      'arn:aws:sqs:eu-west-1:123456789012:order-events-dlq',
      'arn:aws:ec2:eu-west-1:123456789012:volume/vol-0f1e2d3c4b5a69788',
    ],
    azure: [
      '/subscriptions/7f1c2a4e-1b2c-4d5e-8f90-123456789abc/resourceGroups/rg-storefront/providers/Microsoft.Compute/virtualMachines/vm-storefront-01',
      '/subscriptions/7f1c2a4e-1b2c-4d5e-8f90-123456789abc/resourceGroups/rg-storefront/providers/Microsoft.Web/serverFarms/asp-cms-legacy',
      '/subscriptions/7f1c2a4e-1b2c-4d5e-8f90-123456789abc/resourceGroups/rg-storefront/providers/Microsoft.Sql/servers/acme-storefront-sql',
    ],
    gcp: [
      '//compute.googleapis.com/projects/acme-data-prod/zones/europe-west1-b/instances/etl-runner-1',
      '//bigquery.googleapis.com/projects/acme-data-prod/datasets/analytics',
      '//storage.googleapis.com/projects/_/buckets/acme-data-lake-raw',
    ],
    awsAccount: '123456789012',
    azureSubscription: '7f1c2a4e-1b2c-4d5e-8f90-123456789abc',
    gcpProject: 'acme-data-prod',
  };

  it('writes one file per format that reads back without rejections, on the given resources', async () => {
    const out = path.join(dir, 'demo');
    const files = await writeDemoRecommendationFiles(out, resources, {
      refreshedAt: '2025-03-10T06:00:00Z',
    });
    expect(files.map(f => path.basename(f))).toEqual([
      'aws-cost-optimization-hub-export.csv',
      'aws-cost-optimization-hub-recommendations.json',
      'aws-compute-optimizer-ec2-instances.csv',
      'azure-advisor-cost.json',
      'gcp-recommender-cost.json',
      'focus-recommendations.csv',
    ]);
    const all = [...resources.aws, ...resources.azure, ...resources.gcp];
    const formats: string[] = [];
    for (const file of files) {
      const result = await readRecommendationFile(file);
      formats.push(result.format);
      expect(result.rejected).toEqual([]);
      expect(result.rows.length).toBeGreaterThan(0);
      for (const row of result.rows) {
        expect(all).toContain(row.ResourceId);
        expect(row.EstimatedMonthlyCostImpact).toMatch(/^-\d+(\.\d+)?$/);
        expect(row.RecommendationLastUpdated).toBe('2025-03-10T06:00:00.000Z');
      }
    }
    expect(formats).toEqual([
      'aws-cost-optimization-hub',
      'aws-cost-optimization-hub',
      'aws-compute-optimizer',
      'azure-advisor',
      'gcp-recommender',
      'focus-recommendations',
    ]);

    const coh = await readRecommendationFile(files[0]);
    expect(
      coh.rows.map(r => [
        r.ResourceId,
        r.RecommendationSubcategory,
        r.EstimatedMonthlyCostImpact,
      ]),
    ).toEqual([
      [resources.aws[0], 'Rightsizing', '-140.16'],
      [resources.aws[1], 'Rightsizing', '-346.02'],
      [resources.aws[2], 'Rightsizing', '-29.45'],
    ]);
    const co = await readRecommendationFile(files[2]);
    expect(co.rows.map(r => r.ResourceId)).toEqual([
      resources.aws[0],
      resources.aws[3],
    ]);
    const gcp = await readRecommendationFile(files[4]);
    expect(gcp.rows.map(r => r.EstimatedMonthlyCostImpact)).toEqual([
      '-97.33',
      // -21.45 over a week
      '-91.928571',
    ]);
  });

  it('is deterministic and writes no file for a provider without resources', async () => {
    const a = await writeDemoRecommendationFiles(
      path.join(dir, 'a'),
      resources,
    );
    const b = await writeDemoRecommendationFiles(
      path.join(dir, 'b'),
      resources,
    );
    for (let i = 0; i < a.length; i++)
      expect(await fs.readFile(a[i], 'utf8')).toBe(
        await fs.readFile(b[i], 'utf8'),
      );
    const onlyGcp = await writeDemoRecommendationFiles(path.join(dir, 'g'), {
      ...resources,
      aws: [],
      azure: [],
    });
    expect(onlyGcp.map(f => path.basename(f))).toEqual([
      'gcp-recommender-cost.json',
      'focus-recommendations.csv',
    ]);
    for (const file of onlyGcp)
      expect((await readRecommendationFile(file)).rejected).toEqual([]);
  });
});
