import { DEFAULT_ALIAS, type ScenarioFile, type ScenarioStep } from './scenario-file.js';
import { describeExpectation } from './message-match.js';

/** One step as it will run: repeats unrolled, each with its place and a title. */
export interface PlannedStep {
  /** 1-based, dotted through repeats: `2.1`. */
  readonly path: string;
  /** The iteration of each enclosing repeat, outermost first. */
  readonly iterations: readonly number[];
  readonly step: Exclude<ScenarioStep, { step: 'repeat' }>;
  /** The step's name, or a description made from its fields (English, as reports are). */
  readonly title: string;
}

/** The most steps one run may unroll to; more is refused before anything runs. */
export const MAX_PLANNED_STEPS = 100_000;

/** The steps in the order they run, or why the scenario is too large. */
export function planScenario(scenario: Pick<ScenarioFile, 'steps'>): { readonly ok: true; readonly steps: readonly PlannedStep[] } | { readonly ok: false; readonly message: string } {
  const planned: PlannedStep[] = [];
  const visit = (steps: readonly ScenarioStep[], prefix: readonly number[], iterations: readonly number[]): boolean => {
    for (const [index, step] of steps.entries()) {
      const place = [...prefix, index + 1];
      if (step.step === 'repeat') {
        for (let iteration = 1; iteration <= step.times; iteration++) if (!visit(step.steps, place, [...iterations, iteration])) return false;
        continue;
      }
      if (planned.length >= MAX_PLANNED_STEPS) return false;
      planned.push({ path: place.join('.'), iterations, step, title: step.name ?? describeStep(step) });
    }
    return true;
  };
  return visit(scenario.steps, [], []) ? { ok: true, steps: planned } : { ok: false, message: `the scenario unrolls to more than ${MAX_PLANNED_STEPS} steps; lower a repeat's times` };
}

/** A step in words: `send login on alice`, `expect on main: $.type = "event"`. */
export function describeStep(step: Exclude<ScenarioStep, { step: 'repeat' }>): string {
  const on = 'on' in step && step.on !== DEFAULT_ALIAS ? ` on ${step.on}` : '';
  switch (step.step) {
    case 'connect':
      return `connect ${step.as === DEFAULT_ALIAS ? '' : `${step.as} `}to ${step.connection ?? step.url}`;
    case 'send':
      return `send ${step.message ?? (step.text !== undefined ? JSON.stringify(clip(step.text)) : step.json !== undefined ? clip(JSON.stringify(step.json)) : step.hex !== undefined ? `hex ${clip(step.hex)}` : `base64 ${clip(step.base64 ?? '')}`)}${on}`;
    case 'expect':
      return `expect ${describeExpectation(step)}${on}`;
    case 'expect-close':
      return `expect close${step.code !== undefined ? ` ${step.code}` : ''}${on}`;
    case 'wait':
      return `wait ${step.ms} ms`;
    case 'ping':
      return `ping, pong within ${step.withinMs} ms${on}`;
    case 'disconnect':
      return `disconnect ${step.code}${on}`;
  }
}

function clip(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}
