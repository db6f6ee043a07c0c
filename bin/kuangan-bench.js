#!/usr/bin/env node
// `npm run bench`: the benchmark runs from TypeScript sources through tsx, like the server.
import { register } from 'tsx/esm/api';
register();
await import('../bench/main.ts');
