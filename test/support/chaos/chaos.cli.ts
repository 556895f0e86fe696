/**
 * npm run chaos -- [--minutes N] [--kill-every-seconds S] [--clients C] [--seed X]
 * The chaos run (./chaos-run.ts) for as long as asked (default 20 minutes); prints the figures and exits 0 when
 * nothing was lost or duplicated and the read models, the topics and the consumers agree with the store, 1 otherwise.
 */
import { parseArgs } from 'node:util';
import { runChaos } from './chaos-run';
import { chaosProblems } from './verdict';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      minutes: { type: 'string', default: '20' },
      'kill-every-seconds': { type: 'string', default: '5' },
      clients: { type: 'string', default: '6' },
      seed: { type: 'string' },
    },
  });
  const number = (name: string, text: string | undefined, min: number, max: number): number => {
    const value = Number(text);
    if (!Number.isFinite(value) || value < min || value > max) throw new Error(`--${name} must be a number from ${min} to ${max} (got "${text}")`);
    return value;
  };
  const report = await runChaos({
    durationMs: number('minutes', values.minutes, 0.25, 24 * 60) * 60_000,
    killEveryMs: number('kill-every-seconds', values['kill-every-seconds'], 0.5, 3600) * 1000,
    clients: number('clients', values.clients, 1, 64),
    ...(values.seed === undefined ? {} : { seed: number('seed', values.seed, 0, 2 ** 32) }),
  });
  const problems = chaosProblems(report);
  if (problems.length > 0) {
    process.stdout.write(`FAILED:\n${problems.map((problem) => `  ${problem}`).join('\n')}\n`);
    process.exit(1);
  }
  process.stdout.write('passed: nothing lost, nothing duplicated\n');
  process.exit(0);
}

main().catch((error: Error) => {
  process.stderr.write(`${error.stack ?? error.message}\n`);
  process.exit(1);
});
