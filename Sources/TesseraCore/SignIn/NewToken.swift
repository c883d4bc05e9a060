/// A token just created: its text, to be shown once to whoever asked for it, and what
/// `tessera token list` will show of it from now on. Nothing keeps the text after this value is
/// gone; `description` shows the id only, so printing this value by mistake leaks nothing.
public struct NewToken: Sendable, CustomStringConvertible {
    public let info: TokenInfo
    private let token: String

    init(info: TokenInfo, token: String) {
        self.info = info
        self.token = token
    }

    /// The whole token (`tsr_…`): the one time it can be read.
    public var text: String { token }

    public var description: String { "token \(info.id)" }
}
