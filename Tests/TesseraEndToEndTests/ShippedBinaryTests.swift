import Foundation
import Testing

/// What ships in `tessera`.
@Suite struct ShippedBinaryTests {
    /// The test library (fixtures, a fixture HTTP server, a process runner) is for the tests
    /// alone: its module name appears in the symbols of any binary it is linked into.
    @Test func theTestLibraryIsNotLinkedIntoTheBinary() throws {
        let binary = try Data(contentsOf: TesseraBinary.url, options: .alwaysMapped)
        #expect(binary.count > 1_000_000, "not the tessera binary: \(TesseraBinary.url.path)")
        #expect(binary.range(of: Data("TesseraTesting".utf8)) == nil)
    }
}
