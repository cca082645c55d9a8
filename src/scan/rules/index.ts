import type { Rule } from '../types.js';
import { contextualRules } from './contextual.js';
import { formRules } from './forms.js';
import { providerRules } from './providers.js';
import { structuralRules } from './structural.js';

/** Every built-in rule; provider rules first so a generic match yields to them, the forms before the plain `name = value`. */
export const builtinRules: readonly Rule[] = [...providerRules, ...contextualRules, ...formRules, ...structuralRules];
