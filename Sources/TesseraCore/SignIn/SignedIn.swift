import TesseraModel

/// Who a bearer token signed in, and with which token (for the audit log and logs).
public struct SignedIn: Sendable, Hashable {
    public var principal: Principal
    public var tokenID: String

    public init(principal: Principal, tokenID: String) {
        self.principal = principal
        self.tokenID = tokenID
    }
}
