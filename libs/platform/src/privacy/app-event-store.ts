/** The store as every Sales-ops process opens it: the configured adapter behind the personal-data layer. */
import { openPersonalDataStore, parseMasterKey, type PersonalDataStore } from '#libs/event-store';
import { loadOrCreatePrivacyMasterKey } from '../auth/jwt-secret';
import type { AppConfig } from '../config/app-config';

/** The personal-data master key: PRIVACY_MASTER_KEY, or the one generated into DATA_DIR. */
export function privacyMasterKey(config: Pick<AppConfig, 'dataDir' | 'privacy'>): Buffer {
  return parseMasterKey(loadOrCreatePrivacyMasterKey(config.dataDir, config.privacy.masterKey));
}

/** Opens EVENT_STORE_URL as the apps do (the CLI, the simulator, the demo); on KurrentDB the keys are in READ_MODEL_URL's database. */
export function openAppEventStore(
  config: Pick<AppConfig, 'eventStoreUrl' | 'eventStorePoolSize' | 'readModelUrl' | 'dataDir' | 'privacy'>,
  eventStoreUrl = config.eventStoreUrl,
): Promise<PersonalDataStore> {
  return openPersonalDataStore(eventStoreUrl, { poolSize: config.eventStorePoolSize, readModelUrl: config.readModelUrl, masterKey: privacyMasterKey(config) });
}
