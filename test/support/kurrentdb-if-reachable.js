// The first step of `npm test`: runs the KurrentDB suite (`npm run test:kurrentdb`) when a KurrentDB is reachable —
// KURRENTDB_URL is set, or a Docker engine answers for testcontainers — and fails `npm test` if it fails. Where
// neither, it runs nothing and Jest's global teardown ends the run with one loud line saying that the KurrentDB
// suite did not run and why (test/support/global-teardown.ts): it is never counted as passed. Plain JavaScript, so
// that it runs before anything is compiled; the finder itself is test/support/kurrentdb-server.ts.
const { spawnSync } = require('node:child_process');

async function reachable() {
  if (process.env.KURRENTDB_URL && process.env.KURRENTDB_URL.trim() !== '') return 'KURRENTDB_URL is set';
  try {
    await require('testcontainers').getContainerRuntimeClient();
    return 'a Docker engine answers';
  } catch {
    return undefined;
  }
}

reachable().then((why) => {
  if (why === undefined) return;
  console.log(`== the KurrentDB suite first (${why}): npm run test:kurrentdb`);
  const run = spawnSync('npm', ['run', '-s', 'test:kurrentdb'], { stdio: 'inherit' });
  if (run.status !== 0) {
    console.log('the KurrentDB suite failed: npm test stops here');
    process.exit(run.status ?? 1);
  }
});
