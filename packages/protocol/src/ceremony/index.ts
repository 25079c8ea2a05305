export * from './qualification.ts';
