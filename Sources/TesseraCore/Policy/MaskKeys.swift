import Foundation
import TesseraModel
import TesseraQuality

/// Where an environment's mask key (the secret of the `hash` mask) comes from: the variable
/// `TESSERA_MASK_KEY` when it is set — for deployments that share one key across machines — else
/// the file `<state_dir>/<env>/mask.key`, beside the catalog and as git-ignored as it, readable by
/// its owner alone. `init` and `demo` create the file; a project without one (made before keys
/// existed, or a fresh clone) gets one on first need — when a product masks a column with `hash`
/// — and is told so.
///
/// The key's bytes go nowhere but that file and DuckDB's memory (`MaskSQL.install`): no message
/// here quotes the file or the variable.
public enum MaskKeys {
    public static let variable = "TESSERA_MASK_KEY"
    public static let fileName = "mask.key"

    public static func file(_ layout: StateLayout) -> URL {
        layout.environmentDirectory.appendingPathComponent(fileName)
    }

    /// Creates the key file of `layout`'s environment unless it exists; true when it made one.
    @discardableResult
    public static func create(_ layout: StateLayout) throws(CoreError) -> Bool {
        let file = file(layout)
        if FileManager.default.fileExists(atPath: file.path) { return false }
        return try write(MaskKey.generate(), to: file)
    }

    /// The key: from `setting` (the variable's value) when given and not empty, else from the file, which is
    /// created first when missing (`notice` says so).
    static func load(_ layout: StateLayout, setting: String?, notice: (String) -> Void) throws(CoreError) -> MaskKey {
        if let setting, !setting.isEmpty {
            guard let key = MaskKey(hex: setting) else {
                throw CoreError(
                    .usage, "\(variable) is set but is not a mask key: it must be 64 hexadecimal digits (32 bytes).",
                    hint: "make one with `openssl rand -hex 32`, or unset \(variable) to use \(file(layout).path).")
            }
            return key
        }
        let file = file(layout)
        if try create(layout) {
            notice(
                "environment '\(layout.environment)' had no mask key: made one in \(file.path). The `hash` mask's "
                    + "pseudonyms depend on it: keep it out of git, back it up, and give every machine that runs "
                    + "this environment the same key (the file, or \(variable)).")
        }
        return try read(file, notice: notice)
    }

    private static func read(_ file: URL, notice: (String) -> Void) throws(CoreError) -> MaskKey {
        let text: String
        do { text = try String(contentsOf: file, encoding: .utf8) } catch {
            throw CoreError(
                .usage, "cannot read the mask key \(file.path): \(error.localizedDescription)",
                hint: "check the file's permissions (it should be readable by you alone: chmod 600).")
        }
        guard let key = MaskKey(hex: text) else {
            throw CoreError(
                .usage, "the mask key \(file.path) is damaged: it must hold 64 hexadecimal digits.",
                hint:
                    "restore it from your backup; or delete it to make a new key on the next command, which changes "
                    + "every `hash` pseudonym (see key rotation in docs/products.md).")
        }
        let mode = (try? FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions] as? Int) ?? 0
        if mode & 0o077 != 0 {
            notice("the mask key \(file.path) is readable by other users: run `chmod 600 \(file.path)`.")
        }
        return key
    }

    /// Writes `key` to a private temporary file, then links it into place: a concurrent process
    /// making its own key either wins (then this one's is dropped) or loses, never half-writes.
    private static func write(_ key: MaskKey, to file: URL) throws(CoreError) -> Bool {
        let folder = file.deletingLastPathComponent()
        let temporary = folder.appendingPathComponent(".\(fileName).\(UUID().uuidString)")
        defer { unlink(temporary.path) }
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let descriptor = open(temporary.path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
            guard descriptor >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
            let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
            try handle.write(contentsOf: Data(key.fileText.utf8))
            try handle.synchronize()
            try handle.close()
            guard link(temporary.path, file.path) == 0 else {
                if errno == EEXIST { return false }
                throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
            }
            return true
        } catch {
            throw CoreError(
                .usage, "cannot make the mask key \(file.path): \(error.localizedDescription)",
                hint: "check that the state folder \(folder.path) is writable.")
        }
    }
}
