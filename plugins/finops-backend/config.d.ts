export interface Config {
  /** Costwise FinOps settings. */
  finops?: {
    /**
     * Cost measure used by default for attribution and views.
     * @visibility frontend
     */
    measure?: 'EffectiveCost' | 'BilledCost' | 'ListCost' | 'ContractedCost';
    /**
     * Currency shown when an entity's cost has several; ISO 4217 code.
     * @visibility frontend
     */
    currency?: string;
    /**
     * Generate and ingest the deterministic demo dataset at start-up.
     * @visibility frontend
     */
    demo?: boolean;
    /** The demo catalog's cost mapping the demo data is generated for (relative to the backend's working directory). */
    demoMapping?: string;
    /** Where the generated demo files are written (default: the system temporary folder). */
    demoDirectory?: string;
    /** Cost sources ingested on their schedule and once at start-up. */
    sources?: Array<{
      /** Unique id of the source; stored with every fact. */
      id: string;
      /** `focus`, `aws-cur`, `azure-export`, `oci`, or a type a module adds. */
      type: string;
      /** A path or glob of files (relative paths are relative to the backend's working directory). */
      location: string;
      /** How often to ingest: a cron expression or a duration such as `{ hours: 6 }`. Default every 6 hours. */
      schedule?: string | { [unit: string]: number };
      /** Currency to assume when the export has none. */
      currency?: string;
    }>;
    /** How cost files are read. */
    ingestion?: {
      /**
       * Threads reading one large plain CSV file at once, the backend's own
       * included: the file is read in parts and the parts merged exactly.
       * Default: the available cores, at most 4. 1 reads on one thread.
       */
      threads?: number;
      /**
       * Files of a source modified in the last this many seconds are left
       * for the next run: an export still being written would otherwise be
       * read half. Default 60; 0 reads every file.
       */
      settleSeconds?: number;
      /** Read files and folders of a source that are symbolic links. Default false. */
      followSymlinks?: boolean;
      /**
       * The share by which one ingestion may shrink a billing period's total
       * that a source already stored (a half-written export would otherwise
       * replace a whole month). Default 0.5; 1 allows anything.
       */
      maxShrink?: number;
      /** The longest CSV record, in bytes (an unmatched quote would otherwise make the rest of a file one field). Default 1 MiB. */
      maxRecordBytes?: number;
      /** The longest CSV field, in bytes. Default 256 KiB. */
      maxFieldBytes?: number;
      /** The most distinct fact groups one ingestion may hold (a tag unique to each row makes a group per row). Default 2,000,000. */
      maxFactGroups?: number;
    };
    /** Who administers Costwise besides users with the `finops.admin` permission. */
    admin?: {
      /**
       * Service subjects (as Backstage authenticates them, e.g.
       * `plugin:scaffolder` or `external:ci-metrics`) allowed to send metrics,
       * run attribution and manage overrides. Other service callers get 403.
       */
      services?: string[];
    };
    /** The entity views. */
    views?: {
      /** Bytes of answers kept per data version (least recently used go first); 0 turns the cache off. Default 16 MiB. */
      cacheBytes?: number;
      /** The longest daily view, in days (ranges are first clamped to the days with data). Default 1098 (three years). */
      maxDays?: number;
      /** The longest monthly view, in months. Default 120. */
      maxMonths?: number;
      /** Series a breakdown keeps; the smallest others are summed into one `(other)` series. Default 20. */
      maxSeries?: number;
    };
    /** Peer benchmarks. */
    benchmarks?: {
      /** Split type cohorts by `spec.lifecycle` too (production services apart from experimental ones). Default false. */
      byLifecycle?: boolean;
      /** A team's peers: `all` teams (default) or the `siblings` of the same parent group. */
      teams?: 'all' | 'siblings';
      /** The most members a cohort is compared with; a larger one is compared on its first members by name, and the response says so. Default 500. */
      maxCohort?: number;
    };
    /** Business metrics (the denominators of unit cost). */
    /** Cost recommendations: the providers' files, and how their lifecycle is tracked. */
    recommendations?: {
      /** Recommendation files read on their schedule and once at start-up; recommendations a file no longer has expire. */
      sources?: Array<{
        /** Unique id (not shared with a cost source). */
        id: string;
        /** A path or glob of files. */
        location: string;
        /** `aws-cost-optimization-hub`, `aws-compute-optimizer`, `azure-advisor`, `gcp-recommender` or `focus-recommendations`; detected when absent. */
        format?: string;
        /** A cron expression or a duration such as `{ hours: 6 }`. Default every 6 hours. */
        schedule?: string | { [unit: string]: number };
      }>;
      /** A dismissed recommendation reopens when its estimate grows by more than this factor. Default 1.5. */
      reopenFactor?: number;
      /** Days of cost compared before and after a recommendation was implemented. Default 14. */
      verifyDays?: number;
      /** The share of the estimate a realized saving must reach to be Verified. Default 0.5. */
      verifiedShare?: number;
      /** New recommendations saving at least this much a month are notified to their owners. Default 100. */
      notifyAbove?: number;
      /**
       * The built-in detectors over the cost facts: `enabled` (a list of
       * ids), and per detector its thresholds (`idle.days`,
       * `idle.minDailyCost`, `unusedCommitment.days`,
       * `previousGeneration.successors`, `llm.models`, ...; see the README).
       */
      detectors?: { [key: string]: unknown };
    };
    metrics?: {
      deployments?: {
        /** Where daily `deployments` counts come from: `api` (the metrics API and CSV imports, default) or the id of a metric provider module. Points from elsewhere are rejected with a reason. */
        source?: string;
      };
      /** How often metric provider modules run: a cron expression or a duration. Default every 24 hours. */
      schedule?: string | { [unit: string]: number };
      /** Days before today each provider run fetches again (values are upserted, so overlap is harmless). Default 3. */
      lookbackDays?: number;
    };
    /** Ask Costwise: questions in plain language answered from the attributed cost. */
    ask?: {
      /** IANA time zone that "today" is read in when no day with data is known. Default UTC. */
      timeZone?: string;
      /**
       * An optional language model that turns a question into the engine's
       * query and may phrase the answer; every number in its text must be
       * one the engine returned, else the engine's own sentence is used.
       * Without it, questions are answered by the engine alone.
       */
      llm?: {
        /** `openai` (any OpenAI-compatible chat-completions endpoint) or `anthropic` (the messages API). */
        provider: 'openai' | 'anthropic';
        /** Base URL: for openai the part before `/chat/completions` (default https://api.openai.com/v1), for anthropic the part before `/v1/messages` (default https://api.anthropic.com). */
        baseUrl?: string;
        /** The model name, e.g. `gpt-4o-mini` or `claude-3-5-haiku-20241022`. */
        model: string;
        /**
         * The API key.
         * @visibility secret
         */
        apiKey: string;
        /** How long one call may take before the engine answers alone (milliseconds, default 20000). */
        timeoutMs?: number;
      };
    };
    /** AI spend views. */
    ai?: {
      /**
       * The LLM price table the model what-if prices an entity's tokens with
       * and the llm-premium-model detector compares models by: list prices
       * per million tokens. Configured models replace the built-in entry of
       * the same id and are added to the others (OpenAI's and Anthropic's
       * standard-tier prices, each dated), unless `replaceDefaults: true`.
       */
      prices?: {
        /** The day the configured prices were read (`YYYY-MM-DD`): every model's unless it has its own. */
        asOf?: string;
        /** The currency of the prices. Default USD; another needs `replaceDefaults: true`. */
        currency?: string;
        /** Use only the configured models. Default false. */
        replaceDefaults?: boolean;
        models?: Array<{
          /** The model id, e.g. `gpt-4o` (dated snapshots such as `gpt-4o-2024-08-06` match it). */
          model: string;
          /** The provider, e.g. `OpenAI`. */
          provider?: string;
          /** `chat` (default) or `embedding`: traffic is priced on models of its own kind. */
          kind?: 'chat' | 'embedding';
          /** Price per million uncached input tokens. */
          input: number | string;
          /** Price per million input tokens read from a prompt cache (default: the input price). */
          cachedInput?: number | string;
          /** Price per million input tokens written to a prompt cache (default: the input price). */
          cacheWrite?: number | string;
          /** Price per million output tokens (required for chat models). */
          output?: number | string;
          /** The day this model's prices were read (`YYYY-MM-DD`). */
          asOf?: string;
          /** Where they were read. */
          source?: string;
          /** A regular expression the usage's model ids must match, instead of the model id. */
          match?: string;
        }>;
      };
    };
    /**
     * Cost anomaly detection, after each attribution run: a day is
     * anomalous when it rises above the median of the same weekday of the
     * last `baselineDays` by at least `threshold` robust standard
     * deviations AND `minImpact` AND `minRelative` of that median, and costs
     * at least `minDailySpend`.
     */
    anomalies?: {
      /** Whether detection runs (default true). */
      enabled?: boolean;
      /** Days of history the expected cost is the median of: whole weeks from 14 to 91 (default 28). */
      baselineDays?: number;
      /** Days of data before a day can be judged (default 14). */
      minHistoryDays?: number;
      /** Days up to the last day with data that each detection judges again (default 30). */
      lookbackDays?: number;
      /** Robust standard deviations a day must rise by (default 4). */
      threshold?: number;
      /** The least rise of a day, in the currency (default 50). */
      minImpact?: number;
      /** The least rise of a day as a share of its expected cost (default 0.2). */
      minRelative?: number;
      /** A day costing less than this is never anomalous (default 10). */
      minDailySpend?: number;
      /** Each "not an anomaly" on a series multiplies its threshold by this (default 1.5). */
      feedbackFactor?: number;
      /** Whether the owners of new anomalies are notified (default true). */
      notify?: boolean;
    };
    /**
     * Budgets' alerts: after each attribution run, the owning group of a
     * budget hears once per period of each spend threshold reached and
     * of the forecast reaching `forecastThreshold` of the budget (where
     * a budget also turns "at risk"), through Backstage notifications.
     */
    budgets?: {
      /** Shares of the budget spent that alert, e.g. `[0.5, 0.8, 1]` (default `[0.8, 1]`: 80% and 100%). */
      alertThresholds?: number[];
      /** The share of the budget the forecast at the period's end must reach to alert and be "at risk" (default 1). */
      forecastThreshold?: number;
      /** Whether the owners are notified (default true). */
      notify?: boolean;
    };
    /**
     * The FinOps KPIs: targets (over the defaults; admins' changes through
     * the API take precedence) and the FinOps function's own cost. Shares
     * are written from 0 to 1 (0.95 is 95%); an unknown KPI id or a share
     * outside 0 to 1 stops the backend at start, naming the key.
     */
    governance?: {
      /** The organization's target per KPI; null: no target. */
      targets?: {
        /** Share of the cost attributed by any rule (default 0.95). */
        'attribution-coverage'?: number | null;
        /** Share of the cost attributed by explicit rules (default 0.9). */
        'explicit-coverage'?: number | null;
        /** Share of the recommendations implemented (default 0.5). */
        'recommendations-actioned'?: number | null;
        /** Median days from a recommendation to its implementation (default 30). */
        'time-to-action'?: number | null;
        /** Change of the unit cost over 3 months, e.g. -0.05 (default 0). */
        'unit-cost-trend'?: number | null;
        /** The FinOps function's cost per 1,000,000 of cloud spend (default 20000). */
        'finops-overhead'?: number | null;
        /** Share of the eligible on-demand-equivalent cost commitments cover (default 0.7). */
        'commitment-coverage'?: number | null;
        /** Share of the commitments' cost used (default 0.95). */
        'commitment-utilization'?: number | null;
        /** Share of budgets on track (default 0.9). */
        'budget-adherence'?: number | null;
        /** Median days from an anomaly to its first response (default 2). */
        'anomaly-response'?: number | null;
      };
      /** A team's target for a KPI, over the organization's. */
      teamTargets?: Array<{
        /** The team's group ref, e.g. `group:default/platform-team`. */
        team: string;
        /** A KPI id, as in `targets`. */
        kpi:
          | 'attribution-coverage'
          | 'explicit-coverage'
          | 'recommendations-actioned'
          | 'time-to-action'
          | 'unit-cost-trend'
          | 'finops-overhead'
          | 'commitment-coverage'
          | 'commitment-utilization'
          | 'budget-adherence'
          | 'anomaly-response';
        /** The target; null: no target for the team. */
        target?: number | null;
      }>;
      /**
       * The FinOps function's own monthly cost, for the overhead KPI: each
       * entry is in force from its month until the next one.
       */
      overhead?: Array<{
        /** The first month, `YYYY-MM`. */
        from: string;
        /** The monthly cost; or `people` plus `tooling`. */
        monthly?: number | string;
        /** The monthly cost of the people of the FinOps function. */
        people?: number | string;
        /** The monthly cost of its tooling. */
        tooling?: number | string;
      }>;
    };
    /** Attribution settings. */
    attribution?: {
      /** Equivalent tag keys, e.g. `env: environment`. */
      tagKeyAliases?: { [alias: string]: string };
      /**
       * Who owns cloud accounts and subscriptions. A claim on cost in such an
       * account by an entity that the group (or a group below it) does not
       * own is held as contested until an admin confirms it
       * (`POST /api/finops/claims/confirm`) or rejects it.
       */
      accountOwners?: Array<{
        /** Billing account, sub-account, subscription or project id. */
        account: string;
        /** The owning group, e.g. `group:default/platform-team`. */
        owner: string;
      }>;
      inference?: {
        /** Tag keys whose values are compared with entity names. */
        tagKeys?: string[];
        /** Below this confidence a match is a suggestion, not an attribution (default 0.85). */
        minConfidence?: number;
      };
    };
  };
}
