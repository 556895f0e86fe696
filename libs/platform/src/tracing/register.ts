/** The first import of every app's main (`#tracing`): tracing starts before http, pg and kafkajs are loaded (tracing.ts). */
import { startTracing } from './tracing';

startTracing();
