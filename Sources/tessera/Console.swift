import Foundation
import TesseraCore

/// Where a command's human-readable output goes. Keeping styling here means commands only say
/// *what* to print, and `--no-color`, `NO_COLOR`, `--quiet` and `--verbose` are honoured everywhere.
struct Console: Sendable {
    enum Verbosity: Int, Sendable, Comparable {
        case quiet, normal, verbose
        static func < (a: Verbosity, b: Verbosity) -> Bool { a.rawValue < b.rawValue }
    }

    enum Style: String, Sendable {
        case red = "31", green = "32", yellow = "33", cyan = "36", bold = "1", dim = "2"
    }

    var useColor: Bool
    var verbosity: Verbosity

    /// Colors only on a terminal, and never when NO_COLOR is set (https://no-color.org).
    static func stdoutIsColorTerminal() -> Bool {
        if ProcessInfo.processInfo.environment["NO_COLOR"].map({ !$0.isEmpty }) == true { return false }
        if ProcessInfo.processInfo.environment["TERM"] == "dumb" { return false }
        return isatty(STDOUT_FILENO) == 1
    }

    /// Whether standard output is a terminal (live progress is drawn only there).
    static func stdoutIsTerminal() -> Bool {
        isatty(STDOUT_FILENO) == 1 && ProcessInfo.processInfo.environment["TERM"] != "dumb"
    }

    func styled(_ text: String, _ style: Style) -> String {
        useColor ? "\u{1B}[\(style.rawValue)m\(text)\u{1B}[0m" : text
    }

    /// Normal output: suppressed by --quiet.
    func info(_ line: String) {
        guard verbosity >= .normal else { return }
        Self.write(line + "\n", to: .standardOutput)
    }

    /// Detail: shown only with --verbose.
    func detail(_ line: String) {
        guard verbosity >= .verbose else { return }
        Self.write(line + "\n", to: .standardOutput)
    }

    /// The final result of a command: always shown.
    func result(_ line: String) {
        Self.write(line + "\n", to: .standardOutput)
    }

    /// Errors go to stderr and are never suppressed. An error stays one line, as a diagnostic
    /// does (scripts and people grep for it), with its hint on the next.
    static func error(_ message: String, hint: String? = nil) {
        var text = "error: \(message)\n"
        if let hint { text += "  hint: \(hint)\n" }
        write(text, to: .standardError)
    }

    /// How wide a line of output may be: lines are broken between words to fit, where they can.
    static let width = 100

    /// `text` with every line longer than ``width`` broken between words, continuation lines
    /// starting with `indent` (and the line's own indentation). A word longer than a line (a
    /// path, a URL) stays whole.
    static func wrapped(_ text: String, indent: String = "  ") -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            guard line.count > width else { return String(line) }
            let margin = String(line.prefix { $0 == " " })
            var lines: [String] = []
            var current = ""
            for word in line.dropFirst(margin.count).split(separator: " ", omittingEmptySubsequences: false) {
                let start = lines.isEmpty ? margin : margin + indent
                if !current.isEmpty, start.count + current.count + 1 + word.count > width {
                    lines.append(start + current)
                    current = String(word)
                } else {
                    current += (current.isEmpty ? "" : " ") + word
                }
            }
            lines.append((lines.isEmpty ? margin : margin + indent) + current)
            return lines.joined(separator: "\n")
        }.joined(separator: "\n")
    }

    static func write(_ text: String, to stream: FileHandle) {
        stream.write(Data(text.utf8))
    }

    /// Quality reports as this console shows them: the core's lines, coloured here.
    func qualityText() -> QualityText {
        let console = self
        return QualityText { text, tone in
            switch tone {
            case .good: console.styled(text, .green)
            case .bad: console.styled(text, .red)
            case .warning: console.styled(text, .yellow)
            }
        }
    }
}
