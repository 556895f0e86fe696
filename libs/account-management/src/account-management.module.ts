import { Module } from '@nestjs/common';
import { GetAccountHandler } from './account/get-account.handler';
import { GetAccountController } from './account/get-account.http';
import { AssignFarmerHandler } from './assign-farmer/assign-farmer.handler';
import { AssignFarmerController } from './assign-farmer/assign-farmer.http';
import { CloseRepeatSaleHandler } from './close-repeat-sale/close-repeat-sale.handler';
import { CloseRepeatSaleController } from './close-repeat-sale/close-repeat-sale.http';
import { DemoteAccountFromKeyHandler } from './demote-from-key/demote-from-key.handler';
import { DemoteAccountFromKeyController } from './demote-from-key/demote-from-key.http';
import { FlagChurnRiskHandler } from './flag-churn-risk/flag-churn-risk.handler';
import { FlagChurnRiskController } from './flag-churn-risk/flag-churn-risk.http';
import { LogTouchpointHandler } from './log-touchpoint/log-touchpoint.handler';
import { LogTouchpointController } from './log-touchpoint/log-touchpoint.http';
import { OpenAccountHandler } from './open-account/open-account.handler';
import { OpenRepeatSaleHandler } from './open-repeat-sale/open-repeat-sale.handler';
import { OpenRepeatSaleController } from './open-repeat-sale/open-repeat-sale.http';
import { PromoteAccountIfOverThresholdHandler } from './promote-to-key/promote-on-revenue.handler';
import { PromoteAccountToKeyHandler } from './promote-to-key/promote-to-key.handler';
import { PromoteToKeyController } from './promote-to-key/promote-to-key.http';
import { RecordChurnHandler } from './record-churn/record-churn.handler';
import { RecordChurnController } from './record-churn/record-churn.http';

/**
 * Account-management's use cases: each folder's route (`*.http.ts`) sends its command to the CommandBus, whose
 * handler (`*.handler.ts`) runs the account's decider with the folder's decide function (`*.command.ts`); a
 * read sends its query to the QueryBus, whose handler folds the account's stream.
 * Needs PlatformModule and EventStoreModule mounted.
 */
@Module({
  controllers: [
    GetAccountController,
    LogTouchpointController,
    OpenRepeatSaleController,
    CloseRepeatSaleController,
    PromoteToKeyController,
    DemoteAccountFromKeyController,
    AssignFarmerController,
    FlagChurnRiskController,
    RecordChurnController,
  ],
  providers: [
    GetAccountHandler,
    LogTouchpointHandler,
    OpenRepeatSaleHandler,
    CloseRepeatSaleHandler,
    PromoteAccountToKeyHandler,
    DemoteAccountFromKeyHandler,
    AssignFarmerHandler,
    FlagChurnRiskHandler,
    RecordChurnHandler,
    OpenAccountHandler,
    PromoteAccountIfOverThresholdHandler,
  ],
})
export class AccountManagementModule {}
