// The npm `assert` package expects a `process` global; the web extension host has none.
export const process = {
  env: {},
  argv: [],
  platform: 'browser',
  version: '',
  versions: {},
  cwd: () => '/',
  nextTick: (fn, ...args) => Promise.resolve().then(() => fn(...args)),
};
