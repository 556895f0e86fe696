import { Module } from '@nestjs/common';
import { AssignLeadHandler } from './assign-lead/assign-lead.handler';
import { AssignLeadController } from './assign-lead/assign-lead.http';
import { CallScriptCatalogueHost } from './call-scripts/call-script-catalogue.host';
import { GetCallScriptHandler } from './call-scripts/get-call-script.handler';
import { GetCallScriptController } from './call-scripts/get-call-script.http';
import { ListCallScriptsHandler } from './call-scripts/list-call-scripts.handler';
import { ListCallScriptsController } from './call-scripts/list-call-scripts.http';
import { PublishCallScriptHandler } from './publish-call-script/publish-call-script.handler';
import { PublishCallScriptController } from './publish-call-script/publish-call-script.http';
import { RetireCallScriptHandler } from './retire-call-script/retire-call-script.handler';
import { RetireCallScriptController } from './retire-call-script/retire-call-script.http';
import { CaptureLeadHandler } from './capture-lead/capture-lead.handler';
import { CaptureLeadController } from './capture-lead/capture-lead.http';
import { ImportLeadsHandler } from './import-leads/import-leads.handler';
import { ImportLeadsController } from './import-leads/import-leads.http';
import { LeadIdentityHost } from './import-leads/lead-identity.host';
import { DisqualifyLeadHandler } from './disqualify-lead/disqualify-lead.handler';
import { DisqualifyLeadController } from './disqualify-lead/disqualify-lead.http';
import { HandOffLeadHandler } from './hand-off-lead/hand-off-lead.handler';
import { HandOffLeadController } from './hand-off-lead/hand-off-lead.http';
import { GetLeadHandler } from './lead/get-lead.handler';
import { GetLeadController } from './lead/get-lead.http';
import { LogContactAttemptHandler } from './log-contact-attempt/log-contact-attempt.handler';
import { LogContactAttemptController } from './log-contact-attempt/log-contact-attempt.http';
import { QualifyLeadHandler } from './qualify-lead/qualify-lead.handler';
import { QualifyLeadController } from './qualify-lead/qualify-lead.http';

/**
 * Prospecting's use cases: each folder's route (`*.http.ts`) sends its command to the CommandBus, whose handler
 * (`*.handler.ts`) runs the decider with the folder's decide function (`*.command.ts`); a read sends its query to the
 * QueryBus, whose handler folds the stream. Needs PlatformModule and EventStoreModule mounted.
 */
@Module({
  controllers: [
    ImportLeadsController,
    CaptureLeadController,
    GetLeadController,
    AssignLeadController,
    LogContactAttemptController,
    QualifyLeadController,
    DisqualifyLeadController,
    HandOffLeadController,
    ListCallScriptsController,
    GetCallScriptController,
    PublishCallScriptController,
    RetireCallScriptController,
  ],
  providers: [
    LeadIdentityHost,
    CallScriptCatalogueHost,
    ImportLeadsHandler,
    CaptureLeadHandler,
    GetLeadHandler,
    AssignLeadHandler,
    LogContactAttemptHandler,
    QualifyLeadHandler,
    DisqualifyLeadHandler,
    HandOffLeadHandler,
    GetCallScriptHandler,
    ListCallScriptsHandler,
    PublishCallScriptHandler,
    RetireCallScriptHandler,
  ],
})
export class ProspectingModule {}
