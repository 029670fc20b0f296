/** A reason to refuse a whole folder: nothing of it is loaded, and the message says why. */
export class FolderRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FolderRefused';
  }
}
