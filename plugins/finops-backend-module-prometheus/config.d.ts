export interface Config {
  finops?: {
    /**
     * The Prometheus metric provider. Without this block the module does
     * nothing.
     */
    prometheus?: {
      /**
       * Base URL of the Prometheus HTTP API, e.g. `http://prometheus:9090`.
       * Credentials in it (`https://user:password@host`) are sent but never
       * logged.
       * @visibility secret
       */
      baseUrl: string;
      /**
       * Extra request headers, e.g. `Authorization` for a hosted Prometheus.
       * Every value is a secret.
       * @deepVisibility secret
       */
      headers?: { [name: string]: string };
      /** Provider id: the values' source, and usable as `finops.metrics.deployments.source`. Default `prometheus`. */
      id?: string;
      /** Queries run at most this many at a time. Default 4. */
      concurrency?: number;
      /** One PromQL query per metric, run per entity and day. */
      metrics: Array<{
        /** The metric name the values are stored under, e.g. `requests`. */
        name: string;
        /**
         * An instant query evaluated at the end of each day (UTC), whose
         * result is that day's value: `{{name}}`, `{{namespace}}`, `{{kind}}`
         * and `{{ref}}` are replaced with the entity's, e.g.
         * `sum(increase(http_requests_total{service="{{name}}"}[1d]))`.
         */
        query: string;
        /** Which entities the query runs for. Default: every Component. */
        entities?: {
          /** Entity kinds, e.g. `[Component]`. */
          kinds?: string[];
          /** `spec.type` values, e.g. `[service, website]`. */
          types?: string[];
          /** Entity references, e.g. `[component:default/checkout]`. */
          refs?: string[];
        };
      }>;
    };
  };
}
