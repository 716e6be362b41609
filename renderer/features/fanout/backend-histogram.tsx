import type { BackendFigures } from '../../../shared/contract/fanout.js';

/**
 * One backend's latency histogram as bars on the report's common bins (the HTML report draws the
 * same data with ECharts; here plain elements are enough and need no chart library in the page).
 */
export function BackendHistogram({ row, edgesMs, label }: { row: BackendFigures; edgesMs: readonly number[]; label: string }) {
  const highest = Math.max(1, ...row.histogram.counts);
  return (
    <figure className="fanout-histogram" aria-label={label}>
      <div className="bars">
        {row.histogram.counts.map((count, index) => (
          <span key={index} className="bar" style={{ height: `${(count / highest) * 100}%` }} title={`${edgesMs[index]}–${edgesMs[index + 1]} ms: ${count}`} />
        ))}
      </div>
      <figcaption>
        <span>{edgesMs[0]} ms</span>
        <span>{label}</span>
        <span>{edgesMs.at(-1)} ms</span>
      </figcaption>
    </figure>
  );
}
