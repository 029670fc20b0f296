/**
 * The sentence for an error that ended a command on the embedded database, or null when it is not
 * PGlite's bare "Aborted()" (a WebAssembly abort). PGlite stops so when the disk under its folder
 * fills to the brim; the store is then as its last commit left it (store/load/faults/disk.test.ts).
 */
export function pgliteAbortSentence(message: string, dataDir: string): string | null {
  return /^Aborted\(/.test(message)
    ? `the embedded database stopped abruptly (PGlite: ${message.split('.')[0]}), as it does when the disk holding its folder ` +
        `${dataDir} (DASMO_DATA_DIR) is full; the store keeps what it held before the interrupted command: make room there and run it again.`
    : null;
}
