/**
 * Personal data on request (GDPR art. 17, 152-FZ art. 21): see whether a data subject's data is kept, and erase
 * it. A subject is a lead's contact person (`lead-<leadId>`, also the subject of the deal and account that came
 * from the lead, whose views name it) or a task of its own (`task-<taskId>`).
 */
import { Body, Controller, Get, HttpCode, Param, Post, Req, Res, type PipeTransform } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiParam, ApiProperty, ApiTags } from '@nestjs/swagger';
import { BadRequestException } from '@nestjs/common';
import { IsIn } from 'class-validator';
import type { Request, Response } from 'express';
import { SUBJECT_ID_PATTERN, type Actor } from '#libs/contracts';
import { CurrentActor, RequirePermission, runCommandRoute } from '#libs/platform';
import { ErasePersonalDataCommand, type ErasureResult } from './erase-personal-data.handler';
import { GetSubjectQuery, type SubjectView } from './get-subject.handler';

const SUBJECT_ID = new RegExp(SUBJECT_ID_PATTERN);

class ParseSubjectIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!SUBJECT_ID.test(value)) {
      throw new BadRequestException({ code: 'invalid-request', field: 'subjectId', message: 'subjectId: must be lead-<leadId> or task-<taskId>' });
    }
    return value;
  }
}

/** Why the data goes: the person asked, or something else the privacy officer records. Retention erases by itself. */
export class ErasePersonalDataDto {
  @ApiProperty({ enum: ['data-subject-request', 'other'] })
  @IsIn(['data-subject-request', 'other'])
  reason!: 'data-subject-request' | 'other';
}

@ApiTags('privacy')
@ApiBearerAuth()
@Controller('privacy/subjects')
export class PrivacyController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly queryBus: QueryBus,
  ) {}

  @ApiOperation({ summary: "Whether a data subject's personal data is kept or erased" })
  @ApiParam({ name: 'subjectId', example: 'lead-0190d1c2-3a4b-7c5d-8e6f-708192a3b4c5' })
  @Get(':subjectId')
  @RequirePermission('privacy:read')
  get(@Param('subjectId', new ParseSubjectIdPipe()) subjectId: string): Promise<SubjectView> {
    return this.queryBus.execute(new GetSubjectQuery({ subjectId }));
  }

  @ApiOperation({
    summary: "Erase a data subject's personal data",
    description:
      "Destroys the subject's key and records PersonalDataErased. From then on its fields read as erased (null, with " +
      '`erased`) in every view, export, replay and on Kafka; counts and amounts stay. Erasing again changes nothing.',
  })
  @ApiParam({ name: 'subjectId', example: 'lead-0190d1c2-3a4b-7c5d-8e6f-708192a3b4c5' })
  @Post(':subjectId/erase')
  @HttpCode(200)
  @RequirePermission('privacy:erase')
  erase(
    @Param('subjectId', new ParseSubjectIdPipe()) subjectId: string,
    @Body() body: ErasePersonalDataDto,
    @CurrentActor() actor: Actor,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ErasureResult> {
    const input = { subjectId, reason: body.reason };
    return runCommandRoute(this.commandBus, request, response, actor, (envelope, options) => new ErasePersonalDataCommand(input, envelope, options));
  }
}
