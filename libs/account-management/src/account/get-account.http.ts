import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ParseIdPipe, RequirePermission } from '#libs/platform';
import { AccountReader } from './account-reader';
import type { AccountView } from './account.view';

@ApiTags('accounts')
@ApiBearerAuth()
@Controller('accounts')
export class GetAccountController {
  constructor(private readonly accounts: AccountReader) {}

  /** The account with its owner, revenue, touchpoints and repeat sales; the ETag is its revision. */
  @ApiOperation({ summary: 'An account with its history' })
  @Get(':accountId')
  @RequirePermission('account:read')
  async get(@Param('accountId', new ParseIdPipe('accountId')) accountId: string, @Res({ passthrough: true }) response: Response): Promise<AccountView> {
    const view = await this.accounts.get(accountId);
    response.setHeader('ETag', `"${view.revision}"`);
    return view;
  }
}
