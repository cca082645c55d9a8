// Writes the pass/fail counts where .ci/run can print its one plain line.
const fs = require('node:fs');
class CountReporter {
  onRunComplete(_contexts, results) {
    const file = process.env.SLIPWAY_TEST_COUNTS;
    if (!file) return;
    const failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
    fs.writeFileSync(file, `${results.numPassedTests} passed, ${failed} failed\n`);
  }
}
module.exports = CountReporter;
