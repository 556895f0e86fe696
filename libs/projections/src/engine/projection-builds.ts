/**
 * Which build each projection of a runner follows, loaded and with its writer if this instance can take it, and
 * whether a cycle must be redone because that changed (the rules: projection-runner.ts).
 */
import type { Logger } from '@nestjs/common';
import { BackgroundLoad } from './background-load';
import type { ProjectionDefinition } from './projection';
import { newPart, type Cycle, type Part } from './projection-part';
import type { ProjectionRunnerOptions } from './projection-runner-options';
import type { BuildRecord, BuildWriter, ReadModelStore } from './read-model-store.port';

/** Picks the build a projection follows, loads its documents and tries to become its writer. */
export async function preparePart(
  definition: ProjectionDefinition,
  readModels: ReadModelStore | undefined,
  options: ProjectionRunnerOptions,
  logger: Logger,
): Promise<Part> {
  if (readModels === undefined) return newPart(definition, undefined, undefined);
  let build: BuildRecord | undefined;
  const builds = await readModels.builds(definition.name);
  const active = builds.find((each) => each.status === 'active');
  if (active?.version === definition.version && !options.rebuild) build = active;
  else {
    build = builds.filter((each) => each.status === 'building' && each.version === definition.version).at(-1);
    if (build === undefined && active !== undefined && active.version > definition.version) {
      logger.warn(
        `${definition.name}: the active build is version ${active.version}, newer than this code's ${definition.version}: serving from memory only`,
      );
      return newPart(definition, undefined, undefined);
    }
    build ??= await readModels.createBuild(definition.name, definition.version);
  }
  const writer = await readModels.tryWriter(build.buildId);
  const part = newPart(definition, build, writer);
  if (definition.loadInBackground === true && writer !== undefined) return loadBehind(part, writer, readModels, options, logger);
  let loaded: BuildRecord | undefined;
  try {
    loaded = await readModels.loadBuild(build.buildId, (collection, key, document) => part.state.load(collection, key, document));
  } catch (error) {
    await writer?.release();
    throw error;
  }
  if (loaded === undefined) {
    await writer?.release();
    return preparePart(definition, readModels, options, logger);
  }
  part.build = loaded;
  part.position = part.persisted = loaded.checkpoint;
  part.eventsApplied = loaded.eventsApplied;
  return part;
}

/**
 * The writer of a build that loads in the background: its checkpoint now (nobody else moves it), its documents behind
 * its fold (background-load.ts).
 */
async function loadBehind(part: Part, writer: BuildWriter, readModels: ReadModelStore, options: ProjectionRunnerOptions, logger: Logger): Promise<Part> {
  let record: BuildRecord | undefined;
  try {
    record = (await readModels.builds(part.definition.name)).find((each) => each.buildId === writer.buildId);
  } catch (error) {
    await writer.release();
    throw error;
  }
  if (record === undefined) {
    await writer.release();
    return preparePart(part.definition, readModels, options, logger);
  }
  part.build = record;
  part.position = part.persisted = record.checkpoint;
  part.eventsApplied = record.eventsApplied;
  // A build at the start holds no documents (they commit with the checkpoint): nothing to load, nothing to probe.
  if (record.checkpoint === 'start') return part;
  part.behind = new BackgroundLoad(part.definition, part.state, readModels, record.buildId, {
    stillWriter: () => writer.healthy,
    ...(options.backgroundLoadPage === undefined ? {} : { page: options.backgroundLoadPage }),
  });
  return part;
}

/**
 * Whether a cycle must be redone: its writer was lost, its active build was replaced, another build of its
 * version was activated, or a follower can now become the writer.
 */
export async function shouldRedo(cycle: Cycle, readModels: ReadModelStore | undefined, stopping: boolean): Promise<boolean> {
  if (stopping || readModels === undefined) return false;
  try {
    for (const part of cycle.parts) {
      if (part.writer?.healthy === false) return true;
      const active = await readModels.activeBuild(part.definition.name);
      if (part.writer !== undefined) {
        // Its active build was replaced (a replay swapped a fresh copy in): follow that one now, not at the
        // next commit, which the retired build would refuse.
        if (part.build?.status === 'active' && active !== undefined && active.buildId !== part.build.buildId) return true;
        continue;
      }
      if (active !== undefined && active.version === part.definition.version && active.buildId !== part.build?.buildId) return true;
      if (part.build === undefined) continue;
      const writer = await readModels.tryWriter(part.build.buildId);
      if (writer === undefined) continue;
      await writer.release(); // the next cycle takes it again, after reloading the build
      return true;
    }
    return false;
  } catch {
    return false;
  }
}
