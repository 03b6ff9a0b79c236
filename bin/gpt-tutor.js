#!/usr/bin/env node
// `gpt-tutor` on the PATH (npm link / npm install -g): the same as `npm start`, runs the TypeScript sources via tsx.
import { register } from 'tsx/esm/api';

register();
await import('../src/main/tutor-process.ts');
