import { percentile } from '../src/demo/load-loop.js';

/** The middle sample (the lower middle for an even count): the load loop's own percentile. */
export const median = (values: number[]): number => percentile(values, 50);
