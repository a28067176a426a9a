/**
 * A fixed-size log-linear latency histogram (the HdrHistogram idea in ~50 lines): values are
 * microseconds; below 2^SUB_BITS each value has its own bucket, above it every power of two is
 * split into 2^SUB_BITS linear sub-buckets, so any percentile is within 1/2^SUB_BITS (6.25 %) of
 * the truth while memory stays a few KB however many requests a load run sends.
 */
const SUB_BITS = 4;
const SUB_COUNT = 1 << SUB_BITS;
/** Up to 2^40 µs (~12 days): anything longer is clamped into the last bucket. */
const MAX_EXPONENT = 40;
const BUCKETS = SUB_COUNT + (MAX_EXPONENT - SUB_BITS) * SUB_COUNT;

function bucketOf(micros: number): number {
  const value = Math.max(0, Math.floor(micros));
  if (value < SUB_COUNT) return value;
  const exponent = Math.min(Math.floor(Math.log2(value)), MAX_EXPONENT - 1);
  const sub = Math.min(SUB_COUNT - 1, Math.floor(value / 2 ** (exponent - SUB_BITS)) - SUB_COUNT);
  return SUB_COUNT + (exponent - SUB_BITS) * SUB_COUNT + sub;
}

/** The midpoint of a bucket's range, in microseconds. */
function midpointOf(bucket: number): number {
  if (bucket < SUB_COUNT) return bucket;
  const exponent = Math.floor((bucket - SUB_COUNT) / SUB_COUNT) + SUB_BITS;
  const sub = (bucket - SUB_COUNT) % SUB_COUNT;
  const width = 2 ** (exponent - SUB_BITS);
  return (SUB_COUNT + sub) * width + width / 2;
}

/** Latencies of one request kind; `record` is O(1) and allocation-free. */
export class LatencyHistogram {
  private readonly counts = new Float64Array(BUCKETS);
  count = 0;
  /** Exact maximum, in milliseconds. */
  maxMs = 0;

  record(milliseconds: number): void {
    this.counts[bucketOf(milliseconds * 1000)]! += 1;
    this.count += 1;
    if (milliseconds > this.maxMs) this.maxMs = milliseconds;
  }

  /** The latency at or below which `fraction` (0..1) of the recorded requests fall, in ms. */
  percentile(fraction: number): number {
    if (this.count === 0) return 0;
    const rank = Math.max(1, Math.ceil(fraction * this.count));
    let seen = 0;
    for (let bucket = 0; bucket < BUCKETS; bucket++) {
      seen += this.counts[bucket]!;
      if (seen >= rank) return Math.min(midpointOf(bucket) / 1000, this.maxMs);
    }
    return this.maxMs;
  }
}
