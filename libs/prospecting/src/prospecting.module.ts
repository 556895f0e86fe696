import { Module } from '@nestjs/common';
import { AssignLeadController } from './assign-lead/assign-lead.http';
import { CallScriptsController } from './call-scripts/call-scripts.http';
import { CaptureLeadController } from './capture-lead/capture-lead.http';
import { ImportLeadsController } from './import-leads/import-leads.http';
import { LeadIdentityHost } from './import-leads/lead-identity.host';
import { DisqualifyLeadController } from './disqualify-lead/disqualify-lead.http';
import { HandOffLeadController } from './hand-off-lead/hand-off-lead.http';
import { GetLeadController } from './lead/get-lead.http';
import { LeadReader } from './lead/lead-reader';
import { LogContactAttemptController } from './log-contact-attempt/log-contact-attempt.http';
import { QualifyLeadController } from './qualify-lead/qualify-lead.http';

/** Prospecting's HTTP routes and command handlers; needs PlatformModule and EventStoreModule mounted. */
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
    CallScriptsController,
  ],
  providers: [LeadReader, LeadIdentityHost],
})
export class ProspectingModule {}
