import { Module } from '@nestjs/common';
import { AccountReader } from './account/account-reader';
import { AccountsController } from './account/accounts.http';

/** Account-management's HTTP routes and command handlers; needs PlatformModule and EventStoreModule. */
@Module({ controllers: [AccountsController], providers: [AccountReader] })
export class AccountManagementModule {}
