import Foundation
/// DuckDB's error messages can run to dozens of lines (the CSV sniffer lists every fix it can
/// think of). A load error shows the part that says what went wrong; the rest is noise there.
enum DuckDBMessage {
    static func summary(_ message: String) -> String {
        let lines = message.split(separator: "\n", omittingEmptySubsequences: true).map {
            $0.trimmingCharacters(in: .whitespaces)
        }
        guard var text = lines.first else { return message }
        // The sniffer's first line only says that it failed; its second says why.
        if lines.count > 1, text.hasSuffix("."), text.contains("sniffing") { text += " " + lines[1] }
        return text
    }
}
