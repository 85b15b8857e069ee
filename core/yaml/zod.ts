import { config } from 'zod/mini';
import en from 'zod/v4/locales/en.js';

/**
 * Zod as `core/` uses it (`import * as z from '../yaml/zod.js'`): `zod/mini`, whose
 * functions the bundler drops when unused (classic `zod` brings all of itself, locales
 * included, and cost a sixth of a `cd4ml dag` start-up), with the English messages that
 * classic `zod` installs by default and `zod/mini` does not. Importing Zod through this
 * module puts the messages in place before anything is parsed; `serving/` imports it too,
 * so no classic `zod` is left in the bundle (docs/architecture.md).
 */
config(en());

export * from 'zod/mini';
