/** The actions a person (or the portal) can take on a complaint, and the payload each carries. */
import type { Static } from 'typebox';
import { ACTION_VARIANTS } from './action-schemas.ts';

/** The static type of the action schemas: what the route accepts is exactly what `decide` takes. */
export type Action = Static<(typeof ACTION_VARIANTS)[number]>;

export type ActionType = Action['type'];

export type InvestigationReport = Omit<Extract<Action, { type: 'report' }>, 'type'>;

export const ACTION_TYPES: readonly ActionType[] = ACTION_VARIANTS.map((v) => v.properties.type.const);
