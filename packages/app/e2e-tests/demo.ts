import { APIRequestContext, expect, Page } from '@playwright/test';

/*
 * What the browser tests share about the running demo: where it is, how the
 * guest signs in, and exact decimal helpers to compare figures with the API.
 */

export const BACKEND = 'http://localhost:7007';
/** Relative to the repository root, where Playwright runs; screenshot() creates the folder. */
export const SCREENSHOTS = 'docs/screenshots';

/** A decimal string (or a plain number) as big-integer units and a scale. */
export function scaled(text: string): { units: bigint; scale: number } {
  const plain = /e/i.test(text) ? Number(text).toFixed(20) : text.trim();
  const negative = plain.startsWith('-');
  const [i, f = ''] = plain.replace(/^[-+]/, '').split('.');
  const units = BigInt(`${i || '0'}${f}`);
  return { units: negative ? -units : units, scale: f.length };
}

/** Big-integer units at a scale as the shortest decimal string. */
function format(units: bigint, scale: number): string {
  const negative = units < 0n;
  let digits = (negative ? -units : units).toString().padStart(scale + 1, '0');
  if (scale > 0) {
    digits = `${digits.slice(0, -scale)}.${digits.slice(-scale)}`.replace(
      /\.?0+$/,
      '',
    );
  }
  return `${negative && digits !== '0' ? '-' : ''}${digits}`;
}

/** Exact sum of decimal strings, through scaled big integers. */
export function sumDecimals(values: string[]): string {
  const parts = values.map(scaled);
  const scale = Math.max(0, ...parts.map(p => p.scale));
  let total = 0n;
  for (const p of parts) total += p.units * 10n ** BigInt(scale - p.scale);
  return format(total, scale);
}

/** The same decimal whatever its trailing zeros: `0.500000` is `0.5`. */
export function canonical(value: string): string {
  return sumDecimals([value]);
}

export async function guestToken(request: APIRequestContext): Promise<string> {
  const response = await request.get(`${BACKEND}/api/auth/guest/refresh`, {
    headers: { 'X-Requested-With': 'XMLHttpRequest' },
  });
  expect(response.ok()).toBeTruthy();
  return (await response.json()).backstageIdentity.token;
}

/** A Costwise API answer that must be 200. */
export async function api(
  request: APIRequestContext,
  token: string,
  url: string,
) {
  const response = await request.get(`${BACKEND}/api/finops${url}`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  expect(response.status(), url).toBe(200);
  return response.json();
}

export async function signIn(page: Page) {
  await page.goto('/');
  const enter = page.getByRole('button', { name: 'Enter' });
  await expect(enter).toBeVisible();
  await enter.click();
  await expect(
    page.getByRole('heading', { name: 'Acme Retail Catalog' }),
  ).toBeVisible();
}
