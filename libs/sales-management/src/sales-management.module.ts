import { Module } from '@nestjs/common';
import { CancelTaskHandler } from './cancel-task/cancel-task.handler';
import { CancelTaskController } from './cancel-task/cancel-task.http';
import { ChangeRepRoleHandler } from './change-rep-role/change-rep-role.handler';
import { ChangeRepRoleController } from './change-rep-role/change-rep-role.http';
import { CompleteTaskHandler } from './complete-task/complete-task.handler';
import { CompleteTaskController } from './complete-task/complete-task.http';
import { JoinRepHandler } from './join-rep/join-rep.handler';
import { JoinRepController } from './join-rep/join-rep.http';
import { GetPlanHandler } from './plans/get-plan.handler';
import { GetPlanController } from './plans/get-plan.http';
import { RecordRepLeftHandler } from './rep-leaves/rep-leaves.handler';
import { RecordRepLeftController } from './rep-leaves/rep-leaves.http';
import { RequestTaskHandler } from './request-task/request-task.handler';
import { RequestTaskController } from './request-task/request-task.http';
import { GetTeamHandler } from './roster/get-team.handler';
import { GetTeamController } from './roster/get-team.http';
import { SetPlanHandler } from './set-plan/set-plan.handler';
import { SetPlanController } from './set-plan/set-plan.http';
import { SetRepAvailabilityHandler } from './set-rep-availability/set-rep-availability.handler';
import { SetRepAvailabilityController } from './set-rep-availability/set-rep-availability.http';
import { GetTaskHandler } from './tasks/get-task.handler';
import { GetTaskController } from './tasks/get-task.http';
import { ErasePersonalDataHandler } from './privacy/erase-personal-data.handler';
import { GetSubjectHandler } from './privacy/get-subject.handler';
import { PrivacyController } from './privacy/privacy.http';
import { RetentionHost } from './privacy/retention.host';

/**
 * The head of sales' own context: the roster, sales plans, assistant tasks, and the erasure of personal data. Each use-case folder's route
 * (`*.http.ts`) sends its command to the CommandBus, whose handler (`*.handler.ts`) runs the decider, or its
 * query to the QueryBus, whose handler reads.
 */
@Module({
  controllers: [
    GetTeamController,
    JoinRepController,
    ChangeRepRoleController,
    SetRepAvailabilityController,
    RecordRepLeftController,
    SetPlanController,
    GetPlanController,
    RequestTaskController,
    GetTaskController,
    CompleteTaskController,
    CancelTaskController,
    PrivacyController,
  ],
  providers: [
    GetTeamHandler,
    JoinRepHandler,
    ChangeRepRoleHandler,
    SetRepAvailabilityHandler,
    RecordRepLeftHandler,
    SetPlanHandler,
    GetPlanHandler,
    RequestTaskHandler,
    GetTaskHandler,
    CompleteTaskHandler,
    CancelTaskHandler,
    ErasePersonalDataHandler,
    GetSubjectHandler,
    RetentionHost,
  ],
})
export class SalesManagementModule {}
