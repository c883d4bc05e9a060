import Foundation
import Testing
import TesseraTesting

@Suite struct TemporaryDirectoryTests {
    @Test func writesUnderItsFolderAndRemovesItWhenItGoes() throws {
        var directory: TemporaryDirectory? = try TemporaryDirectory()
        let url = try #require(directory?.url)
        try directory?.write("a/b/c.txt", "text")
        #expect(try String(contentsOf: url.appendingPathComponent("a/b/c.txt"), encoding: .utf8) == "text")
        directory = nil
        #expect(!FileManager.default.fileExists(atPath: url.path))
    }
}
