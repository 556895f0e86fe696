/**
 * A connection of its own to the embedded default's SQLite file, for the tables kept beside the events
 * (checkpoints, personal-data keys): the file and its folder made when missing, WAL like the store's.
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

export function openSideConnection(path: string): Database.Database {
  const file = path === ':memory:' ? path : resolve(path);
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file, { timeout: 5000 });
  db.pragma('journal_mode = WAL');
  return db;
}
