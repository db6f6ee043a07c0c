#!/usr/bin/env node
// The `kuangan` command: TypeScript sources run through tsx, so there is no build step for the server.
import { register } from 'tsx/esm/api';
register();
await import('../src/cli/main.ts');
