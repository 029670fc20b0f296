/**
 * The answers of POST /api/query kept in memory. Every morning many viewers open the same
 * dashboards, and the data change only when a folder is loaded (or the thresholds change): the
 * same query, for the same scope, on the same data has the same frames. Without this, 50 viewers
 * queue for a few database connections to compute identical answers.
 *
 * - Key: the caller's scope (two users of the same region share; a region's answer never reaches
 *   another region or the national scope), the query as canonical JSON without its refId, the
 *   range as the queries ran it (stopped at the latest reference date), and the data's version
 *   (dataState.ts). A new version drops the answers of the others.
 * - Single flight: a request for an answer being computed waits for that computation.
 * - Errors are never kept: a 503 or a timeout is computed again by the next request.
 * - Memory: least recently used answers go first once the kept answers' size (approximately, as
 *   the length of their JSON) passes the limit, DASMO_ANSWER_CACHE_MB (default 64; 0: no cache).
 */
import type { Frame, StoreQuery } from '../../src/model/query';
import type { Answering, EffectiveRange } from '../query/executor';
import type { Scope } from '../query/sql';

export const DEFAULT_ANSWER_CACHE_MB = 64;

/** What /api/health tells of the cache: counts and sizes, nothing of the answers. */
export interface AnswerCacheStats {
  /** Answers given from the cache. */
  hits: number;
  /** Answers that waited for the same answer being computed for another request. */
  joined: number;
  /** Answers computed (every answer, with the cache off). */
  computed: number;
  entries: number;
  bytes: number;
  limitBytes: number;
}

interface Kept {
  frames: Frame[];
  bytes: number;
  version: string;
}

export class AnswerCache {
  /** In order of use: the first is the least recently used. */
  private readonly kept = new Map<string, Kept>();
  private readonly computing = new Map<string, Promise<Frame[]>>();
  private version: string | null = null;
  private bytes = 0;
  private hits = 0;
  private joined = 0;
  private computed = 0;

  constructor(readonly limitBytes: number) {}

  /** How the executor answers the queries of one request of `scope`, on the data of `version`. */
  answering(scope: Scope, version: string): Answering {
    return (query, range, compute) => this.answer(answerKey(scope, version, query, range), version, compute);
  }

  stats(): AnswerCacheStats {
    return { hits: this.hits, joined: this.joined, computed: this.computed, entries: this.kept.size, bytes: this.bytes, limitBytes: this.limitBytes };
  }

  private answer(key: string, version: string, compute: () => Promise<Frame[]>): Promise<Frame[]> {
    if (this.limitBytes <= 0) {
      this.computed++;
      return compute();
    }
    this.forgetOtherVersions(version);
    const kept = this.kept.get(key);
    if (kept) {
      this.kept.delete(key);
      this.kept.set(key, kept);
      this.hits++;
      return Promise.resolve(kept.frames);
    }
    const pending = this.computing.get(key);
    if (pending) {
      this.joined++;
      return pending;
    }
    this.computed++;
    const computation = compute()
      .then((frames) => {
        this.keep(key, version, frames);
        return frames;
      })
      .finally(() => this.computing.delete(key));
    this.computing.set(key, computation);
    return computation;
  }

  /**
   * Answers of other versions will not be asked for again (a request reads the version before it
   * asks), so their memory goes at once. Requests that read the version just before a load
   * committed may flip it back for a moment: that costs recomputations, never a stale answer.
   */
  private forgetOtherVersions(version: string): void {
    if (version === this.version) {
      return;
    }
    this.version = version;
    for (const [key, k] of this.kept) {
      if (k.version !== version) {
        this.drop(key, k);
      }
    }
  }

  private keep(key: string, version: string, frames: Frame[]): void {
    // An answer computed on data that changed meanwhile is not kept.
    if (version !== this.version) {
      return;
    }
    const bytes = key.length + JSON.stringify(frames).length;
    if (bytes > this.limitBytes) {
      return;
    }
    this.kept.set(key, { frames, bytes, version });
    this.bytes += bytes;
    for (const [oldest, k] of this.kept) {
      if (this.bytes <= this.limitBytes) {
        break;
      }
      this.drop(oldest, k);
    }
  }

  private drop(key: string, k: Kept): void {
    this.kept.delete(key);
    this.bytes -= k.bytes;
  }
}

/** The same query, however its keys were ordered, gives the same key; the refId is the panel's, not the answer's. */
export function answerKey(scope: Scope, version: string, query: StoreQuery, range: EffectiveRange): string {
  const { refId: _refId, ...asked } = query;
  return canonicalJson({ scope, version, range: [range.from, range.to], query: asked });
}

/** JSON with the keys of every object sorted; arrays keep their order (groupBy's order shapes the frames). */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) {
    return `[${value.map(canonicalJson).join(',')}]`;
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** The cache's limit in bytes from DASMO_ANSWER_CACHE_MB (unset: the default). */
export function answerCacheBytesFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  return answerCacheBytesOf(env.DASMO_ANSWER_CACHE_MB, 'DASMO_ANSWER_CACHE_MB');
}

/** Megabytes as given to `what` (a variable or an option) in bytes; anything but a size is refused with a sentence. */
export function answerCacheBytesOf(raw: string | undefined, what: string): number {
  if (raw === undefined || raw === '') {
    return DEFAULT_ANSWER_CACHE_MB * 1024 * 1024;
  }
  const mb = Number(raw);
  if (!Number.isFinite(mb) || mb < 0 || raw.trim() === '') {
    throw new Error(`${what} is "${raw}": give the answer cache's size in megabytes, e.g. ${DEFAULT_ANSWER_CACHE_MB}, or 0 to turn it off.`);
  }
  return Math.round(mb * 1024 * 1024);
}
