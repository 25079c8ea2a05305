// Whose key signs an election's tree heads (spec §5.5). Given a board key (`saylau serve` reads it from a
// passphrase-protected key file), the server signs every new election's heads with it and keeps no copy in the
// database file, so a stolen or restored copy of the file cannot sign a board. Without one (tests, the
// saylau-server binary) each election gets its own key, kept in its row as servers did before the key file.
import {
  bytesToHex,
  decodeScalar,
  encodePoint,
  encodeScalar,
  generateKeyPair,
  hexToBytes,
  publicKeyOf,
  type Scalar,
} from '@saylau/crypto';
import type { ElectionDefinition } from '@saylau/protocol';

/** The row's board_secret when the key is held outside the file (the column predates the key file and is NOT NULL). */
export const KEY_OUTSIDE_FILE = '';

/** The server cannot sign for an election: its key is not the one given, or not given at all. */
export class BoardKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BoardKeyError';
  }
}

export class BoardKeys {
  constructor(
    /** The key from the key file, or undefined for one key per election kept in the database file. */
    private readonly outside: Scalar | undefined,
  ) {}

  /** The key a new election signs with, and what its row keeps of it. */
  forNewElection(): { readonly secretKey: Scalar; readonly stored: string } {
    if (this.outside !== undefined) return { secretKey: this.outside, stored: KEY_OUTSIDE_FILE };
    const { secretKey } = generateKeyPair();
    return { secretKey, stored: bytesToHex(encodeScalar(secretKey)) };
  }

  /** Whether the election's key is kept in its row although the server has a key file (made by an older server). */
  storedInFile(stored: string): boolean {
    return this.outside !== undefined && stored !== KEY_OUTSIDE_FILE;
  }

  /** The secret key of an election from its row and definition. Throws BoardKeyError when the server lacks it. */
  forElection(id: string, stored: string, definition: ElectionDefinition): Scalar {
    if (stored !== KEY_OUTSIDE_FILE) return decodeScalar(hexToBytes(stored));
    if (this.outside === undefined) {
      throw new BoardKeyError(
        `election ${id}: its board key is held outside the database file; start the server with that key file (saylau serve --board-key FILE)`,
      );
    }
    const given = bytesToHex(encodePoint(publicKeyOf(this.outside)));
    if (given !== definition.boardKey) {
      throw new BoardKeyError(
        `election ${id} was created with the board key ${definition.boardKey.slice(0, 16)}…, not the one given (${given.slice(0, 16)}…); start the server with that election's key file`,
      );
    }
    return this.outside;
  }
}
