import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandRunner } from '#libs/event-sourcing';
import { UseCaseCommand, newIdFor } from '#libs/platform';
import { runOnCallScript, type CallScriptRevision } from '../call-scripts/run-on-call-script';

/** Script ids derive from the request (its idempotency key) when the head of sales names none. */
const SCRIPT_ID_NAMESPACE = '19d7c8ea-b1c4-4fd6-a0f7-18293a4b5c67';

export interface PublishCallScriptInput {
  /** Absent for a new script whose id is generated. */
  readonly scriptId?: string;
  readonly title: string;
  readonly steps: readonly string[];
  /** A new script (POST /call-scripts), or a new version of an existing one. */
  readonly isNew: boolean;
}

export class PublishCallScriptCommand extends UseCaseCommand<PublishCallScriptInput, CallScriptRevision> {}

@CommandHandler(PublishCallScriptCommand)
export class PublishCallScriptHandler implements ICommandHandler<PublishCallScriptCommand> {
  constructor(private readonly runner: CommandRunner) {}

  execute({ input, envelope, options }: PublishCallScriptCommand): Promise<CallScriptRevision> {
    const scriptId = input.scriptId ?? newIdFor(envelope, SCRIPT_ID_NAMESPACE);
    return runOnCallScript(this.runner, { type: 'PublishCallScript', scriptId, title: input.title, steps: input.steps, isNew: input.isNew }, envelope, options);
  }
}
