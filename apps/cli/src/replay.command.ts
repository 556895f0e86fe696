/**
 * replay <projection>|all: rebuilds read models from the first event, beside the live ones, and swaps
 * them in. `all` rebuilds every projection from one read of the history.
 */
import type { EventStore, ReadAllFrom } from '#libs/event-store';
import { PROJECTIONS, ProjectionRunner, REPLAY_RUNNER_OPTIONS, type ReadModelStore } from '#libs/projections';
import { CliError } from './cli-error';
import { Progress, formatSeconds } from './progress';

export async function replay(which: string | undefined, store: EventStore, readModels: ReadModelStore, out: NodeJS.WritableStream): Promise<void> {
  const names = PROJECTIONS.map((projection) => projection.name);
  if (which === undefined) throw new CliError(`replay needs a projection: one of ${names.join(', ')}, or all`);
  const chosen = which === 'all' ? [...PROJECTIONS] : PROJECTIONS.filter((projection) => projection.name === which);
  if (chosen.length === 0) throw new CliError(`unknown projection "${which}": one of ${names.join(', ')}, or all`);
  const head = await store.headPosition();
  const total = head === 'start' ? 0 : head.prepare;
  const progress = new Progress(chosen.map((projection) => `${projection.name} v${projection.version}`).join(' + '));
  const positions = new Map<string, ReadAllFrom>();
  const began = Date.now();
  const runner = new ProjectionRunner(chosen, store, readModels, {
    ...REPLAY_RUNNER_OPTIONS,
    onProgress: ({ projection, position }) => {
      positions.set(projection, position);
      if (positions.size < chosen.length) return;
      const slowest = Math.min(...[...positions.values()].map((at) => (at === 'start' ? 0 : at.prepare)));
      progress.update(total === 0 ? 1 : slowest / total, slowest);
    },
  });
  const statuses = await runner.runToLive();
  const seconds = (Date.now() - began) / 1000;
  progress.update(1, total, true);
  for (const status of statuses) {
    if (status.role !== 'writer' && status.buildStatus !== 'active') {
      throw new CliError(`${status.projection}: another process is building version ${status.version} right now; try again when it is done`);
    }
    out.write(`${status.projection} v${status.version}: build ${status.buildId} is active — ${status.eventsApplied.toLocaleString('en')} events applied\n`);
  }
  out.write(`read ${total.toLocaleString('en')} events in ${formatSeconds(seconds)} (${Math.round(total / Math.max(seconds, 0.001)).toLocaleString('en')} events/s)\n`);
}
