import type { Rule } from '../types.js';
import { contextualRules } from './contextual.js';
import { providerRules } from './providers.js';
import { structuralRules } from './structural.js';

/** Every built-in rule; provider rules first so a generic match yields to them. */
export const builtinRules: readonly Rule[] = [...providerRules, ...contextualRules, ...structuralRules];
