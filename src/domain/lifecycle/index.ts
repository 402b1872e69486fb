export * from './actions.ts';
export * from './state-machine.ts';
