/** Exit codes shared by every command: 1 is a result (a stage or the gate failed), 2 is bad input. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;
