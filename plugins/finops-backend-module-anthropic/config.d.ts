export interface Config {
  finops?: {
    /**
     * The Anthropic cost source: `finops.sources` entries of
     * `type: anthropic` pull the organization's Admin API cost and usage
     * reports with this admin key. Without this block the module adds
     * nothing.
     */
    anthropic?: {
      /**
       * An Admin API key of the organization (`sk-ant-admin…`, created in
       * the Claude Console under Settings → Admin keys).
       * @visibility secret
       */
      adminKey: string;
      /**
       * The API's base URL. Default `https://api.anthropic.com`. A source
       * whose `location` is an http(s) URL uses that URL instead.
       */
      baseUrl?: string;
      /** The organization id, stored as BillingAccountId. Default `anthropic`. */
      organizationId?: string;
      /** The organization's name, stored as BillingAccountName. */
      organizationName?: string;
      /**
       * Days before today pulled again on every run, for costs and usage
       * that arrive late. A pull covers whole months from the month of
       * today minus these days, so raise it once to backfill history.
       * Default 3.
       */
      lookbackDays?: number;
      /**
       * Pull the Usage and Cost Analytics API (beta,
       * `/v1/organizations/analytics/{usage,cost}`: cost per API key and
       * model, list amounts) instead of the cost and usage reports.
       * Default false.
       */
      analytics?: boolean;
      /** The `anthropic-version` header. Default `2023-06-01`. */
      anthropicVersion?: string;
      /**
       * List prices (USD per 1M tokens) added to the built-in table, used to
       * split a workspace's cost across API keys and models and to estimate
       * ListCost. An entry for a model and day replaces the built-in one.
       */
      prices?: Array<{
        /** The model id, which also prices its dated snapshots. */
        model: string;
        /** The first day (`YYYY-MM-DD`) the prices apply. */
        from: string;
        input: string;
        cachedInput?: string;
        /** 5-minute cache writes. */
        cacheWrite?: string;
        /** 1-hour cache writes. */
        cacheWrite1h?: string;
        output?: string;
      }>;
      /** Retries on HTTP 429, 5xx and an unreachable API. */
      retry?: {
        /** Attempts in all, the first included. Default 5. */
        maxAttempts?: number;
        /** The first wait without Retry-After, doubled each retry. Default 1000. */
        initialDelayMs?: number;
        /** The longest wait, Retry-After included. Default 60000. */
        maxDelayMs?: number;
      };
      /** Gives up on one request after this many seconds. Default 60. */
      timeoutSeconds?: number;
    };
  };
}
