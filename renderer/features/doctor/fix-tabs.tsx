import { useState } from 'react';
import type { Fix } from '../../../shared/contract/doctor-report.js';

const SERVERS = [
  { key: 'nginx', label: 'nginx' },
  { key: 'haproxy', label: 'HAProxy' },
  { key: 'caddy', label: 'Caddy' },
  { key: 'apache', label: 'Apache' },
] as const;

/** The fix in general, then the configuration change per server, one at a time. */
export function FixTabs({ fix, label }: { fix: Fix; label: string }) {
  const available = SERVERS.filter((server) => fix[server.key] !== undefined);
  const [chosen, setChosen] = useState<(typeof SERVERS)[number]['key']>(available[0]?.key ?? 'nginx');
  const text = fix[chosen];
  return (
    <div className="fix">
      <div className="fix-summary"><strong>Fix:</strong> {fix.summary}</div>
      {available.length > 0 && (
        <>
          <div className="segmented" role="tablist" aria-label={`${label}: fix per server`}>
            {available.map((server) => (
              <button key={server.key} type="button" role="tab" aria-selected={server.key === chosen} onClick={() => setChosen(server.key)}>
                {server.label}
              </button>
            ))}
          </div>
          {text !== undefined && <pre className="fix-config" aria-label={`${chosen} fix`}>{text}</pre>}
        </>
      )}
    </div>
  );
}
