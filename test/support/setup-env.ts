import { inject } from 'vitest';

// Test workers call shared modules directly too: give them the environment of the local stack.
Object.assign(process.env, inject('stack').env, { POWERTOOLS_LOG_LEVEL: 'ERROR' });
