import Foundation

/// The full log of one run, kept at `<state>/<env>/runs/<run id>.log` (SPEC §7): every node with
/// its reason, outcome, rows, time and whole error, whatever `--format` or `--quiet` said.
/// Lines written before the run id is known (the loads) are kept and written first; after that
/// each line is appended as it happens, so an interrupted run still leaves its log.
final class RunLog: @unchecked Sendable {
    private let lock = NSLock()
    private let folder: URL
    private var pending: [String] = []
    private var handle: FileHandle?
    private(set) var file: URL?

    init(folder: URL) { self.folder = folder }

    func write(_ line: String) {
        let stamped = "\(Timestamps.iso(Date()))  \(line)\n"
        lock.withLock {
            if let handle { handle.write(Data(stamped.utf8)) } else { pending.append(stamped) }
        }
    }

    /// Opens the log once the run has an id.
    func start(runID: String) {
        lock.withLock {
            guard handle == nil else { return }
            let url = folder.appendingPathComponent("\(runID).log")
            do {
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
                _ = FileManager.default.createFile(atPath: url.path, contents: Data(pending.joined().utf8))
                handle = try FileHandle(forWritingTo: url)
                handle?.seekToEndOfFile()
                file = url
                pending = []
            } catch {
                // A log that cannot be written must not fail the run; the catalog still has it all.
                Console.write("warning: cannot write the run log \(url.path): \(error.localizedDescription)\n", to: .standardError)
            }
        }
    }

    func close() {
        lock.withLock {
            try? handle?.close()
            handle = nil
        }
    }
}
