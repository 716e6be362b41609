import type { Reporter, TestModule, Vitest } from 'vitest/node';
import type { MissingPeerMeta } from './missing-peer-meta.js';

/** One missing peer and the test files that could not use it. */
interface MissingPeerEntry {
  readonly meta: MissingPeerMeta;
  readonly files: Set<string>;
}

/**
 * Ends the run with the list DESIGN.md promises: which peers were missing, why, and which test
 * files skipped (or, with FRAMELINE_REQUIRE_PEERS=1, failed) because of it. Unit-only runs never
 * need peers and print nothing.
 */
export class PeerReporter implements Reporter {
  private vitest: Vitest | undefined;

  onInit(vitest: Vitest): void {
    this.vitest = vitest;
  }

  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const usesPeers = testModules.some((testModule) => testModule.project.name !== 'unit');
    if (!usesPeers) return;
    const missing = collectMissingPeers(testModules, this.vitest?.config.root ?? process.cwd());
    const lines = missing.size === 0 ? ['All peers present.'] : describeMissing(missing);
    const log = (line: string): void => (this.vitest ? this.vitest.logger.log(line) : console.log(line));
    log('');
    for (const line of lines) log(line);
  }
}

function collectMissingPeers(testModules: ReadonlyArray<TestModule>, root: string): Map<string, MissingPeerEntry> {
  const missing = new Map<string, MissingPeerEntry>();
  for (const testModule of testModules) {
    for (const testCase of testModule.children.allTests()) {
      const meta = testCase.meta().missingPeer;
      if (meta === undefined) continue;
      const key = `${meta.name}\u0000${meta.reason}`;
      const entry = missing.get(key) ?? { meta, files: new Set<string>() };
      entry.files.add(relative(root, testModule.moduleId));
      missing.set(key, entry);
    }
  }
  return missing;
}

function describeMissing(missing: Map<string, MissingPeerEntry>): string[] {
  const isRequired = [...missing.values()].some((entry) => entry.meta.isRequired);
  const lines = [isRequired ? 'Failed because a required peer is missing (FRAMELINE_REQUIRE_PEERS=1):' : 'Skipped because a peer is missing:'];
  for (const { meta, files } of missing.values()) {
    lines.push(`  - ${meta.name}: ${meta.reason}`);
    lines.push(`      in ${[...files].sort().join(', ')}`);
  }
  return lines;
}

function relative(root: string, path: string): string {
  return path.startsWith(`${root}/`) ? path.slice(root.length + 1) : path;
}

// Vitest loads a reporter file through its default export.
// eslint-disable-next-line no-restricted-syntax -- named exports are the rule; Vitest requires this one default
export default PeerReporter;
