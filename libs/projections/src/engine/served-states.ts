/**
 * The state readers see of each projection a runner runs (which one is served: projection-runner.ts), and the
 * callers of whenCaughtUpTo waiting until every one of them has read as far as a position.
 */
import { comparePositions, type GlobalPosition } from '#libs/event-store';
import type { ProjectionDefinition } from './projection';
import type { Cycle, Part } from './projection-part';

export class ServedStates {
  /** Per projection, the part readers are served from. */
  private readonly serving = new Map<string, { part: Part; cycle: Cycle }>();
  private waiting: Array<{ position: GlobalPosition; resolve: () => void }> = [];

  constructor(private readonly definitions: readonly ProjectionDefinition[]) {}

  /** The part readers of `projection` are served from, and its cycle; undefined until its first state has caught up. */
  get(projection: string): { part: Part; cycle: Cycle } | undefined {
    return this.serving.get(projection);
  }

  /** Resolves once readers of every projection see every event up to `position`. */
  whenCaughtUpTo(position: GlobalPosition): Promise<void> {
    if (this.servedUpTo(position)) return Promise.resolve();
    return new Promise((resolve) => this.waiting.push({ position, resolve }));
  }

  /** After an event: serves each part of the cycle that is live or has read as far as the one served. */
  serveCaughtUp(cycle: Cycle): void {
    for (const part of cycle.parts) {
      if (this.serving.get(part.definition.name)?.part !== part && (cycle.live || this.servingIsBehind(part))) this.serve(part, cycle);
    }
    if (this.waiting.length > 0) this.release();
  }

  serve(part: Part, cycle: Cycle): void {
    this.serving.set(part.definition.name, { part, cycle });
    if (this.waiting.length > 0) this.release();
  }

  /** Lets everyone waiting go (the runner stopped: no more events will be served). */
  releaseAll(): void {
    for (const waiter of this.waiting.splice(0)) waiter.resolve();
  }

  /** A state replaces the one readers see once it has read at least as far (the first one: once live). */
  private servingIsBehind(part: Part): boolean {
    const served = this.serving.get(part.definition.name);
    if (served === undefined) return false;
    if (served.part.position === 'start') return true;
    return part.position !== 'start' && comparePositions(part.position, served.part.position) >= 0;
  }

  private servedUpTo(position: GlobalPosition): boolean {
    for (const definition of this.definitions) {
      const at = this.serving.get(definition.name)?.part.position;
      if (at === undefined || at === 'start' || comparePositions(at, position) < 0) return false;
    }
    return true;
  }

  private release(): void {
    const still: typeof this.waiting = [];
    for (const waiter of this.waiting) {
      if (this.servedUpTo(waiter.position)) waiter.resolve();
      else still.push(waiter);
    }
    this.waiting = still;
  }
}
