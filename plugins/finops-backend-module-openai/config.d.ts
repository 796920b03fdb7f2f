export interface Config {
  finops?: {
    /**
     * The OpenAI cost source: `finops.sources` entries of `type: openai`
     * pull the organization's Costs and Usage APIs with this admin key.
     * Without this block the module adds nothing.
     */
    openai?: {
      /**
       * An admin key of the organization (`sk-admin-…`, created under
       * Settings → Admin keys), which may read usage and costs.
       * @visibility secret
       */
      adminKey: string;
      /**
       * The API's base URL. Default `https://api.openai.com/v1`. A source
       * whose `location` is an http(s) URL uses that URL instead.
       */
      baseUrl?: string;
      /** The organization id (`org-…`), stored as BillingAccountId. Default `openai`. */
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
       * The usage endpoints pulled besides the costs. Default all:
       * `completions`, `embeddings`, `moderations`, `images`,
       * `audio_speeches`, `audio_transcriptions`.
       */
      usageEndpoints?: Array<
        | 'completions'
        | 'embeddings'
        | 'moderations'
        | 'images'
        | 'audio_speeches'
        | 'audio_transcriptions'
      >;
      /**
       * List prices (USD per 1M tokens) added to the built-in table, used to
       * split a project's cost across API keys and models and to estimate
       * ListCost. An entry for a model and day replaces the built-in one.
       */
      prices?: Array<{
        /** The model id, which also prices its dated snapshots. */
        model: string;
        /** The first day (`YYYY-MM-DD`) the prices apply. */
        from: string;
        input: string;
        cachedInput?: string;
        cacheWrite?: string;
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
