/** replay <projection>|all: rebuilds read models from the first event, beside the live ones, and swaps them in. */
import type { EventStore } from '#libs/event-store';
import { PROJECTIONS, ProjectionRunner, type ReadModelStore } from '#libs/projections';
import { CliError } from './cli-error';
import { Progress, formatSeconds } from './progress';

export async function replay(which: string | undefined, store: EventStore, readModels: ReadModelStore, out: NodeJS.WritableStream): Promise<void> {
  const names = PROJECTIONS.map((projection) => projection.name);
  if (which === undefined) throw new CliError(`replay needs a projection: one of ${names.join(', ')}, or all`);
  const chosen = which === 'all' ? PROJECTIONS : PROJECTIONS.filter((projection) => projection.name === which);
  if (chosen.length === 0) throw new CliError(`unknown projection "${which}": one of ${names.join(', ')}, or all`);
  const head = await store.headPosition();
  const total = head === 'start' ? 0 : head.prepare;
  for (const projection of chosen) {
    const progress = new Progress(`${projection.name} v${projection.version}`);
    const began = Date.now();
    const runner = new ProjectionRunner(projection, store, readModels, {
      rebuild: true,
      onProgress: ({ eventsApplied, position }) => {
        progress.update(total === 0 || position === 'start' ? 1 : position.prepare / total, eventsApplied);
      },
    });
    const status = await runner.runToLive();
    const applied = status.eventsApplied;
    progress.update(1, applied, true);
    const seconds = (Date.now() - began) / 1000;
    if (status.role !== 'writer' && status.buildStatus !== 'active') {
      throw new CliError(`${projection.name}: another process is building version ${projection.version} right now; try again when it is done`);
    }
    out.write(
      `${projection.name} v${projection.version}: build ${status.buildId} is active — ${applied.toLocaleString('en')} events in ${formatSeconds(seconds)} ` +
        `(${Math.round(applied / Math.max(seconds, 0.001)).toLocaleString('en')} events/s)\n`,
    );
  }
}
