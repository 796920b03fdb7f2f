/**
 * A fake of the OpenAI organization Costs and Usage APIs on a local port,
 * serving generated, deterministic usage and cost: for tests, and for the
 * demo backend, whose OpenAI spend comes through the connector from it.
 *
 * @packageDocumentation
 */
export * from './fake';
