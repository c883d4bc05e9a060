import Foundation
internal import GRDB

/// Turns what SQLite and GRDB throw into a `CatalogError` that names the file and says what to
/// do. The mapping lives in one place so every operation reports the same problem the same way.
enum CatalogErrorMapping {
    static func map(_ error: any Error, file: String) -> CatalogError {
        switch error {
        case let error as CatalogError:
            var error = error
            if error.file == nil { error.file = file }
            return error
        case is CancellationError:
            return CatalogError(
                .cancelled, "cancelled before the catalog answered; nothing was written",
                file: file)
        case is NewerSchema:
            return CatalogError(
                .newerSchema, "the catalog \(file) was written by a newer version of Tessera",
                hint: "upgrade tessera to the version that wrote it; this one cannot read it safely.",
                file: file)
        case let error as StoredValueError:
            return CatalogError(
                .corrupt,
                "the catalog \(file) holds \(error.value.debugDescription) in \(error.column), which this version of Tessera does not know",
                hint: "if a newer Tessera wrote it, upgrade tessera; otherwise restore the file from a backup.",
                file: file)
        case let error as DatabaseError:
            return map(error, file: file)
        default:
            return CatalogError(
                .internal, "the catalog \(file) failed: \(error)",
                hint: "this is a bug in Tessera; please report it.", file: file)
        }
    }

    private static func map(_ error: DatabaseError, file: String) -> CatalogError {
        let folder = (file as NSString).deletingLastPathComponent
        let detail = error.message.map { " (\($0))" } ?? ""
        switch error.resultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            return CatalogError(
                .busy,
                "the catalog \(file) stayed locked by another process for more than \(Int(SQLiteCatalog.busyTimeout)) s",
                hint: "another tessera command is writing to it; run this again when it has finished.",
                file: file)
        case .SQLITE_CORRUPT, .SQLITE_NOTADB:
            return CatalogError(
                .corrupt, "the catalog \(file) is damaged or is not a Tessera catalog\(detail)",
                hint:
                    "restore it from a backup, or move it aside to start a new catalog (its run history and snapshot pointers are then lost).",
                file: file)
        case .SQLITE_READONLY, .SQLITE_CANTOPEN, .SQLITE_PERM, .SQLITE_AUTH:
            return CatalogError(
                .unavailable, "cannot open the catalog \(file) for writing\(detail)",
                hint:
                    "check that you may read and write \(folder) and the files in it, and that its disk is not mounted read-only.",
                file: file)
        case .SQLITE_FULL:
            return CatalogError(
                .unavailable, "the disk holding the catalog \(file) is full",
                hint: "free some space and run this again.", file: file)
        case .SQLITE_IOERR:
            return CatalogError(
                .unavailable, "could not read or write the catalog \(file): an I/O error\(detail)",
                hint: "check the disk holding \(folder).", file: file)
        default:
            return CatalogError(
                .internal, "the catalog \(file) failed: \(error)",
                hint: "this is a bug in Tessera; please report it.", file: file)
        }
    }
}

/// A stored value this binary cannot interpret, e.g. a status added by a newer version.
struct StoredValueError: Error {
    var column: String
    var value: String
}
