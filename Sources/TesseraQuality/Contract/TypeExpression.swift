/// A DuckDB type as DuckDB prints it (`typeof`, `DESCRIBE`), taken apart: nested types
/// (`STRUCT(a INTEGER, b HUGEINT[])`, `MAP(VARCHAR, TIMETZ)`, `UNION(…)`, lists and arrays) hold
/// their member types, so a rule about a type (how a snapshot stores it) reaches the types
/// inside. Anything else is a name kept as printed, arguments and all (`DECIMAL(38,0)`,
/// `ENUM('a', 'b')`, `TIME WITH TIME ZONE`).
indirect enum TypeExpression: Hashable, Sendable {
    struct Field: Hashable, Sendable {
        /// As printed: a plain identifier, or a quoted one (`"a b"`).
        var name: String
        var type: TypeExpression
    }

    case named(String)
    case list(TypeExpression)
    /// `T[n]`, with `n` as printed.
    case array(TypeExpression, String)
    case structure([Field])
    case union([Field])
    case map(TypeExpression, TypeExpression)

    /// The type's DuckDB spelling.
    var sql: String {
        switch self {
        case let .named(name): name
        case let .list(element): element.sql + "[]"
        case let .array(element, size): element.sql + "[\(size)]"
        case let .structure(fields):
            "STRUCT(" + fields.map { "\($0.name) \($0.type.sql)" }.joined(separator: ", ") + ")"
        case let .union(fields): "UNION(" + fields.map { "\($0.name) \($0.type.sql)" }.joined(separator: ", ") + ")"
        case let .map(key, value): "MAP(\(key.sql), \(value.sql))"
        }
    }

    /// The name of a `.named` type without its arguments, upper-cased (`DECIMAL`, `ENUM`).
    var baseName: String? {
        guard case let .named(name) = self else { return nil }
        return String(name.prefix { $0 != "(" }).trimmingCharacters(in: .whitespaces).uppercased()
    }

    /// Parses DuckDB's spelling of a type; nil when it does not follow it.
    init?(parsing text: String) {
        var parser = Parser(Array(text))
        guard let type = parser.type(), parser.atEnd else { return nil }
        self = type
    }

    /// The type with `transform` applied to every type in it, innermost first.
    func rewritten(_ transform: (TypeExpression) -> TypeExpression) -> TypeExpression {
        let inner: TypeExpression =
            switch self {
            case .named: self
            case let .list(element): .list(element.rewritten(transform))
            case let .array(element, size): .array(element.rewritten(transform), size)
            case let .structure(fields):
                .structure(fields.map { Field(name: $0.name, type: $0.type.rewritten(transform)) })
            case let .union(fields): .union(fields.map { Field(name: $0.name, type: $0.type.rewritten(transform)) })
            case let .map(key, value): .map(key.rewritten(transform), value.rewritten(transform))
            }
        return transform(inner)
    }

    /// Every type in this one, itself included.
    var allTypes: [TypeExpression] {
        let inner: [TypeExpression] =
            switch self {
            case .named: []
            case let .list(element), let .array(element, _): element.allTypes
            case let .structure(fields), let .union(fields): fields.flatMap(\.type.allTypes)
            case let .map(key, value): key.allTypes + value.allTypes
            }
        return [self] + inner
    }

    private struct Parser {
        var text: [Character]
        var index = 0

        init(_ text: [Character]) { self.text = text }

        var atEnd: Bool {
            mutating get {
                skipSpaces()
                return index == text.count
            }
        }

        mutating func skipSpaces() {
            while index < text.count, text[index].isWhitespace { index += 1 }
        }

        mutating func eat(_ character: Character) -> Bool {
            skipSpaces()
            guard index < text.count, text[index] == character else { return false }
            index += 1
            return true
        }

        mutating func type() -> TypeExpression? {
            skipSpaces()
            let start = index
            while index < text.count, text[index].isLetter || text[index].isNumber || text[index] == "_" { index += 1 }
            let word = String(text[start..<index]).uppercased()
            var base: TypeExpression
            if word == "STRUCT" || word == "UNION", eat("(") {
                guard let fields = fields() else { return nil }
                base = word == "STRUCT" ? .structure(fields) : .union(fields)
            } else if word == "MAP", eat("(") {
                guard let key = type(), eat(","), let value = type(), eat(")") else { return nil }
                base = .map(key, value)
            } else {
                index = start
                guard let name = plainName() else { return nil }
                base = .named(name)
            }
            while eat("[") {
                let sizeStart = index
                while index < text.count, text[index] != "]" { index += 1 }
                let size = String(text[sizeStart..<index]).trimmingCharacters(in: .whitespaces)
                guard eat("]") else { return nil }
                base = size.isEmpty ? .list(base) : .array(base, size)
            }
            return base
        }

        /// `name type, …)`, the closing parenthesis eaten.
        mutating func fields() -> [Field]? {
            var fields: [Field] = []
            repeat {
                skipSpaces()
                let start = index
                if index < text.count, text[index] == "\"" {
                    index += 1
                    while index < text.count {
                        if text[index] == "\"" {
                            if index + 1 < text.count, text[index + 1] == "\"" { index += 2; continue }
                            break
                        }
                        index += 1
                    }
                    guard index < text.count else { return nil }
                    index += 1
                } else {
                    while index < text.count, !text[index].isWhitespace, text[index] != "(", text[index] != "," {
                        index += 1
                    }
                }
                let name = String(text[start..<index])
                guard !name.isEmpty, let type = type() else { return nil }
                fields.append(Field(name: name, type: type))
            } while eat(",")
            return eat(")") ? fields : nil
        }

        /// Everything up to a `[`, `,` or `)` outside parentheses and quotes.
        mutating func plainName() -> String? {
            let start = index
            var depth = 0
            var quote: Character?
            while index < text.count {
                let character = text[index]
                if let open = quote {
                    if character == open { quote = nil }
                } else if character == "'" || character == "\"" {
                    quote = character
                } else if character == "(" {
                    depth += 1
                } else if character == ")" {
                    if depth == 0 { break }
                    depth -= 1
                } else if depth == 0, character == "[" || character == "," {
                    break
                }
                index += 1
            }
            let name = String(text[start..<index]).trimmingCharacters(in: .whitespaces)
            return name.isEmpty || depth != 0 || quote != nil ? nil : name
        }
    }
}
