/// A semantic version (semver.org 2.0.0): `MAJOR.MINOR.PATCH`, an optional `-prerelease` and `+build`.
public struct SemVer: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var major: Int
    public var minor: Int
    public var patch: Int
    public var prerelease: [String]
    public var build: [String]

    public init(major: Int, minor: Int, patch: Int, prerelease: [String] = [], build: [String] = []) {
        self.major = major
        self.minor = minor
        self.patch = patch
        self.prerelease = prerelease
        self.build = build
    }

    public init(parsing text: String) throws(SemVerError) {
        func fail(_ reason: String) -> SemVerError { SemVerError(text: text, reason: reason) }
        var rest = Substring(text)
        var build: [String] = []
        if let plus = rest.firstIndex(of: "+") {
            build = rest[rest.index(after: plus)...].split(separator: ".", omittingEmptySubsequences: false).map(
                String.init)
            rest = rest[..<plus]
            guard build.allSatisfy({ !$0.isEmpty && $0.allSatisfy(SemVer.isIdentifierCharacter) }) else {
                throw fail("the build metadata must be dot-separated identifiers of [0-9A-Za-z-]")
            }
        }
        var prerelease: [String] = []
        if let dash = rest.firstIndex(of: "-") {
            prerelease = rest[rest.index(after: dash)...].split(separator: ".", omittingEmptySubsequences: false).map(
                String.init)
            rest = rest[..<dash]
            for identifier in prerelease {
                guard !identifier.isEmpty, identifier.allSatisfy(SemVer.isIdentifierCharacter) else {
                    throw fail("the pre-release must be dot-separated identifiers of [0-9A-Za-z-]")
                }
                if identifier.allSatisfy(\.isASCIINumber), identifier.count > 1, identifier.hasPrefix("0") {
                    throw fail("numeric pre-release identifier '\(identifier)' has a leading zero")
                }
            }
        }
        let numbers = rest.split(separator: ".", omittingEmptySubsequences: false)
        guard numbers.count == 3 else { throw fail("expected MAJOR.MINOR.PATCH, e.g. 1.0.0") }
        var parsed: [Int] = []
        for (number, part) in zip(numbers, ["major", "minor", "patch"]) {
            guard !number.isEmpty else { throw fail("the \(part) version is empty") }
            guard number.allSatisfy(\.isASCIINumber), let value = Int(number) else {
                throw fail("the \(part) version '\(number)' is not a number")
            }
            guard number.count == 1 || !number.hasPrefix("0") else {
                throw fail("the \(part) version '\(number)' has a leading zero")
            }
            parsed.append(value)
        }
        self.init(major: parsed[0], minor: parsed[1], patch: parsed[2], prerelease: prerelease, build: build)
    }

    private static func isIdentifierCharacter(_ character: Character) -> Bool {
        character.isASCII && (character.isLetter || character.isNumber || character == "-")
    }

    public var description: String {
        var text = "\(major).\(minor).\(patch)"
        if !prerelease.isEmpty { text += "-" + prerelease.joined(separator: ".") }
        if !build.isEmpty { text += "+" + build.joined(separator: ".") }
        return text
    }

    /// Precedence as semver.org defines it; build metadata is ignored.
    public static func < (lhs: SemVer, rhs: SemVer) -> Bool {
        if (lhs.major, lhs.minor, lhs.patch) != (rhs.major, rhs.minor, rhs.patch) {
            return (lhs.major, lhs.minor, lhs.patch) < (rhs.major, rhs.minor, rhs.patch)
        }
        switch (lhs.prerelease.isEmpty, rhs.prerelease.isEmpty) {
        case (true, true), (true, false): return false
        case (false, true): return true
        case (false, false): break
        }
        for (a, b) in zip(lhs.prerelease, rhs.prerelease) where a != b {
            switch (Int(a), Int(b)) {
            case let (x?, y?): return x < y
            case (_?, nil): return true
            case (nil, _?): return false
            case (nil, nil): return a < b
            }
        }
        return lhs.prerelease.count < rhs.prerelease.count
    }
}

extension Character {
    var isASCIINumber: Bool { isASCII && isNumber }
}

public struct SemVerError: Error, Sendable, Hashable, CustomStringConvertible {
    public let text: String
    public let reason: String
    public var description: String { reason }
}
