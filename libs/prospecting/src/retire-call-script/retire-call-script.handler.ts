import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CommandRunner } from '#libs/event-sourcing';
import { UseCaseCommand } from '#libs/platform';
import { runOnCallScript, type CallScriptRevision } from '../call-scripts/run-on-call-script';

export class RetireCallScriptCommand extends UseCaseCommand<{ readonly scriptId: string; readonly reason?: string }, CallScriptRevision> {}

@CommandHandler(RetireCallScriptCommand)
export class RetireCallScriptHandler implements ICommandHandler<RetireCallScriptCommand> {
  constructor(private readonly runner: CommandRunner) {}

  execute({ input, envelope, options }: RetireCallScriptCommand): Promise<CallScriptRevision> {
    return runOnCallScript(this.runner, { type: 'RetireCallScript', ...input }, envelope, options);
  }
}
