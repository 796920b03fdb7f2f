/**
 * A fake of the Anthropic Admin API cost and usage reports (and the
 * Usage and Cost Analytics API) on a local port, serving generated,
 * deterministic usage and cost: for tests, and for the demo backend, whose
 * Anthropic spend comes through the connector from it.
 *
 * @packageDocumentation
 */
export * from './fake';
