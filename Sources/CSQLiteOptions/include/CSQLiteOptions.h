#ifndef TESSERA_CSQLITEOPTIONS_H
#define TESSERA_CSQLITEOPTIONS_H

/// Keeps a connection from checkpointing the write-ahead log when it closes (SQLite's
/// SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE). `db` is a `sqlite3 *`. Returns SQLite's result code.
///
/// A C function because `sqlite3_db_config` is variadic, and Swift cannot call variadic C.
int tessera_sqlite_skip_checkpoint_on_close(void *db);

#endif
