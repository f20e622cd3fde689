import { randomBytes } from 'node:crypto';

/** Opaque identifiers: a short prefix that tells the kind, then 96 random bits. */
export const newId = (prefix: string): string => `${prefix}_${randomBytes(12).toString('hex')}`;

export const nowIso = (): string => new Date().toISOString();
