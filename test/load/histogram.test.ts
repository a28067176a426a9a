import { describe, expect, it } from 'vitest';
import { LatencyHistogram } from '../../src/load/histogram.js';
import { parseDuration, parseFraction, parseRate } from '../../src/load/parse-load-options.js';

describe('LatencyHistogram', () => {
  it('gives percentiles within the bucket precision (6.25 %) over a wide range', () => {
    const histogram = new LatencyHistogram();
    const values: number[] = [];
    // 0.01 ms … ~100 s, log-spread, in a scrambled order.
    for (let i = 0; i < 10_000; i++) values.push(0.01 * 10 ** (((i * 7919) % 10_000) / 1429));
    for (const value of values) histogram.record(value);
    const sorted = [...values].sort((a, b) => a - b);
    for (const fraction of [0.5, 0.9, 0.95, 0.99]) {
      const exact = sorted[Math.ceil(fraction * sorted.length) - 1]!;
      expect(Math.abs(histogram.percentile(fraction) - exact) / exact).toBeLessThan(0.07);
    }
    expect(histogram.maxMs).toBe(sorted.at(-1));
    expect(histogram.count).toBe(10_000);
  });

  it('answers 0 when empty and never more than the maximum', () => {
    const histogram = new LatencyHistogram();
    expect(histogram.percentile(0.99)).toBe(0);
    histogram.record(3.2);
    expect(histogram.percentile(0.5)).toBeLessThanOrEqual(3.2);
    expect(histogram.percentile(0.5)).toBeGreaterThan(3);
  });
});

describe('load flag parsers', () => {
  it('reads rates, durations and fractions as users write them', () => {
    expect(parseRate('25/s')).toBe(25);
    expect(parseRate('10')).toBe(10);
    expect(parseDuration('500ms')).toBe(500);
    expect(parseDuration('30s')).toBe(30_000);
    expect(parseDuration('2m')).toBe(120_000);
    expect(parseFraction('1%', '--max-error-rate', '0.01')).toBe(0.01);
    expect(parseFraction('0.05', '--max-error-rate', '0.01')).toBe(0.05);
    expect(() => parseFraction('2', '--max-error-rate', '0.01')).toThrow(/fraction from 0 to 1/);
    expect(() => parseRate('fast')).toThrow(/requests per second/);
  });
});
