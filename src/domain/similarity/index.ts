export { normalize, fold, segments, chineseNumber } from './normalize.ts';
export { signature, MAX_FEATURES, CONCEPT_PREFIX } from './signature.ts';
export {
  similarity,
  candidateKeys,
  signatureTotals,
  scoreFromShared,
  prepare,
  featureWeight,
  STOP_BIGRAMS,
  WEIGHTS,
  PROBLEM_GATE,
  OBJECT_GATE,
  BUILDING_GATE,
} from './score.ts';
export { isSameMatter, findSimilar, collectMatches, complaintText, DEFAULT_THRESHOLD, DEFAULT_WINDOW_DAYS } from './find-similar.ts';
export type { ComplaintText, SimilarCandidate, SimilarTarget, FindSimilarOptions, FindSimilarResult } from './find-similar.ts';
export { CONCEPTS, conceptsIn } from './concepts.ts';
export type { Concept, ConceptKind } from './concepts.ts';
export type { SignatureTotals, PreparedSignature } from './score.ts';
