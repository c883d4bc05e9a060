import Foundation

/// Who has a domain's warehouse open: written beside the file (`warehouse.duckdb.holder`) by the
/// process that opened it, removed when it closes it, so that a second command finding the file
/// locked can say by whom and since when instead of "in use by another process".
struct WarehouseHolder: Codable, Sendable, Equatable {
    var pid: Int32
    var host: String
    /// The tessera command, e.g. `tessera run` (its arguments are left out: they may hold names
    /// nobody else should read).
    var command: String
    var since: Date

    static func file(of warehouse: URL) -> URL { URL(fileURLWithPath: warehouse.path + ".holder") }

    static func current(now: Date = Date()) -> WarehouseHolder {
        let arguments = CommandLine.arguments
        let program = arguments.first.map { URL(fileURLWithPath: $0).lastPathComponent } ?? "tessera"
        let command = ([program] + arguments.dropFirst().prefix(1).filter { !$0.hasPrefix("-") }).joined(separator: " ")
        return WarehouseHolder(
            pid: ProcessInfo.processInfo.processIdentifier, host: ProcessInfo.processInfo.hostName,
            command: command, since: now)
    }

    /// Best effort: a holder that cannot be written only makes a conflict's message vaguer.
    func write(for warehouse: URL) {
        guard let data = try? Self.coder.encode(self) else { return }
        try? data.write(to: Self.file(of: warehouse), options: .atomic)
    }

    static func read(for warehouse: URL) -> WarehouseHolder? {
        guard let data = try? Data(contentsOf: file(of: warehouse)) else { return nil }
        return try? decoder.decode(WarehouseHolder.self, from: data)
    }

    /// Removes the holder file if it is this process's.
    static func release(_ warehouse: URL) {
        guard read(for: warehouse)?.pid == ProcessInfo.processInfo.processIdentifier else { return }
        try? FileManager.default.removeItem(at: file(of: warehouse))
    }

    /// "`tessera run` (pid 1234 on host) since 2026-12-06 13:52:15 UTC".
    var description: String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss"
        return "`\(command)` (pid \(pid) on \(host)) since \(formatter.string(from: since)) UTC"
    }

    private static let coder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }()

    private static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }()
}
