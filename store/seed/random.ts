/**
 * The generator's only source of randomness: a seeded sfc32 generator and integer hashes.
 * No Math.random and no clock, so the same --seed always writes the same bytes.
 */

/** A 32-bit avalanche mix (murmur3's finaliser): nearby inputs give unrelated outputs. */
export function mix32(x: number): number {
  x ^= x >>> 16;
  x = Math.imul(x, 0x7feb352d);
  x ^= x >>> 15;
  x = Math.imul(x, 0x846ca68b);
  x ^= x >>> 16;
  return x >>> 0;
}

/** Hash of several non-negative integers (each below 2^53) into 32 bits. */
export function hashInts(...parts: number[]): number {
  let h = 0x9e3779b9;
  for (const p of parts) {
    const lo = p >>> 0;
    const hi = Math.floor(p / 4294967296) >>> 0;
    h = mix32(h ^ mix32(lo + 0x6d2b79f5));
    h = mix32(h ^ mix32(hi + 0x1b873593));
  }
  return h;
}

/** sfc32: small, fast and good enough for synthetic data; one stream per (seed, purpose, key). */
export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(...seedParts: number[]) {
    const h = hashInts(...seedParts);
    this.a = h;
    this.b = mix32(h ^ 0x85ebca6b);
    this.c = mix32(h ^ 0xc2b2ae35);
    this.d = 1;
    for (let i = 0; i < 12; i++) {
      this.uint32();
    }
  }

  uint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.uint32() / 4294967296;
  }

  /** Uniform integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  uniform(min: number, max: number): number {
    return min + (max - min) * this.next();
  }

  /** Standard normal (Box–Muller). */
  normal(): number {
    const u = 1 - this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next());
  }

  logNormal(median: number, sigma: number): number {
    return median * Math.exp(sigma * this.normal());
  }

  /** Geometric count of failures before a success, with the given mean. */
  geometric(mean: number): number {
    if (mean <= 0) {
      return 0;
    }
    return Math.floor(Math.log(1 - this.next()) / Math.log(mean / (mean + 1)));
  }

  /** A whole number whose expected value is x: floor(x) plus one with probability frac(x). */
  roundStochastic(x: number): number {
    const f = Math.floor(x);
    return f + (this.next() < x - f ? 1 : 0);
  }

  /** Index drawn with the weights behind `cumulative` (a running sum, last = total). */
  pick(cumulative: Float64Array): number {
    const x = this.next() * cumulative[cumulative.length - 1];
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] > x) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo;
  }
}

/** Running sums of weights, for Random.pick. */
export function cumulativeWeights(weights: readonly number[]): Float64Array {
  const out = new Float64Array(weights.length);
  let sum = 0;
  weights.forEach((w, i) => {
    sum += w;
    out[i] = sum;
  });
  return out;
}
