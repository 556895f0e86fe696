/**
 * Retention (PRIVACY_RETENTION_DAYS): a scheduled process that erases what is no longer needed. It follows the
 * store (LeadDisqualified, AccountChurned, PersonalDataErased) into its RetentionSchedule and, every
 * PRIVACY_RETENTION_CHECK_SECONDS, erases each subject that is due through the erase use case (reason
 * `retention`, with the rule and the days). Idempotent (an erased subject is passed over; erasing twice records
 * once), resumable (the schedule is rebuilt from the store at every start), and in /health as `privacyRetention`.
 * Several instances may run it: they erase the same subjects, which records each erasure once.
 */
import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { EVENT_STORE, PersonalDataStore, inView, newUuidV7, type EventStore } from '#libs/event-store';
import { APP_CONFIG, HealthIndicators, StoreFollower, type AppConfig } from '#libs/platform';
import { ErasePersonalDataCommand } from './erase-personal-data.handler';
import { RETENTION_EVENT_TYPES, RetentionSchedule } from './retention-schedule';

export interface RetentionStatus {
  readonly state: 'off' | 'catching-up' | 'waiting' | 'erasing' | 'failed' | 'stopped';
  readonly days?: number;
  /** Subjects that will be due (disqualified leads, churned accounts not yet erased). */
  readonly pending: number;
  readonly erased: number;
  readonly lastRunAt: string | null;
  readonly error?: string;
}

const ACTOR = { userId: 'privacy-retention', role: 'service' } as const;

@Injectable()
export class RetentionHost implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('PrivacyRetention');
  private readonly schedule = new RetentionSchedule();
  private readonly follower = new StoreFollower('PrivacyRetention', RETENTION_EVENT_TYPES, (event) => this.schedule.apply(event));
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private state: RetentionStatus['state'] = 'off';
  private erased = 0;
  private lastRunAt: Date | null = null;
  private error: string | undefined;
  private stopping = false;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly commandBus: CommandBus,
    health: HealthIndicators,
  ) {
    health.register({ name: 'privacyRetention', check: async () => ({ healthy: this.state !== 'failed', ...this.status() }) });
  }

  onApplicationBootstrap(): void {
    if (this.config.privacy.retentionDays === undefined) return;
    this.state = 'catching-up';
    this.follower.start(inView(this.store, 'omit'));
    const every = this.config.privacy.retentionCheckSeconds * 1000;
    void this.follower.whenCaughtUp().then(() => {
      if (this.stopping) return;
      this.state = 'waiting';
      this.tick();
      this.timer = setInterval(() => this.tick(), every);
    });
  }

  status(): RetentionStatus {
    return {
      state: this.state,
      ...(this.config.privacy.retentionDays !== undefined ? { days: this.config.privacy.retentionDays } : {}),
      pending: this.schedule.size,
      erased: this.erased,
      lastRunAt: this.lastRunAt?.toISOString() ?? null,
      ...(this.error !== undefined ? { error: this.error } : {}),
    };
  }

  /** One run now (and resolves when it is done): what the timer does. */
  runOnce(): Promise<void> {
    this.running ??= this.run().finally(() => (this.running = undefined));
    return this.running;
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    if (this.timer) clearInterval(this.timer);
    if (this.state !== 'off') this.state = 'stopped';
    await this.running;
    await this.follower.stop();
  }

  private tick(): void {
    void this.runOnce();
  }

  private async run(): Promise<void> {
    const days = this.config.privacy.retentionDays!;
    const store = this.store;
    if (!(store instanceof PersonalDataStore) || this.stopping) return;
    this.state = 'erasing';
    try {
      const due = this.schedule.due(new Date(), days);
      const subjects = await store.keys.subjectsOfOwners(due.map((each) => each.ownerId));
      for (const { ownerId, rule } of due) {
        if (this.stopping) return;
        const subjectId = subjects.get(ownerId) ?? ownerId;
        if ((await store.keys.erasedAt(subjectId)) === undefined) {
          const envelope = { actor: ACTOR, correlationId: newUuidV7(), causationId: null, now: new Date(), idempotencyKey: `retention:${subjectId}` };
          await this.commandBus.execute(new ErasePersonalDataCommand({ subjectId, reason: 'retention', retention: { rule, days } }, envelope));
          this.erased += 1;
        }
        this.schedule.done(ownerId);
      }
      this.error = undefined;
      if (!this.stopping) this.state = 'waiting';
    } catch (error) {
      // Tried again at the next run: what was erased stays erased, the rest is still due.
      this.error = (error as Error).message;
      if (!this.stopping) this.state = 'waiting';
      this.logger.warn(`a retention run stopped: ${this.error}`);
    } finally {
      this.lastRunAt = new Date();
    }
  }
}
