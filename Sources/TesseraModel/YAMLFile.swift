import Foundation
import Yams

/// One project file composed to a YAML node tree, so that every value keeps its position.
struct YAMLFile {
    /// Path relative to the project root.
    let path: String
    /// nil for an empty file.
    let root: Node?

    /// Reads and composes `url`; on a read or syntax error reports it and returns nil.
    static func read(_ url: URL, path: String, into sink: DiagnosticSink) -> YAMLFile? {
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            sink.error("cannot read \(path) as UTF-8 text", at: .start(of: path))
            return nil
        }
        return parse(text, path: path, into: sink)
    }

    static func parse(_ text: String, path: String, into sink: DiagnosticSink) -> YAMLFile? {
        do {
            return YAMLFile(path: path, root: try Yams.compose(yaml: text))
        } catch let error as YamlError {
            report(error, path: path, into: sink)
        } catch {
            sink.error("invalid YAML", at: .start(of: path))
        }
        return nil
    }

    private static func report(_ error: YamlError, path: String, into sink: DiagnosticSink) {
        // Yams already converts libYAML's 0-based marks to 1-based ones.
        func location(_ mark: Mark) -> SourceLocation {
            SourceLocation(file: path, line: max(mark.line, 1), column: max(mark.column, 1))
        }
        func syntax(_ context: YamlError.Context?, _ problem: String, _ mark: Mark) {
            var message = "invalid YAML: \(problem)"
            if let context { message += " (\(context.text) at \(context.mark.line):\(context.mark.column))" }
            sink.error(message, at: location(mark), hint: "check the indentation and quoting around this position")
        }
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _),
            let .composer(context, problem, mark, _):
            syntax(context, problem, mark)
        case let .duplicatedKeysInMapping(duplicates, context):
            let keys = duplicates.map { "'\($0)'" }.joined(separator: ", ")
            sink.error(
                "duplicate key \(keys) in the same mapping", at: location(context.mark),
                hint: "a key may appear only once in a mapping; remove or rename the repeated one")
        case let .reader(problem, offset, _, yaml):
            var at = SourceLocation.start(of: path)
            if let offset {
                let prefix = yaml.prefix(offset)
                let line = prefix.reduce(1) { $1 == "\n" ? $0 + 1 : $0 }
                let column =
                    prefix.split(separator: "\n", omittingEmptySubsequences: false).last.map {
                        $0.unicodeScalars.count + 1
                    } ?? 1
                at = SourceLocation(file: path, line: line, column: column)
            }
            sink.error("invalid YAML: \(problem)", at: at)
        default:
            sink.error("invalid YAML: \(error)", at: .start(of: path))
        }
    }
}
