import { liveSessionMemory } from './flood-bench.js';
for (let i = 0; i < 3; i++) await liveSessionMemory(1_000_000);
