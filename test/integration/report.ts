/** Reports each test on the console in one form both hosts share, ending with a line the runner counts. */
export const RESULT_PREFIX = 'KUBE-CONCEPTS-RESULT ';

interface RunnerLike {
  on(event: 'pass', fn: (test: { fullTitle(): string }) => void): unknown;
  on(event: 'fail', fn: (test: { fullTitle(): string }, err: { message?: string; stack?: string }) => void): unknown;
  on(event: 'end', fn: () => void): unknown;
}

export function reportTo(runner: RunnerLike, host: string): void {
  let passed = 0;
  let failed = 0;
  runner.on('pass', test => {
    passed++;
    console.log(`  ✓ [${host}] ${test.fullTitle()}`);
  });
  runner.on('fail', (test, err) => {
    failed++;
    console.log(
      `  ✗ [${host}] ${test.fullTitle()}\n      ${(err.stack ?? err.message ?? String(err)).split('\n').slice(0, 6).join('\n      ')}`,
    );
  });
  runner.on('end', () => console.log(`${RESULT_PREFIX}${JSON.stringify({ host, passed, failed })}`));
}
