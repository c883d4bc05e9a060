/// A string from a project file after `${NAME}` references were replaced from the environment.
///
/// Only credentials (connectors' urls, headers and params; OpenLineage's url and api key) are read
/// this way; every other field refuses `${NAME}`. `value` is what the engines use, and whatever
/// may echo it is passed through ``SecretRedactor``. `description` is the text as written, with
/// the references left in place, so printing a `ConfigString` never reveals what a variable holds.
public struct ConfigString: Sendable, Hashable, CustomStringConvertible, ExpressibleByStringLiteral {
    /// The text as written in the file, `${NAME}` references included.
    public let template: String
    /// The text with every reference replaced by its variable's value.
    public let value: String
    /// The environment variables the value was made from, in order of appearance.
    public let variables: [String]

    public init(template: String, value: String, variables: [String]) {
        self.template = template
        self.value = value
        self.variables = variables
    }

    public init(stringLiteral literal: String) {
        self.init(template: literal, value: literal, variables: [])
    }

    /// True when part of the value came from the environment: treat it as a secret.
    public var isSecret: Bool { !variables.isEmpty }

    public var description: String { template }
}

// `debugPrint`, `dump` and string interpolation of enclosing values show the template too.
extension ConfigString: CustomDebugStringConvertible, CustomReflectable {
    public var debugDescription: String { template.debugDescription }
    public var customMirror: Mirror { Mirror(self, children: ["template": template], displayStyle: .struct) }
}

/// What went wrong resolving `${NAME}` references.
enum InterpolationProblem: Equatable {
    case unset(String)
    case invalidReference(String)
    case unterminated
}

extension ConfigString {
    /// Resolves `${NAME}` references in `text`; `$$` stands for a literal `$`.
    ///
    /// Every problem is returned (not only the first); the value is still built, with unresolved
    /// references left empty, so callers can keep checking.
    static func resolve(_ text: String, environment: [String: String]) -> (ConfigString, [InterpolationProblem]) {
        guard text.contains("$") else { return (ConfigString(template: text, value: text, variables: []), []) }
        var value = ""
        var variables: [String] = []
        var problems: [InterpolationProblem] = []
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            let next = text.index(after: index)
            guard character == "$", next < text.endIndex else {
                value.append(character)
                index = next
                continue
            }
            if text[next] == "$" {
                value.append("$")
                index = text.index(after: next)
            } else if text[next] == "{" {
                let nameStart = text.index(after: next)
                guard let close = text[nameStart...].firstIndex(of: "}") else {
                    problems.append(.unterminated)
                    break
                }
                let name = String(text[nameStart..<close])
                if !isVariableName(name) {
                    problems.append(.invalidReference(name))
                } else if let resolved = environment[name] {
                    value += resolved
                    if !variables.contains(name) { variables.append(name) }
                } else {
                    problems.append(.unset(name))
                    if !variables.contains(name) { variables.append(name) }
                }
                index = text.index(after: close)
            } else {
                value.append(character)
                index = next
            }
        }
        return (ConfigString(template: text, value: value, variables: variables), problems)
    }

    private static func isVariableName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first else { return false }
        let isLetter: (Unicode.Scalar) -> Bool = { ("a"..."z").contains($0) || ("A"..."Z").contains($0) || $0 == "_" }
        return isLetter(first) && name.unicodeScalars.allSatisfy { isLetter($0) || ("0"..."9").contains($0) }
    }
}
