/** What every account use case's handler does with its command: run it on the account's stream, answer its revision. */
import type { CommandEnvelope, CommandRunner, RunOptions } from '#libs/event-sourcing';
import { accountDecider, accountStreamId, type AccountCommand } from './account.decider';

export interface AccountRevision {
  readonly accountId: string;
  readonly revision: number;
}

export async function runOnAccount(runner: CommandRunner, accountId: string, command: AccountCommand, envelope: CommandEnvelope, options: RunOptions): Promise<AccountRevision> {
  const { revision } = await runner.run(accountDecider, accountStreamId(accountId), command, envelope, options);
  return { accountId, revision };
}
