import { createWriteStream } from 'fs';
import { once } from 'events';
import { mulberry32 } from '../src/model/prng';

/** The 45 columns of the benchmark file: FOCUS 1.2 columns plus two provider columns. */
export const BENCH_COLUMNS = [
  'AvailabilityZone',
  'BilledCost',
  'BillingAccountId',
  'BillingAccountName',
  'BillingCurrency',
  'BillingPeriodEnd',
  'BillingPeriodStart',
  'ChargeCategory',
  'ChargeClass',
  'ChargeDescription',
  'ChargeFrequency',
  'ChargePeriodEnd',
  'ChargePeriodStart',
  'CommitmentDiscountCategory',
  'CommitmentDiscountId',
  'CommitmentDiscountName',
  'CommitmentDiscountStatus',
  'CommitmentDiscountType',
  'ConsumedQuantity',
  'ConsumedUnit',
  'ContractedCost',
  'ContractedUnitPrice',
  'EffectiveCost',
  'InvoiceIssuerName',
  'ListCost',
  'ListUnitPrice',
  'PricingCategory',
  'PricingQuantity',
  'PricingUnit',
  'ProviderName',
  'PublisherName',
  'RegionId',
  'RegionName',
  'ResourceId',
  'ResourceName',
  'ResourceType',
  'ServiceCategory',
  'ServiceName',
  'SkuId',
  'SkuPriceId',
  'SubAccountId',
  'SubAccountName',
  'Tags',
  'x_Operation',
  'x_UsageType',
];

const SERVICES = [
  ['Amazon Elastic Compute Cloud', 'Compute', 'Instance'],
  ['Amazon Relational Database Service', 'Databases', 'DBInstance'],
  ['Amazon Simple Storage Service', 'Storage', 'Bucket'],
  ['AWS Lambda', 'Compute', 'Function'],
  ['Amazon CloudFront', 'Networking', 'Distribution'],
];
const REGIONS = ['us-east-1', 'eu-west-1', 'ap-southeast-2'];
const APPS = Array.from({ length: 400 }, (_, i) => `service-${i}`);

/** Formats integer micro-units as an exact decimal string with 10 fraction digits. */
function money(units: number): string {
  const negative = units < 0;
  const s = String(Math.abs(units)).padStart(11, '0');
  return `${negative ? '-' : ''}${s.slice(0, -10)}.${s.slice(-10)}`;
}

/**
 * Writes a wide FOCUS CSV of `rows` rows over 30 days of one month: about 6,000
 * resources with tags, so the daily facts are realistic in number.
 */
export async function writeSyntheticFocus(
  file: string,
  rows: number,
  seed = 7,
): Promise<void> {
  const random = mulberry32(seed);
  const out = createWriteStream(file, { highWaterMark: 1 << 20 });
  const header = BENCH_COLUMNS.join(',');
  out.write(`${header}\n`);
  const resources = 6000;
  let buffer = '';
  for (let i = 0; i < rows; i++) {
    const r = i % resources;
    const day = 1 + (Math.floor(i / resources) % 30);
    const hour = Math.floor(random() * 24);
    const [service, category, type] = SERVICES[r % SERVICES.length];
    const region = REGIONS[r % REGIONS.length];
    const app = APPS[r % APPS.length];
    const account = String(100000000000 + (r % 20));
    const units =
      Math.floor(random() * 5_000_000_000) - (i % 97 === 0 ? 6_000_000_000 : 0);
    const dd = String(day).padStart(2, '0');
    const hh = String(hour).padStart(2, '0');
    const start = `2025-06-${dd}T${hh}:00:00Z`;
    const end = `2025-06-${dd}T${hh}:59:59Z`;
    const cost = money(units);
    const list = money(Math.abs(units) + 1000);
    const tags = `"{""application"": ""${app}"", ""environment"": ""${
      r % 3 === 0 ? 'dev' : 'prod'
    }"", ""team"": ""team-${r % 25}""}"`;
    const resourceId = `arn:aws:ec2:${region}:${account}:${type.toLowerCase()}/r-${r}`;
    buffer +=
      `${region}a,${cost},999999999999,Acme,USD,2025-07-01T00:00:00Z,2025-06-01T00:00:00Z,${
        i % 97 === 0 ? 'Credit' : 'Usage'
      },,` +
      `"${service} usage in ${region}",Usage-Based,${end},${start},,,,,,${(
        random() * 10
      ).toFixed(6)},Hours,` +
      `${list},0.0123,${cost},AWS,${list},0.0125,Standard,1,Hours,AWS,AWS,${region},${region},${resourceId},` +
      `${app}-${r},${type},${category},${service},SKU${r % 50},P${
        r % 50
      },${account},acct-${r % 20},${tags},RunInstances,BoxUsage\n`;
    if (buffer.length > 1 << 20) {
      if (!out.write(buffer)) await once(out, 'drain');
      buffer = '';
    }
  }
  out.write(buffer);
  out.end();
  await once(out, 'finish');
}

// `node syntheticFocus.ts <file> <rows>`: the benchmark writes its file in a
// process of its own, so that its peak RSS is the ingestion's alone.
if (require.main === module) {
  writeSyntheticFocus(process.argv[2], Number(process.argv[3])).catch(error => {
    console.error(error);
    process.exit(1);
  });
}
