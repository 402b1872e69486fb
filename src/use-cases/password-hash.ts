/**
 * Password hashes: argon2id, at one of two costs.
 *
 * - 'standard' (the default, every installation): the argon2 library's own parameters, 64 MiB, 3 passes,
 *   4 lanes; a hash or a check takes ~0.4 s of CPU on this project's 2-core machine.
 * - 'minimal': 1 MiB, 2 passes, 1 lane, ~2 ms. For the test suite only (PLAINT_PASSWORD_COST=minimal,
 *   refused unless NODE_ENV=test, src/config.ts), as Rails lowers bcrypt's cost under test
 *   (`ActiveModel::SecurePassword.min_cost`) and Django's documentation advises a fast hasher for tests: the
 *   suite sets and checks passwords thousands of times a pass, and at the standard cost that was minutes
 *   of CPU spent proving nothing the hash's own test does not.
 *
 * A check reads the cost from the stored hash (`$argon2id$v=19$m=…,p=…,t=…`), so either cost verifies
 * hashes of the other, and the login code is the same at both.
 */
import argon2 from 'argon2';

export type PasswordCost = 'standard' | 'minimal';

/** argon2's lowest accepted cost, for 'minimal'. */
const MINIMAL_PASSWORD_COST = { memoryCost: 1024, timeCost: 2, parallelism: 1 } as const;

let cost: PasswordCost = 'standard';

/** Set once at start-up (src/main.ts from the configuration; the test helpers for their processes). */
export function setPasswordCost(next: PasswordCost): void {
  cost = next;
}

export function passwordCost(): PasswordCost {
  return cost;
}

export const hashPassword = (password: string): Promise<string> =>
  argon2.hash(password, { type: argon2.argon2id, ...(cost === 'minimal' ? MINIMAL_PASSWORD_COST : {}) });

// Verifying against a fixed hash when the e-mail is unknown keeps the timing of both failures alike,
// so the fixed hash has the cost of the real ones: one per cost.
const dummyHashes = new Map<PasswordCost, Promise<string>>();
export function dummyPasswordHash(): Promise<string> {
  let hash = dummyHashes.get(cost);
  if (!hash) {
    hash = hashPassword('not-a-real-password');
    dummyHashes.set(cost, hash);
  }
  return hash;
}
