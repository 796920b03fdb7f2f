import type { AiLineType, AiModelKind } from '@costwise/plugin-finops-common';

/** Token types as the views name them, in the order they are shown. */
export const LINE_LABELS: Record<AiLineType, string> = {
  input: 'Input',
  cachedInput: 'Cached input',
  cacheWrite: 'Cache write',
  output: 'Output',
  other: 'Other',
};

/** Kinds of model as the what-if names them. */
export const KIND_LABELS: Record<AiModelKind, string> = {
  chat: 'Chat and reasoning models',
  embedding: 'Embedding models',
};

/** A whole count of tokens or requests: "6.7M" (the exact count goes in a title). */
export function formatTokens(count: string): string {
  const value = Number(count);
  if (!Number.isFinite(value)) return count;
  return new Intl.NumberFormat(undefined, {
    notation: value >= 10_000 ? 'compact' : 'standard',
    maximumFractionDigits: 1,
  }).format(value);
}

/** The exact count, grouped: "6,700,000". */
export function formatExactCount(count: string): string {
  try {
    return new Intl.NumberFormat(undefined).format(BigInt(count));
  } catch {
    return count;
  }
}
