/**
 * Attribution signals added by modules, grouped by level once per run and
 * consulted next to the built-in rules of their level. A signal is code the
 * engine does not control: whatever it throws or returns malformed is
 * counted, reported once per signal as a warning, and ignored, so that one
 * faulty module never breaks attribution.
 */
import type { Entity } from '@backstage/catalog-model';
import type {
  AnnotationWarning,
  AttributionEvidence,
} from '@costwise/plugin-finops-common';
import type {
  AttributionSignal,
  AttributionSignalContext,
  AttributionSignalLevel,
} from '@costwise/plugin-finops-node';
import type { Candidate } from './candidates';
import { normalizeEntityRef } from './relations';
import type { AttributionGroup } from './types';

const LEVELS: ReadonlySet<string> = new Set<AttributionSignalLevel>([
  'resource-id',
  'tags',
  'kubernetes',
  'llm',
  'accounts',
  'inference',
]);

/** What went wrong with one signal during a run, summarized for its warning. */
interface Trouble {
  threw: number;
  firstError?: string;
  invalid: number;
  firstInvalid?: string;
}

const messageOf = (error: unknown) =>
  error instanceof Error ? error.message : String(error);

/** The signals of one attribution run. */
export class SignalSet {
  private readonly byLevel = new Map<
    AttributionSignalLevel,
    AttributionSignal[]
  >();
  private readonly context: AttributionSignalContext;
  private readonly setupWarnings: AnnotationWarning[] = [];
  private readonly troubles = new Map<string, Trouble>();
  /** Signals name the same few entities for millions of facts: parse each ref once. */
  private readonly refs = new Map<string, string | undefined>();

  constructor(signals: readonly AttributionSignal[], entities: Entity[]) {
    this.context = Object.freeze({ entities });
    const ids = new Set<string>();
    for (const signal of signals) {
      const id = String(signal?.id ?? '');
      const warn = (message: string) =>
        this.setupWarnings.push({
          entity: `signal:${id}`,
          annotation: 'addSignal()',
          message,
        });
      if (!id || typeof signal?.match !== 'function') {
        warn('needs an id and a match function; ignored');
      } else if (ids.has(id)) {
        warn('added more than once; the first one is used');
      } else if (!LEVELS.has(signal.level)) {
        warn(`'${signal.level}' is not a precedence level; ignored`);
      } else {
        ids.add(id);
        const list = this.byLevel.get(signal.level) ?? [];
        list.push(signal);
        this.byLevel.set(signal.level, list);
      }
    }
  }

  /** Whether any signal sits at the level: the matcher skips the call otherwise. */
  at(level: AttributionSignalLevel): boolean {
    return this.byLevel.has(level);
  }

  /** The built-in candidates of a level followed by its signals' candidates. */
  extend(
    level: AttributionSignalLevel,
    group: AttributionGroup,
    builtIn: Candidate[],
  ): Candidate[] {
    let out = builtIn;
    for (const signal of this.byLevel.get(level) ?? []) {
      let matches: unknown;
      try {
        matches = signal.match(group, this.context);
      } catch (error) {
        const trouble = this.trouble(signal.id);
        trouble.threw += 1;
        trouble.firstError ??= messageOf(error);
        continue;
      }
      if (!Array.isArray(matches)) {
        this.invalid(signal.id, 'returned something other than an array');
        continue;
      }
      for (const m of matches) {
        const c = this.candidate(signal, level, m);
        if (typeof c === 'string') this.invalid(signal.id, c);
        else {
          // built-in candidate lists may be cached by their index: never append to them
          if (out === builtIn) out = builtIn.slice();
          out.push(c);
        }
      }
    }
    return out;
  }

  /** One warning per signal that threw or returned invalid matches. */
  warnings(): AnnotationWarning[] {
    const out = [...this.setupWarnings];
    for (const [id, t] of this.troubles) {
      const entity = `signal:${id}`;
      if (t.threw > 0) {
        out.push({
          entity,
          annotation: 'match()',
          message: `threw for ${t.threw} fact group(s), whose matches by this signal were ignored; first error: ${t.firstError}`,
        });
      }
      if (t.invalid > 0) {
        out.push({
          entity,
          annotation: 'match()',
          message: `returned ${t.invalid} invalid match(es), ignored; first: ${t.firstInvalid}`,
        });
      }
    }
    return out;
  }

  private trouble(id: string): Trouble {
    let t = this.troubles.get(id);
    if (!t) this.troubles.set(id, (t = { threw: 0, invalid: 0 }));
    return t;
  }

  private invalid(id: string, message: string) {
    const trouble = this.trouble(id);
    trouble.invalid += 1;
    trouble.firstInvalid ??= message;
  }

  private entityRef(raw: string): string | undefined {
    if (this.refs.has(raw)) return this.refs.get(raw);
    const ref = normalizeEntityRef(raw, undefined);
    if (this.refs.size < 100_000) this.refs.set(raw, ref);
    return ref;
  }

  /** The candidate of one match, or why it is unusable. */
  private candidate(
    signal: AttributionSignal,
    level: AttributionSignalLevel,
    m: unknown,
  ): Candidate | string {
    if (!m || typeof m !== 'object') return 'a match that is not an object';
    const { entityRef, specificity, selector, matched, confidence } =
      m as Record<string, unknown>;
    const entity =
      typeof entityRef === 'string' ? this.entityRef(entityRef) : undefined;
    if (!entity) return `'${entityRef}' is not an entity ref with a kind`;
    if (typeof specificity !== 'number' || !Number.isFinite(specificity)) {
      return `the specificity of ${entity} is not a finite number`;
    }
    const score = confidence ?? 1;
    if (typeof score !== 'number' || !(score >= 0 && score <= 1)) {
      return `the confidence of ${entity} is not between 0 and 1`;
    }
    const values: Record<string, string> = {};
    if (matched && typeof matched === 'object') {
      for (const [k, v] of Object.entries(matched)) values[k] = String(v);
    }
    const evidence: AttributionEvidence = {
      method: level,
      entityRef: entity,
      annotation: `signal:${signal.id}`,
      selector:
        selector === undefined || selector === null ? '' : String(selector),
      matched: values,
      confidence: score,
    };
    return { entity, specificity: [specificity], evidence };
  }
}
