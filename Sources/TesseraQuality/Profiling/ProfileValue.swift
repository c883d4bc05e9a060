import DuckDB

/// A value shown in a profile (a minimum, a maximum, a top value): a JSON number where the
/// column holds numbers, a JSON string otherwise, so the stored profile reads like the data.
public enum ProfileValue: Codable, Sendable, Hashable, CustomStringConvertible {
    case integer(Int64)
    case number(Double)
    case boolean(Bool)
    case text(String)

    /// Longest text kept: a profile is a summary, not a copy of long values.
    static let maximumTextLength = 200

    /// The shown form of a DuckDB value; nil for NULL.
    init?(_ value: DuckDBValue) {
        switch value {
        case .null: return nil
        case .boolean(let v): self = .boolean(v)
        case .float, .double, .decimal:
            // A whole number is stored as an integer, so that it reads back from JSON (which has
            // one number type) as the same value and a category compares equal across profiles.
            if let number = value.doubleValue, number.rounded() == number, abs(number) < 9e15 {
                self = .integer(Int64(number))
            } else {
                self = value.doubleValue.map(ProfileValue.number) ?? .text(value.description)
            }
        default:
            if let integer = value.int64Value {
                self = .integer(integer)
            } else if case .hugeint = value, let number = value.doubleValue {
                self = .number(number)
            } else {
                self = .text(String(value.description.prefix(Self.maximumTextLength)))
            }
        }
    }

    public var doubleValue: Double? {
        switch self {
        case .integer(let v): Double(v)
        case .number(let v): v
        case .boolean, .text: nil
        }
    }

    public var description: String {
        switch self {
        case .integer(let v): String(v)
        case .number(let v): v.description
        case .boolean(let v): v ? "true" : "false"
        case .text(let v): v
        }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let v = try? container.decode(Bool.self) {
            self = .boolean(v)
        } else if let v = try? container.decode(Int64.self) {
            self = .integer(v)
        } else if let v = try? container.decode(Double.self) {
            self = .number(v)
        } else {
            self = .text(try container.decode(String.self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .integer(let v): try container.encode(v)
        case .number(let v): try container.encode(v)
        case .boolean(let v): try container.encode(v)
        case .text(let v): try container.encode(v)
        }
    }
}
