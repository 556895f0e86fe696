import { Module } from '@nestjs/common';
import { AccountCommandHandler } from './account/account-command.handler';
import { AccountReader } from './account/account-reader';
import { AccountsController } from './account/accounts.http';

/** Account-management's HTTP routes and command handlers; needs PlatformModule, EventStoreModule and ProjectionsModule. */
@Module({ controllers: [AccountsController], providers: [AccountCommandHandler, AccountReader] })
export class AccountManagementModule {}
