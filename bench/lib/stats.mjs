// Latency percentiles and rates for the benchmark sections, on hdr-histogram-js (values kept in microseconds,
// 3 significant digits: p50/p99 are exact to 0.1 %). Shared by every section; keep it dependency-light.
import * as hdr from 'hdr-histogram-js';

const build = hdr.build ?? hdr.default.build;

/**
 * A latency recorder: record(ms) per operation, then p(50), p(99)… in milliseconds.
 * Values are stored as whole microseconds (a 0 µs sample is recorded as 1 µs); up to 1 hour is trackable.
 */
export function latencyRecorder() {
  const histogram = build({ lowestDiscernibleValue: 1, highestTrackableValue: 3_600_000_000, numberOfSignificantValueDigits: 3, autoResize: true });
  return {
    /** One sample, in milliseconds (e.g. the difference of two performance.now() readings). */
    record(ms) {
      histogram.recordValue(Math.max(1, Math.round(ms * 1000)));
    },
    /** Times an async operation and records it; returns its result. */
    async time(operation) {
      const started = performance.now();
      const result = await operation();
      this.record(performance.now() - started);
      return result;
    },
    /** Merges another recorder's samples into this one (e.g. one recorder per writer). */
    add(other) {
      histogram.add(other.histogram);
    },
    /** The value at a percentile (0–100), in milliseconds; null when nothing was recorded. */
    p(percentile) {
      return histogram.totalCount === 0 ? null : histogram.getValueAtPercentile(percentile) / 1000;
    },
    get count() {
      return histogram.totalCount;
    },
    get mean() {
      return histogram.totalCount === 0 ? null : histogram.mean / 1000;
    },
    get max() {
      return histogram.totalCount === 0 ? null : histogram.maxValue / 1000;
    },
    /** { count, mean, p50, p90, p99, p999, max } in milliseconds. */
    summary() {
      return { count: this.count, mean: this.mean, p50: this.p(50), p90: this.p(90), p99: this.p(99), p999: this.p(99.9), max: this.max };
    },
    histogram,
    /** Frees the histogram (only matters for the WebAssembly build; harmless otherwise). */
    destroy() {
      histogram.destroy();
    },
  };
}

/** Percentiles of an array of millisecond samples: percentiles([..], [50, 99]) → { p50, p99 }. */
export function percentiles(samplesMs, wanted = [50, 99]) {
  const recorder = latencyRecorder();
  for (const sample of samplesMs) recorder.record(sample);
  const result = Object.fromEntries(wanted.map((percentile) => [`p${String(percentile).replace('.', '')}`, recorder.p(percentile)]));
  recorder.destroy();
  return result;
}

/** Operations per second from a count and a duration in milliseconds (null for an empty duration). */
export function perSecond(count, ms) {
  return ms > 0 ? (count * 1000) / ms : null;
}

/** Rounds a figure for a row: integers above 100, two decimals below (null stays null). */
export function round(value) {
  if (value === null || value === undefined || !Number.isFinite(value)) return null;
  return Math.abs(value) >= 100 ? Math.round(value) : Math.round(value * 100) / 100;
}
