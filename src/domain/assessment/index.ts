export * from './money.ts';
export * from './food-compensation.ts';
export * from './restaurant-discount.ts';
export * from './fuel-penalty.ts';
export * from './assess-complaint.ts';
export * from './station-overdue.ts';
