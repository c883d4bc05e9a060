/// A fixture that could not be built, with what went wrong in words.
public struct FixtureError: Error, CustomStringConvertible {
    public var message: String

    public init(message: String) {
        self.message = message
    }

    public var description: String { message }
}
