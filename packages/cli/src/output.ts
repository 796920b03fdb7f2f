import type { IngestionSummary } from '@costwise/plugin-finops-common';

/** Writes one line to stderr (human output never mixes with `--json` on stdout). */
export function info(message: string) {
  process.stderr.write(`${message}\n`);
}

/**
 * Ends a command on input it cannot use: the message on stderr (and, with
 * `--json`, as `{"error"}` on stdout, so a script still reads one object),
 * exit code 2.
 */
export function fail(message: string, json?: boolean): never {
  if (json) process.stdout.write(`${JSON.stringify({ error: message })}\n`);
  info(`costwise: ${message}`);
  process.exit(2);
}

/** A progress indicator on stderr, redrawn in place on a terminal. */
export function progressPrinter(enabled: boolean) {
  const tty = process.stderr.isTTY;
  const started = Date.now();
  return {
    update(rows: number, file?: string) {
      if (!enabled) return;
      const seconds = (Date.now() - started) / 1000;
      const rate = seconds > 0 ? Math.round(rows / seconds) : 0;
      const text = `… ${rows.toLocaleString(
        'en-US',
      )} rows (${rate.toLocaleString('en-US')}/s)${file ? ` ${file}` : ''}`;
      if (tty) process.stderr.write(`\r${text}\u001b[K`);
      else process.stderr.write(`${text}\n`);
    },
    done() {
      if (enabled && tty) process.stderr.write('\r\u001b[K');
    },
  };
}

/** The human summary of a validation or ingestion. */
export function printSummary(summary: IngestionSummary, verb: string) {
  info(
    `${verb} ${summary.rows.toLocaleString(
      'en-US',
    )} rows: ${summary.accepted.toLocaleString(
      'en-US',
    )} accepted, ${summary.rejected.toLocaleString('en-US')} rejected`,
  );
  if (summary.billingPeriods.length)
    info(`Billing periods: ${summary.billingPeriods.join(', ')}`);
  const providers = Object.entries(summary.providers);
  if (providers.length)
    info(`Providers: ${providers.map(([p, n]) => `${p} (${n})`).join(', ')}`);
  for (const [currency, totals] of Object.entries(summary.totals)) {
    info(
      `Totals ${currency}: BilledCost ${totals.BilledCost}, EffectiveCost ${totals.EffectiveCost}, ListCost ${totals.ListCost}, ContractedCost ${totals.ContractedCost}`,
    );
  }
  const shown = summary.rejections.slice(0, 20);
  for (const r of shown) info(`  rejected ${r.file}:${r.line}: ${r.reason}`);
  if (summary.rejected > shown.length)
    info(`  … and ${summary.rejected - shown.length} more rejected rows`);
}
