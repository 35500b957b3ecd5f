/**
 * The UI's calls to the app, one module per concern. Every type comes from the generated
 * bindings (`../bindings.ts`); none is written here by hand.
 */
export * from './core';
export * from './articles';
export * from './pages';
export * from './slides';
export * from './media';
export * from './publish';
export * from './sites';
export * from './window';
export * from './team';
export * from './updates';
