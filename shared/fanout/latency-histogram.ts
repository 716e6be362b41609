/**
 * Delivery latencies in bounded memory: logarithmic buckets 1 % wide from 1 µs up (HdrHistogram's
 * idea without its dependency), exact count, sum, min and max. A percentile is the upper edge of
 * the bucket holding that rank, clamped to the exact max, so it is at most 1 % above the truth.
 */
export class LatencyHistogram {
  private readonly counts = new Map<number, number>();
  private total = 0;
  private sumMicros = 0;
  private minValue = Infinity;
  private maxValue = -Infinity;

  /** How many latencies were recorded. */
  get count(): number {
    return this.total;
  }

  /** Records one latency; negative values (clock skew of a server's timestamp) count as 0. */
  record(micros: number): void {
    const value = Math.max(0, micros);
    const bucket = bucketOf(value);
    this.counts.set(bucket, (this.counts.get(bucket) ?? 0) + 1);
    this.total += 1;
    this.sumMicros += value;
    if (value < this.minValue) this.minValue = value;
    if (value > this.maxValue) this.maxValue = value;
  }

  /** Adds every latency of `other` (grouping clients into backends). */
  merge(other: LatencyHistogram): void {
    for (const [bucket, count] of other.counts) this.counts.set(bucket, (this.counts.get(bucket) ?? 0) + count);
    this.total += other.total;
    this.sumMicros += other.sumMicros;
    this.minValue = Math.min(this.minValue, other.minValue);
    this.maxValue = Math.max(this.maxValue, other.maxValue);
  }

  /** The latency at or below which `percent` % of the recorded ones fall; null when none was recorded. */
  percentile(percent: number): number | null {
    if (this.total === 0) return null;
    if (percent >= 100) return this.maxValue;
    const rank = Math.max(1, Math.ceil((percent / 100) * this.total));
    let seen = 0;
    for (const bucket of [...this.counts.keys()].sort((a, b) => a - b)) {
      seen += this.counts.get(bucket)!;
      if (seen >= rank) return Math.min(this.maxValue, Math.max(this.minValue, upperEdge(bucket)));
    }
    return this.maxValue;
  }

  /** The smallest and largest latency, and the mean; null when none was recorded. */
  summary(): { minMicros: number; maxMicros: number; meanMicros: number } | null {
    if (this.total === 0) return null;
    return { minMicros: this.minValue, maxMicros: this.maxValue, meanMicros: this.sumMicros / this.total };
  }

  /** How many latencies fall in [edges[i], edges[i+1]) for each i (the last bin includes its upper edge), for charts. */
  countsBetween(edgesMicros: readonly number[]): number[] {
    const bins = new Array<number>(Math.max(0, edgesMicros.length - 1)).fill(0);
    for (const [bucket, count] of this.counts) {
      // A bucket's midpoint decides its bin; buckets are 1 % wide, far narrower than a chart's bins.
      const value = Math.min(this.maxValue, Math.max(this.minValue, (lowerEdge(bucket) + upperEdge(bucket)) / 2));
      const index = binIndex(edgesMicros, value);
      if (index >= 0) bins[index]! += count;
    }
    return bins;
  }
}

const growth = 1.01;
const logGrowth = Math.log(growth);

// Bucket 0 holds [0, 1 µs); bucket b ≥ 1 holds [growth^(b-1), growth^b) µs.
function bucketOf(micros: number): number {
  return micros < 1 ? 0 : Math.floor(Math.log(micros) / logGrowth) + 1;
}

function lowerEdge(bucket: number): number {
  return bucket === 0 ? 0 : growth ** (bucket - 1);
}

function upperEdge(bucket: number): number {
  return growth ** bucket;
}

function binIndex(edges: readonly number[], value: number): number {
  if (edges.length < 2 || value < edges[0]! || value > edges[edges.length - 1]!) return -1;
  let low = 0;
  let high = edges.length - 2;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (edges[middle]! <= value) low = middle;
    else high = middle - 1;
  }
  return low;
}

/** Chart bin edges from `minMicros` to `maxMicros`: `count` bins, logarithmic when the range spans more than 20×, else even. */
export function chartEdges(minMicros: number, maxMicros: number, count: number): number[] {
  const low = Math.max(0, minMicros);
  const high = Math.max(low + 1, maxMicros);
  const isLog = low > 0 && high / low > 20;
  const edges: number[] = [];
  for (let index = 0; index <= count; index++) {
    edges.push(isLog ? low * (high / low) ** (index / count) : low + ((high - low) * index) / count);
  }
  edges[edges.length - 1] = high;
  return edges;
}
