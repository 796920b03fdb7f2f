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
