export * from './result';
export * from './define';
export * from './app';
export * from './contract';
export * from './api';
export * from './profiles';
export * from './requests';
export * from './workspaces';
