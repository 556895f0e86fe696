// Summarises a Jest --json report for CI's log: what passed and failed, and the slowest files (where the time goes).
// Usage: node .ci/test-report.js <label> <report.json>. Exits 1 when the report holds no test at all.
const [label, file] = process.argv.slice(2);
const report = JSON.parse(require('fs').readFileSync(file, 'utf8'));
console.log(`${label}: ${report.numPassedTests} passed, ${report.numFailedTests + report.numRuntimeErrorTestSuites} failed`);
const slowest = report.testResults
  .map((result) => [(result.endTime - result.startTime) / 1000, result.name.replace(/^.*?\/(test|libs|apps)\//, '$1/')])
  .sort((a, b) => b[0] - a[0])
  .slice(0, 8);
console.log(`slowest files: ${slowest.map(([seconds, name]) => `${name} ${seconds.toFixed(0)} s`).join(', ')}`);
if (report.numTotalTests === 0) {
  console.log(`no test ran (${label})`);
  process.exit(1);
}
