import { Controller, Get, Param, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ParseIdPipe, RequirePermission } from '#libs/platform';
import type { AccountView } from './account.view';
import { GetAccountQuery } from './get-account.handler';

@ApiTags('accounts')
@ApiBearerAuth()
@Controller('accounts')
export class GetAccountController {
  constructor(private readonly queryBus: QueryBus) {}

  /** The account with its owner, revenue, touchpoints and repeat sales; the ETag is its revision. */
  @ApiOperation({ summary: 'An account with its history' })
  @Get(':accountId')
  @RequirePermission('account:read')
  async get(@Param('accountId', new ParseIdPipe('accountId')) accountId: string, @Res({ passthrough: true }) response: Response): Promise<AccountView> {
    const view = await this.queryBus.execute(new GetAccountQuery({ accountId }));
    response.setHeader('ETag', `"${view.revision}"`);
    return view;
  }
}
