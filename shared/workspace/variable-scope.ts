import { fillTemplate, type FilledTemplate } from './template.js';

/** The sources of the built-in dynamic variables, injected (shared/ has no clock or CSPRNG). */
export interface DynamicSource {
  /** A random RFC 4122 version 4 UUID. */
  uuid(): string;
  /** Wall-clock time, ms since the epoch. */
  nowMs(): number;
  /** A uniformly random whole number in [0, limit). */
  randomBelow(limit: number): number;
}

/** Where a variable's value comes from, highest priority first in a scope. */
export interface VariableLayer {
  /** For messages: `captured`, `--var`, `secrets`, `environment staging`. */
  readonly label: string;
  readonly values: ReadonlyMap<string, string>;
  /** Values of a secret layer are redacted from every capture and export they reach. */
  readonly isSecret: boolean;
}

/**
 * Variables as a send sees them: layers searched in order (captured values, command-line values,
 * secrets, the active environment, workspace-wide secrets), then the dynamic ones. `{{$uuid}}`,
 * `{{$timestamp}}` (Unix seconds) and `{{$randomInt}}` (0–1000) as in Postman, plus Postman's
 * `$guid`, `$randomUUID` and `$isoTimestamp`, so imported collections keep working.
 */
export class VariableScope {
  private readonly secretsUsed = new Set<string>();

  constructor(private readonly layers: readonly VariableLayer[], private readonly dynamic: DynamicSource) {}

  /** A scope with `layer` searched before this one's layers. */
  withLayer(layer: VariableLayer): VariableScope {
    return new VariableScope([layer, ...this.layers], this.dynamic);
  }

  /** The value of `name`, or undefined. Secret values handed out are remembered for redaction. */
  lookup(name: string): string | undefined {
    if (name.startsWith('$')) return this.dynamicValue(name);
    for (const layer of this.layers) {
      const value = layer.values.get(name);
      if (value === undefined) continue;
      if (layer.isSecret && value !== '') this.secretsUsed.add(value);
      return value;
    }
    return undefined;
  }

  /** Fills `text`; unresolved names are reported, nothing is guessed. */
  fill(text: string): FilledTemplate {
    return fillTemplate(text, (name) => this.lookup(name));
  }

  /** Every secret value this scope has handed out so far. */
  get usedSecretValues(): readonly string[] {
    return [...this.secretsUsed];
  }

  /** Every secret value the scope holds, used or not (to redact a whole run). */
  get allSecretValues(): readonly string[] {
    return this.layers.filter((layer) => layer.isSecret).flatMap((layer) => [...layer.values.values()].filter((value) => value !== ''));
  }

  private dynamicValue(name: string): string | undefined {
    switch (name) {
      case '$uuid':
      case '$guid':
      case '$randomUUID':
        return this.dynamic.uuid();
      case '$timestamp':
        return String(Math.floor(this.dynamic.nowMs() / 1000));
      case '$isoTimestamp':
        return new Date(this.dynamic.nowMs()).toISOString();
      case '$randomInt':
        return String(this.dynamic.randomBelow(1001));
      default:
        return undefined;
    }
  }
}

/** A layer from a plain record. */
export function layerOf(label: string, values: Readonly<Record<string, string>> | ReadonlyMap<string, string>, isSecret = false): VariableLayer {
  return { label, values: values instanceof Map ? values : new Map(Object.entries(values)), isSecret };
}
