/** The plain, second computation of every figure, for tests: see rawFigure.ts for its semantics. */
export { rawFigure, nearestRankP90, type RawFigureQuery, type RawFigureRow, type RawRange } from './rawFigure';
export { loadRawFacts, stateAt, type RawFacts, type RawThresholds } from './rawFacts';
export { ageBandOf } from './definitions';
