#!/usr/bin/env node
// Node ≥ 22.1 can keep V8's compiled code between runs: a CLI started hundreds of times
// a day (every `cd4ml run` in a loop, every CI step) should not recompile itself each time.
import module from 'node:module';

module.enableCompileCache?.();
await import('../dist/cd4ml.js');
