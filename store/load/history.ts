/**
 * The history walk: for each key of the folder, its stored events and its new rows merged in
 * history order (state_on, load, line), checked change by change against the allowed
 * transitions of DOMAIN.md. Stored events are facts; a new row is accepted only when the
 * history with it stays valid, including the stored changes that come after it (corrections).
 */
import { rejection, type Rejection } from './reasons';

export interface HistoryEvent {
  key: string;
  state: string;
  day: string;
  isNew: boolean;
  line: number;
}

export interface WalkOutcome {
  duplicate(line: number): void;
  reject(line: number, r: Rejection): void;
  /** The key's latest event is this new row: its attributes become the key's. */
  latest(key: string, line: number): void;
}

type Transitions = Readonly<Record<string, readonly string[]>>;

/** Walks the events of one key at a time; feed events sorted by key, then history order. */
export class HistoryWalk {
  private key: string | null = null;
  /** State at the end of the accepted history so far (null before the key's first event). */
  private current: { state: string; day: string } | null = null;
  /** New rows accepted since the last stored event, and the state before them. */
  private run: Array<HistoryEvent> = [];
  private beforeRun: { state: string; day: string } | null = null;
  private seen = new Set<string>();
  private lastIsNew: HistoryEvent | null = null;

  constructor(private readonly transitions: Transitions, private readonly out: WalkOutcome) {}

  private allowed(from: string | undefined, to: string): boolean {
    return from === undefined || this.transitions[from].includes(to);
  }

  push(e: HistoryEvent): void {
    if (e.key !== this.key) {
      this.finishKey();
      this.key = e.key;
    }
    const id = `${e.state}|${e.day}`;
    if (!e.isNew) {
      this.undoRunBefore(e);
      this.seen.add(id);
      this.current = { state: e.state, day: e.day };
      this.beforeRun = this.current;
      this.run = [];
      this.lastIsNew = null;
      return;
    }
    if (this.seen.has(id)) {
      this.out.duplicate(e.line);
      return;
    }
    if (!this.allowed(this.current?.state, e.state)) {
      this.out.reject(e.line, notAllowed(this.current!, e));
      return;
    }
    this.seen.add(id);
    this.current = { state: e.state, day: e.day };
    this.run.push(e);
    this.lastIsNew = e;
  }

  /** Drops the newest accepted rows of the run until the stored event `next` may follow. */
  private undoRunBefore(next: HistoryEvent): void {
    while (this.run.length > 0 && !this.allowed(this.current?.state, next.state)) {
      const dropped = this.run.pop()!;
      this.seen.delete(`${dropped.state}|${dropped.day}`);
      this.out.reject(
        dropped.line,
        rejection('TRANSIZIONE_NON_AMMESSA', {
          detail: `${dropped.state} on ${dropped.day} would be followed by the stored change to ${next.state} on ${next.day}, which is not allowed after ${dropped.state}`,
        })
      );
      const top = this.run[this.run.length - 1];
      this.current = top ? { state: top.state, day: top.day } : this.beforeRun;
    }
  }

  private finishKey(): void {
    if (this.key !== null && this.lastIsNew) {this.out.latest(this.key, this.lastIsNew.line);}
    this.current = null;
    this.beforeRun = null;
    this.run = [];
    this.seen.clear();
    this.lastIsNew = null;
  }

  /** Call once after the last event. */
  end(): void {
    this.finishKey();
    this.key = null;
  }
}

function notAllowed(from: { state: string; day: string }, to: HistoryEvent): Rejection {
  return rejection('TRANSIZIONE_NON_AMMESSA', {
    detail: `the change from ${from.state} (${from.day}) to ${to.state} on ${to.day} is not allowed`,
  });
}
