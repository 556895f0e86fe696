/**
 * What operators scrape: GET /metrics in Prometheus' text format (prom-client), one registry per app.
 * - HTTP: requests and their duration by method, route template (`/leads/:leadId`, never a filled-in path: ids
 *   are not labels) and status;
 * - commands (HTTP and process managers alike): by command type and outcome, their duration, the events they
 *   appended and the concurrent appends they met;
 * - the process: prom-client's defaults (CPU, resident memory, heap, event-loop delay, GC);
 * - each part /health reports, read at the scrape: healthy and ready, the store's round trip, every projection's
 *   and the relay's lag (events and seconds behind), each follower's and process manager's progress.
 * No label or value holds personal data or a token: routes are templates, parts and projections are names.
 */
import { Injectable } from '@nestjs/common';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { CommandObservation } from '#libs/event-sourcing';

/** Seconds: a command's answer is expected in milliseconds, a slow export in seconds. */
const DURATION_BUCKETS = [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

@Injectable()
export class Metrics {
  readonly registry = new Registry();
  readonly httpRequests = new Counter({
    name: 'http_requests_total',
    help: 'HTTP requests answered, by method, route template and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [this.registry],
  });
  readonly httpDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'Time from a request arriving to its answer finished, by method, route template and status class',
    labelNames: ['method', 'route', 'status_class'] as const,
    buckets: DURATION_BUCKETS,
    registers: [this.registry],
  });
  readonly commands = new Counter({
    name: 'sales_ops_commands_total',
    help: 'Commands run, by command type and outcome (written, unchanged, repeat, conflict, refused, failed): HTTP and process managers',
    labelNames: ['command', 'outcome'] as const,
    registers: [this.registry],
  });
  readonly commandDuration = new Histogram({
    name: 'sales_ops_command_duration_seconds',
    help: 'Time a command took from its load to its append or refusal, retries included, by command type and outcome',
    labelNames: ['command', 'outcome'] as const,
    buckets: DURATION_BUCKETS,
    registers: [this.registry],
  });
  readonly eventsAppended = new Counter({
    name: 'sales_ops_events_appended_total',
    help: 'Events commands appended to the store, by command type',
    labelNames: ['command'] as const,
    registers: [this.registry],
  });
  readonly appendConflicts = new Counter({
    name: 'sales_ops_append_conflicts_total',
    help: "Concurrent appends a command met (another writer moved its stream, or the client's If-Match was stale), by command type",
    labelNames: ['command'] as const,
    registers: [this.registry],
  });
  readonly partHealthy = this.gauge('sales_ops_part_healthy', 'A part of the process as /health reports it: 1 healthy, 0 failed', ['part']);
  readonly partReady = this.gauge('sales_ops_part_ready', 'A part of the process as /health/ready counts it: 1 ready, 0 not yet', ['part']);
  readonly storeReachable = this.gauge('sales_ops_store_reachable', 'The event store answered its health check: 1 yes, 0 no', []);
  readonly storeRoundTrip = this.gauge('sales_ops_store_health_seconds', "The event store's health check's round trip at the last scrape", []);
  readonly eventsBehind = this.gauge('sales_ops_events_behind', "Events between a reader's position and the store's head (projection, relay); approximate on PostgreSQL", ['reader']);
  readonly secondsBehind = this.gauge('sales_ops_seconds_behind', 'Seconds between the newest event a reader has read and now, while it catches up (projection, relay)', ['reader']);
  readonly eventsHandled = this.gauge('sales_ops_events_handled', 'Events a reader has applied or handled since it started (follower, process manager, projection)', ['reader']);
  readonly live = this.gauge('sales_ops_reader_live', 'A reader of the store is live (caught up): 1 yes, 0 no', ['reader']);

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  /** Counts a command that ended (CommandRunner's observer). */
  readonly commandEnded = (observation: CommandObservation): void => {
    const { command, outcome } = observation;
    this.commands.inc({ command, outcome });
    this.commandDuration.observe({ command, outcome }, observation.seconds);
    if (observation.events > 0) this.eventsAppended.inc({ command }, observation.events);
    if (observation.conflicts > 0) this.appendConflicts.inc({ command }, observation.conflicts);
  };

  private gauge<L extends string>(name: string, help: string, labelNames: readonly L[]): Gauge<L> {
    return new Gauge({ name, help, labelNames, registers: [this.registry] });
  }
}
