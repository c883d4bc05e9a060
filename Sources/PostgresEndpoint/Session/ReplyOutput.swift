/// Where a session writes its replies: the connection. `write` may block the session's thread
/// while the client is slow to read (back-pressure), and throws once the client is gone, which
/// stops the statement that was writing.
public protocol ReplyOutput: AnyObject {
    func write(_ bytes: [UInt8]) throws
    /// A batch of DataRows, copied before it returns: the caller reuses the memory.
    func write(rows bytes: UnsafeRawBufferPointer) throws
    func flush() throws
}

extension ReplyOutput {
    func send(_ replies: [BackendReply]) throws {
        var out: [UInt8] = []
        for reply in replies { reply.encode(into: &out) }
        try write(out)
    }
}
