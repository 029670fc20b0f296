/**
 * Browser APIs that jsdom lacks and Grafana's Select menus call. Nothing scrolls in jsdom, so an
 * observer that never reports is what a real browser would do for a menu that is fully visible.
 */
class QuietIntersectionObserver {
  readonly root = null;
  readonly rootMargin = '0px';
  readonly thresholds = [0];
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
  takeRecords(): [] {
    return [];
  }
}

if (!('IntersectionObserver' in globalThis)) {
  Object.assign(globalThis, { IntersectionObserver: QuietIntersectionObserver });
}
