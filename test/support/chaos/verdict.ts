/** What makes a chaos run fail: each problem named, with the first few cases (an empty list: it passed). */
import type { ChaosReport } from './chaos-run';

export function chaosProblems(report: ChaosReport): string[] {
  const problems: string[] = [];
  const check = (what: string, cases: readonly string[]): void => {
    if (cases.length > 0) problems.push(`${what}: ${cases.length} — ${cases.slice(0, 5).join('; ')}`);
  };
  check('accepted commands not in the store', report.commands.lost);
  check('commands written more than once', report.commands.duplicated);
  check('process-manager steps taken more than once', report.steps.duplicated);
  check('process-manager steps never taken', report.steps.missing);
  check('read-model documents unlike a fresh replay', report.readModels.differences);
  check('stored events missing from Kafka', report.kafka.report.missing);
  check('streams out of order in Kafka', report.kafka.report.outOfOrder);
  check('streams split over partitions', report.kafka.report.splitStreams);
  if (report.kafka.unknown !== 0) problems.push(`Kafka messages that are no stored event: ${report.kafka.unknown}`);
  check('events the consumer group never handled', report.consumers.missing);
  check('events the consumer group handled twice', report.consumers.repeated);
  check('consumer rows of no stored event', report.consumers.unknown);
  check('stories a client could not finish', report.abandonedStories);
  if (report.commands.refused > 0) problems.push(`commands refused: ${report.commands.refused} (the traffic sends only commands the rules allow)`);
  if (report.commands.unanswered > 0) problems.push(`commands never answered within the client's patience: ${report.commands.unanswered}`);
  if (report.postgresRestarts !== 1 || report.brokerRestarts !== 1) problems.push(`PostgreSQL restarted ${report.postgresRestarts}×, the broker ${report.brokerRestarts}× (once each expected)`);
  if (Object.keys(report.kills).length === 0) problems.push('no process was killed');
  return problems;
}
