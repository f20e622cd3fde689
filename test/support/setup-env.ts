import { inject } from 'vitest';
import { checkTableAccess } from '#shared/table/access.ts';
import { checkTableCalls } from '#shared/table/client.ts';

// Test workers call shared modules directly too: give them the environment of the local stack.
Object.assign(process.env, inject('stack').env, { POWERTOOLS_LOG_LEVEL: 'ERROR' });

// Handlers and use cases called from a test worker are held to their function's grant on the table too (issue 20).
checkTableCalls(checkTableAccess);
