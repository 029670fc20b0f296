#!/usr/bin/env node
// The store's one entry point (`npx dasmo …`): runs the TypeScript CLI in this very process, once
// tsx's hooks are registered (what `node --import tsx` does). One process on purpose: tsx's own CLI
// runs the script in a child and, on SIGTERM, SIGKILLs that child when it has not acknowledged the
// signal within about 60 ms, which a store busy answering requests often cannot; `dasmo serve` then
// died with its requests in flight instead of finishing them (store/api/faults/sigterm.test.ts).
import('tsx').then(() => require('../store/cli.ts'));
