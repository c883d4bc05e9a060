import Foundation
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Who an entry is attributed to: the operating-system user and host of the process. It is what
/// the process says about itself, so it attributes, it does not authenticate (docs/audit.md).
public enum AuditActor {
    public static let current: String = "\(userName)@\(ProcessLiveness.currentHost)"

    /// The account of the effective uid; `$USER` only when the password database has no entry
    /// (a container running as an unnamed uid).
    static var userName: String {
        if let entry = getpwuid(geteuid()), let name = entry.pointee.pw_name {
            return String(cString: name)
        }
        return ProcessInfo.processInfo.environment["USER"] ?? "uid\(geteuid())"
    }
}
