import { englishText } from '../i18n/english-text.js';
import { message, verbatim, type Message } from '../i18n/message.js';
import { DEFAULT_ALIAS, type LeafStep, type ScenarioFile, type ScenarioStep } from './scenario-file.js';
import { expectationMessage } from './message-match.js';

/** The branch of a parallel step a planned step runs in. */
export interface PlannedBranch {
  /** The parallel step's place and the branch's number: `3.2`. */
  readonly path: string;
  /** The branch's name (its number when unnamed), nested branches joined by "/": `bob`, `bob/2`. */
  readonly name: string;
}

/** One step as it will run: repeats unrolled, each with its place, its branch and a title. */
export interface PlannedStep {
  /** 1-based, dotted through repeats and branches: `2.1`, `3.2.1` (step 1 of branch 2 of step 3). */
  readonly path: string;
  /** The iteration of each enclosing repeat, outermost first. */
  readonly iterations: readonly number[];
  readonly step: LeafStep;
  /** The innermost parallel branch around the step; undefined outside any. */
  readonly branch: PlannedBranch | undefined;
  /** The step's name, or a description made from its fields, as a message for the reader's language. */
  readonly titleMessage: Message;
  /** The same in English, as reports (JUnit, TAP, JSON) keep it. */
  readonly title: string;
}

/** How planned steps run: one after another, or branches at the same time. */
export type PlanNode =
  | { readonly kind: 'step'; /** Index into the plan's steps. */ readonly index: number }
  | { readonly kind: 'parallel'; readonly path: string; readonly branches: readonly (readonly PlanNode[])[] };

/** A scenario ready to run: its steps in report order, and the tree that says what runs at once. */
export interface ScenarioPlan {
  readonly steps: readonly PlannedStep[];
  readonly nodes: readonly PlanNode[];
}

/** The most steps one run may unroll to; more is refused before anything runs. */
export const MAX_PLANNED_STEPS = 100_000;

/** The steps in the order they are reported (a parallel step's branches one after another), or why the scenario is too large. */
export function planScenario(scenario: Pick<ScenarioFile, 'steps'>): ({ readonly ok: true } & ScenarioPlan) | { readonly ok: false; readonly message: string; readonly text: Message } {
  const planned: PlannedStep[] = [];
  // A step inside a repeat is planned once per iteration; its title is worded once.
  const titles = new Map<LeafStep, { readonly titleMessage: Message; readonly title: string }>();
  const titleOf = (step: LeafStep): { readonly titleMessage: Message; readonly title: string } => {
    let known = titles.get(step);
    if (!known) {
      const titleMessage = step.name !== undefined ? verbatim(step.name) : stepTitle(step);
      known = { titleMessage, title: englishText(titleMessage) };
      titles.set(step, known);
    }
    return known;
  };
  const visit = (steps: readonly ScenarioStep[], prefix: readonly number[], iterations: readonly number[], branch: PlannedBranch | undefined): PlanNode[] | null => {
    const nodes: PlanNode[] = [];
    for (const [index, step] of steps.entries()) {
      const place = [...prefix, index + 1];
      if (step.step === 'repeat') {
        for (let iteration = 1; iteration <= step.times; iteration++) {
          const inner = visit(step.steps, place, [...iterations, iteration], branch);
          if (inner === null) return null;
          nodes.push(...inner);
        }
        continue;
      }
      if (step.step === 'parallel') {
        const branches: PlanNode[][] = [];
        for (const [number, each] of step.branches.entries()) {
          const name = each.name ?? String(number + 1);
          const inner = visit(each.steps, [...place, number + 1], iterations, { path: [...place, number + 1].join('.'), name: branch ? `${branch.name}/${name}` : name });
          if (inner === null) return null;
          branches.push(inner);
        }
        nodes.push({ kind: 'parallel', path: place.join('.'), branches });
        continue;
      }
      if (planned.length >= MAX_PLANNED_STEPS) return null;
      nodes.push({ kind: 'step', index: planned.length });
      planned.push({ path: place.join('.'), iterations, step, branch, ...titleOf(step) });
    }
    return nodes;
  };
  const nodes = visit(scenario.steps, [], [], undefined);
  if (nodes !== null) return { ok: true, steps: planned, nodes };
  const text = message('workspace:run.tooManySteps', { max: MAX_PLANNED_STEPS });
  return { ok: false, message: englishText(text), text };
}

/** A step in words: `send login on alice`, `expect $.type = "event" on main`. */
export function stepTitle(step: LeafStep): Message {
  const title = ownTitle(step);
  return 'on' in step && step.on !== DEFAULT_ALIAS ? message('workspace:step.on', { step: title, alias: step.on }) : title;
}

function ownTitle(step: LeafStep): Message {
  switch (step.step) {
    case 'connect': {
      const target = step.connection ?? step.url ?? '';
      return step.as === DEFAULT_ALIAS ? message('workspace:step.connect', { target }) : message('workspace:step.connectAs', { alias: step.as, target });
    }
    case 'send':
      if (step.hex !== undefined) return message('workspace:step.sendHex', { bytes: clip(step.hex) });
      if (step.base64 !== undefined) return message('workspace:step.sendBase64', { bytes: clip(step.base64) });
      return message('workspace:step.send', { what: step.message ?? (step.text !== undefined ? JSON.stringify(clip(step.text)) : clip(JSON.stringify(step.json))) });
    case 'expect':
      return message('workspace:step.expect', { expectation: expectationMessage(step) });
    case 'expect-close':
      return step.code !== undefined ? message('workspace:step.expectCloseCode', { code: step.code }) : message('workspace:step.expectClose');
    case 'wait':
      return message('workspace:step.wait', { ms: step.ms });
    case 'ping':
      return message('workspace:step.ping', { ms: step.withinMs });
    case 'disconnect':
      return message('workspace:step.disconnect', { code: step.code });
  }
}

function clip(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}
