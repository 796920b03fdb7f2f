import '@testing-library/jest-dom';

// recharts' ResponsiveContainer observes its size; jsdom has no ResizeObserver
class NoopResizeObserver {
  observe() {}
  unobserve() {}
  disconnect() {}
}
if (!('ResizeObserver' in globalThis)) {
  (globalThis as any).ResizeObserver = NoopResizeObserver;
}
