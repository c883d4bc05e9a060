import DuckDB
import Foundation
import Testing

/// The scratch folder every sandbox may write in lives in the shared temporary folder: it must be
/// this user's alone before a file or a result pipe goes into it.
@Suite struct ScratchDirectoryTests {
    @Test func theScratchFolderIsMadePrivate() throws {
        let url = try Sandbox.privateScratchDirectory()
        // One an earlier version left open to others is closed again.
        #expect(chmod(url.path, 0o755) == 0)
        _ = try Sandbox.privateScratchDirectory()
        var status = stat()
        #expect(lstat(url.path, &status) == 0)
        #expect(status.st_uid == getuid())
        #expect(status.st_mode & 0o777 == 0o700)
    }
}
