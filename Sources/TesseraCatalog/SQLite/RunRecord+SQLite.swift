import Foundation
internal import GRDB

extension RunRecord {
    static let selectColumns =
        "id, environment, command, selector, arguments, started_at, finished_at, status, process_id, host"

    init(row: Row) throws {
        let argumentsText: String = try row.decode(forColumn: "arguments")
        guard let arguments = try? JSONDecoder().decode([String].self, from: Data(argumentsText.utf8)) else {
            throw StoredValueError(column: "run.arguments", value: argumentsText)
        }
        self.init(
            id: try row.decode(forColumn: "id"),
            environment: try row.decode(forColumn: "environment"),
            command: try row.decode(forColumn: "command"),
            selector: try row.decode(forColumn: "selector"),
            arguments: arguments,
            startedAt: try row.decode(forColumn: "started_at"),
            finishedAt: try row.decode(forColumn: "finished_at"),
            status: try row.decodeEnum(RunStatus.self, "status", table: "run"),
            processID: try row.decode(forColumn: "process_id"),
            host: try row.decode(forColumn: "host"))
    }

    var argumentsJSON: String {
        // Encoding an array of strings cannot fail; "[]" keeps the column valid if it ever did.
        (try? JSONEncoder().encode(arguments)).map { String(decoding: $0, as: UTF8.self) } ?? "[]"
    }

    /// The run as a reader should see it: still `running` only if its process may still be
    /// working on it. The stored row is left as it is; `SQLiteCatalog.startRun` persists the
    /// verdict for this host's dead runs.
    func observed(onHost currentHost: String) -> RunRecord {
        guard isOrphaned(onHost: currentHost) else { return self }
        var run = self
        run.status = .interrupted
        return run
    }

    func isOrphaned(onHost currentHost: String) -> Bool {
        status == .running && host == currentHost
            && !ProcessLiveness.isAlive(processID, startedBy: startedAt)
    }
}
