import { Controller, Get, Param, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ParseIdPipe, RequirePermission, revisionETag } from '#libs/platform';
import { ACCOUNT_PAGE_SCHEMA } from './account-page.schema';
import { GetAccountQuery, type AccountPage } from './get-account.handler';

@ApiTags('accounts')
@ApiBearerAuth()
@Controller('accounts')
export class GetAccountController {
  constructor(private readonly queryBus: QueryBus) {}

  /** The account with its owner, revenue, touchpoints and repeat sales; the ETag is its revision. */
  @ApiOperation({ summary: 'An account with its history' })
  @ApiOkResponse({ schema: ACCOUNT_PAGE_SCHEMA, headers: revisionETag('account') })
  @Get(':accountId')
  @RequirePermission('account:read')
  async get(@Param('accountId', new ParseIdPipe('accountId')) accountId: string, @Res({ passthrough: true }) response: Response): Promise<AccountPage> {
    const view = await this.queryBus.execute(new GetAccountQuery({ accountId }));
    response.setHeader('ETag', `"${view.revision}"`);
    return view;
  }
}
