/**
 * The shipped policy packs, each validated once at import so a broken pack fails at start-up,
 * not on the first complaint that reaches the bad rule.
 */
import { loadPack } from './load-pack.ts';
import type { Pack } from './pack-schema.ts';
import { foodPack } from './packs/food.ts';
import { fuelRetailPack } from './packs/fuel-retail.ts';
import { manufacturingPack } from './packs/manufacturing.ts';
import { propertyPack } from './packs/property.ts';
import { realEstatePack } from './packs/real-estate.ts';
import { restaurantPack } from './packs/restaurant.ts';
import { serviceCentrePack } from './packs/service-centre.ts';

export { loadPack } from './load-pack.ts';
export { PackValidationError, type PackIssue } from './pack-errors.ts';
export * from './pack-schema.ts';

export const PACKS: Pack[] = [
  realEstatePack,
  fuelRetailPack,
  foodPack,
  restaurantPack,
  propertyPack,
  manufacturingPack,
  serviceCentrePack,
].map(loadPack);

export class UnknownPackError extends Error {
  readonly code = 'pack_not_found';
  constructor(readonly packId: string) {
    super(`unknown policy pack '${packId}'`);
    this.name = 'UnknownPackError';
  }
}

/** The shipped pack with this id; throws UnknownPackError. */
export function getPack(id: string): Pack {
  const pack = PACKS.find((p) => p.id === id);
  if (!pack) throw new UnknownPackError(id);
  return pack;
}

/** The pack with this id, or undefined (for callers that answer "not found" themselves). */
export function findPack(id: string): Pack | undefined {
  return PACKS.find((p) => p.id === id);
}
