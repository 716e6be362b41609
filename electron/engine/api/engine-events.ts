import type { EventName, EventPayload } from '../../../shared/contract/api.js';

/** Pushes one event to every window (and is what a window subscribes with). */
export type EngineEmit = <E extends EventName>(event: E, payload: EventPayload<E>) => void;
