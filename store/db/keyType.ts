/**
 * The type of a column holding a fact's key (application, SR41, worker pseudonym), as the stored
 * tables have it since migration 065: a temporary table of the same keys sorts and indexes them
 * comparing bytes too.
 */
export const KEY_TYPE = 'text COLLATE "C"';
