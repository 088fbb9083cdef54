export * from './constants';
export * from './errors';
export * from './schemas';
export * from './events';
export * from './cursor';
export * from './orderVersions';
export * from './client';
export * from './reservations';
