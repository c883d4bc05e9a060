import Foundation

/// Reads a pipe to its end on a thread of its own, so that a child writing a lot to one stream
/// never waits on a parent that is still reading the other: a pipe holds only about 64 KiB.
final class PipeReader: @unchecked Sendable {
    private let finished = DispatchSemaphore(value: 0)
    // Written once by the reading thread before `finished` is signalled; read only after the wait.
    private var data = Data()

    init(_ pipe: Pipe) {
        let handle = pipe.fileHandleForReading
        // A thread rather than a dispatch queue: the read blocks for as long as the child runs,
        // and the shared queues are what Swift concurrency and the tests run on.
        Thread.detachNewThread { [self] in
            data = handle.readDataToEndOfFile()
            finished.signal()
        }
    }

    /// Everything the pipe carried, once the writer has closed it.
    func wait() -> Data {
        finished.wait()
        return data
    }
}
