import { randomInt, randomUUID } from 'node:crypto';
import type { DynamicSource } from '../../../shared/workspace/variable-scope.js';

/** `{{$uuid}}`, `{{$timestamp}}` and `{{$randomInt}}` from Node's CSPRNG and clock. */
export const nodeDynamicSource: DynamicSource = {
  uuid: () => randomUUID(),
  nowMs: () => Date.now(),
  randomBelow: (limit) => randomInt(limit),
};
