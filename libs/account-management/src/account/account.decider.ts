/** The Account aggregate (stream `account-<accountId>`): each command's rule lives in its use-case folder. */
import { assertNever, type Decider } from '#libs/event-sourcing';
import type { AccountEvent } from '#libs/contracts';
import { decideAssignFarmer, type AssignFarmer } from '../assign-farmer/assign-farmer.command';
import { decideCloseRepeatSale, type CloseRepeatSale } from '../close-repeat-sale/close-repeat-sale.command';
import { decideDemoteAccountFromKey, type DemoteAccountFromKey } from '../demote-from-key/demote-from-key.command';
import { decideFlagChurnRisk, type FlagChurnRisk } from '../flag-churn-risk/flag-churn-risk.command';
import { decideLogTouchpoint, type LogTouchpoint } from '../log-touchpoint/log-touchpoint.command';
import { decideOpenAccount, type OpenAccount } from '../open-account/open-account.command';
import { decideOpenRepeatSale, type OpenRepeatSale } from '../open-repeat-sale/open-repeat-sale.command';
import {
  decidePromoteAccountIfOverThreshold,
  decidePromoteAccountToKey,
  type PromoteAccountIfOverThreshold,
  type PromoteAccountToKey,
} from '../promote-to-key/promote-to-key.command';
import { decideRecordChurn, type RecordChurn } from '../record-churn/record-churn.command';
import { evolveAccount, initialAccountState, type AccountState } from './account.state';

export type AccountCommand =
  | OpenAccount
  | AssignFarmer
  | LogTouchpoint
  | OpenRepeatSale
  | CloseRepeatSale
  | PromoteAccountToKey
  | PromoteAccountIfOverThreshold
  | DemoteAccountFromKey
  | FlagChurnRisk
  | RecordChurn;

export const accountStreamId = (accountId: string): string => `account-${accountId}`;

export const accountDecider: Decider<AccountCommand, AccountEvent, AccountState> = {
  initialState: initialAccountState,
  evolve: evolveAccount,
  decide(command, state) {
    switch (command.type) {
      case 'OpenAccount':
        return decideOpenAccount(command, state);
      case 'AssignFarmer':
        return decideAssignFarmer(command, state);
      case 'LogTouchpoint':
        return decideLogTouchpoint(command, state);
      case 'OpenRepeatSale':
        return decideOpenRepeatSale(command, state);
      case 'CloseRepeatSale':
        return decideCloseRepeatSale(command, state);
      case 'PromoteAccountToKey':
        return decidePromoteAccountToKey(command, state);
      case 'PromoteAccountIfOverThreshold':
        return decidePromoteAccountIfOverThreshold(command, state);
      case 'DemoteAccountFromKey':
        return decideDemoteAccountFromKey(command, state);
      case 'FlagChurnRisk':
        return decideFlagChurnRisk(command, state);
      case 'RecordChurn':
        return decideRecordChurn(command, state);
      default:
        return assertNever(command);
    }
  },
};
