import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';

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
