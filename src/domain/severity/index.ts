export { evaluateSeverity, isCrisis, matchingRules, reachedLevel } from './evaluate-severity.ts';
export { addMonths, categoryWithin, conditionHolds } from './conditions.ts';
export * from './category-count.ts';
export { defaultLevel, levelRank, validateManualLevel, UnknownLevelError, type ManualLevelResult } from './levels.ts';
export { automaticLevel, levelChosenAtQualify } from './qualify-level.ts';
