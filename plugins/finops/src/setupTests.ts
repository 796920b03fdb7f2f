import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';

// findBy*/waitFor wait up to 10 s: the whole suite shares two cores with the
// store tests, and the 1 s default fails on a busy machine, not on a bug.
configure({ asyncUtilTimeout: 10_000 });

// recharts' ResponsiveContainer observes its size; jsdom has no ResizeObserver
class NoopResizeObserver {
  observe() {}
  unobserve() {}
  disconnect() {}
}
if (!('ResizeObserver' in globalThis)) {
  (globalThis as any).ResizeObserver = NoopResizeObserver;
}

// the views wait on several requests in turn; on a busy machine a second is short
configure({ asyncUtilTimeout: 5000 });
