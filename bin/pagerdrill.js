#!/usr/bin/env node
// The `pagerdrill` command: runs the TypeScript CLI through tsx.
import { register } from 'tsx/esm/api';

register();
const entry = new URL('../src/cli/main.ts', import.meta.url).href;
await import(entry);
