// The catalog: Tessera's metadata store (SQLite by default), run history, snapshots.
import GRDB
