import TesseraModel

/// What changed between the last published contract of a product and the current one, each
/// change classified as breaking or not (docs/products.md): breaking changes need a new major version.
public struct ContractDiff: Sendable, Hashable {
    public let old: ContractDocument
    public let new: ContractDocument
    /// In a fixed order: column-set changes, order, per-column changes in the new order, primary key, masks.
    public let changes: [ContractChange]

    public init(old: ContractDocument, new: ContractDocument) {
        self.old = old
        self.new = new
        self.changes = Self.compare(old, new)
    }

    public var isEmpty: Bool { changes.isEmpty }
    public var breakingChanges: [ContractChange] { changes.filter(\.isBreaking) }
    public var requiresMajorBump: Bool { changes.contains(where: \.isBreaking) }

    /// Whether going from `oldVersion` (published) to `newVersion` (written) is right for these changes.
    public func verdict(oldVersion: SemVer, newVersion: SemVer) -> VersionVerdict {
        if newVersion < oldVersion { return .versionWentDown(old: oldVersion, new: newVersion) }
        if requiresMajorBump && newVersion.major <= oldVersion.major {
            return .needsMajorBump(old: oldVersion, next: SemVer(major: oldVersion.major + 1, minor: 0, patch: 0))
        }
        let unchanged =
            (newVersion.major, newVersion.minor, newVersion.patch, newVersion.prerelease)
            == (oldVersion.major, oldVersion.minor, oldVersion.patch, oldVersion.prerelease)
        if !changes.isEmpty && unchanged {
            return .needsMinorBump(
                old: oldVersion, next: SemVer(major: oldVersion.major, minor: oldVersion.minor + 1, patch: 0))
        }
        return .ok
    }

    /// ``verdict(oldVersion:newVersion:)`` on the versions of the two documents; nil when either is not a semantic version.
    public var verdict: VersionVerdict? {
        guard let oldVersion = old.semVer, let newVersion = new.semVer else { return nil }
        return verdict(oldVersion: oldVersion, newVersion: newVersion)
    }

    // MARK: Comparing

    private static func key(_ name: String) -> String { name.lowercased() }

    private static func compare(_ old: ContractDocument, _ new: ContractDocument) -> [ContractChange] {
        var changes = membershipChanges(old, new) + orderChanges(old, new)
        for newColumn in new.columns {
            guard let oldColumn = old.column(named: newColumn.name) else { continue }
            changes += columnChanges(oldColumn, newColumn)
        }
        return changes + primaryKeyChanges(old, new) + maskChanges(old, new)
    }

    /// Removed and added columns; a removal and an addition at the same index with the same type
    /// is reported as a likely rename — still a removal for whoever reads the old name.
    private static func membershipChanges(_ old: ContractDocument, _ new: ContractDocument) -> [ContractChange] {
        var changes: [ContractChange] = []
        let newKeys = new.columns.map { key($0.name) }
        let oldSet = Set(old.columns.map { key($0.name) }), newSet = Set(newKeys)
        var removed = old.columns.enumerated().filter { !newSet.contains(key($0.element.name)) }
        var added = new.columns.enumerated().filter { !oldSet.contains(key($0.element.name)) }
        var renamedTo: Set<String> = []
        for (oldIndex, column) in removed {
            guard
                let match = added.first(where: {
                    $0.offset == oldIndex
                        && TypeWidening.verdict(from: column.type, to: $0.element.type) == .same
                })
            else { continue }
            changes.append(
                ContractChange(
                    kind: .columnRenamed, columns: [column.name, match.element.name],
                    message:
                        "column '\(column.name)' renamed to '\(match.element.name)'? (same type and position) — consumers reading '\(column.name)' lose it",
                    isBreaking: true))
            renamedTo.insert(key(match.element.name))
            removed.removeAll { $0.offset == oldIndex }
            added.removeAll { $0.offset == match.offset }
        }
        for (_, column) in removed {
            changes.append(
                ContractChange(
                    kind: .columnRemoved, columns: [column.name],
                    message: "column '\(column.name)' removed", isBreaking: true))
        }
        for (index, column) in added {
            // At the end when only new columns follow it: positional readers still find theirs.
            let atEnd = newKeys[(index + 1)...].allSatisfy { !oldSet.contains($0) && !renamedTo.contains($0) }
            if atEnd {
                changes.append(
                    ContractChange(
                        kind: .columnAddedAtEnd, columns: [column.name],
                        message: "column '\(column.name)' \(column.type) added at the end", isBreaking: false))
            } else {
                changes.append(
                    ContractChange(
                        kind: .columnAddedInMiddle, columns: [column.name],
                        message:
                            "column '\(column.name)' \(column.type) added at position \(index + 1), before existing columns — readers by position see the columns shift",
                        isBreaking: true))
            }
        }

        return changes
    }

    /// The order of the columns both contracts have.
    private static func orderChanges(_ old: ContractDocument, _ new: ContractDocument) -> [ContractChange] {
        let oldKeys = old.columns.map { key($0.name) }
        let newKeys = new.columns.map { key($0.name) }
        let oldSet = Set(oldKeys), newSet = Set(newKeys)
        let keptInOldOrder = oldKeys.filter(newSet.contains)
        let keptInNewOrder = newKeys.filter(oldSet.contains)
        guard keptInOldOrder != keptInNewOrder else { return [] }
        let moved = zip(keptInOldOrder, keptInNewOrder).filter { $0 != $1 }.map(\.1)
        let names = moved.compactMap { new.column(named: $0)?.name }
        return [
            ContractChange(
                kind: .columnsReordered, columns: names,
                message:
                    "columns reordered: \(keptInOldOrder.compactMap { old.column(named: $0)?.name }.joined(separator: ", ")) → \(keptInNewOrder.compactMap { new.column(named: $0)?.name }.joined(separator: ", ")) — readers by position read the wrong columns",
                isBreaking: true)
        ]
    }

    private static func primaryKeyChanges(_ old: ContractDocument, _ new: ContractDocument) -> [ContractChange] {
        var changes: [ContractChange] = []
        if old.primaryKey.map(key) != new.primaryKey.map(key) {
            func show(_ keys: [String]) -> String { keys.isEmpty ? "none" : "(" + keys.joined(separator: ", ") + ")" }
            changes.append(
                ContractChange(
                    kind: .primaryKeyChanged, columns: Array(Set(old.primaryKey + new.primaryKey)).sorted(),
                    message: "primary key changed: \(show(old.primaryKey)) → \(show(new.primaryKey))", isBreaking: true)
            )
        }

        return changes
    }

    private static func maskChanges(_ old: ContractDocument, _ new: ContractDocument) -> [ContractChange] {
        var changes: [ContractChange] = []
        let newSet = Set(new.columns.map { key($0.name) })
        let oldMasks = Dictionary(old.masks.map { (key($0.key), $0.value) }, uniquingKeysWith: { first, _ in first })
        let newMasks = Dictionary(new.masks.map { (key($0.key), $0.value) }, uniquingKeysWith: { first, _ in first })
        for (column, kind) in new.masks.sorted(by: { $0.key < $1.key }) {
            switch oldMasks[key(column)] {
            case nil:
                changes.append(
                    ContractChange(
                        kind: .maskAdded, columns: [column],
                        message:
                            "mask '\(kind)' added on column '\(column)' — breaking for readers outside the domain, who now see masked values",
                        isBreaking: true))
            case let previous? where previous != kind:
                changes.append(
                    ContractChange(
                        kind: .maskChanged, columns: [column],
                        message:
                            "mask on column '\(column)' changed: \(previous) → \(kind) — breaking for readers outside the domain",
                        isBreaking: true))
            default:
                break
            }
        }
        for (column, kind) in old.masks.sorted(by: { $0.key < $1.key })
        where newMasks[key(column)] == nil && newSet.contains(key(column)) {
            changes.append(
                ContractChange(
                    kind: .maskRemoved, columns: [column],
                    message:
                        "mask '\(kind)' removed from column '\(column)': readers outside the domain now see its values",
                    isBreaking: false))
        }
        return changes
    }

    private static func columnChanges(_ old: ContractDocument.Column, _ new: ContractDocument.Column)
        -> [ContractChange]
    {
        var changes: [ContractChange] = []
        let name = new.name
        switch TypeWidening.verdict(from: old.type, to: new.type) {
        case .same: break
        case .widened:
            changes.append(
                ContractChange(
                    kind: .typeWidened, columns: [name],
                    message: "column '\(name)' widened: \(old.type) → \(new.type)", isBreaking: false))
        case .incompatible:
            changes.append(
                ContractChange(
                    kind: .typeChanged, columns: [name],
                    message: "column '\(name)' changed type: \(old.type) → \(new.type)", isBreaking: true))
        }
        switch (old.nullable, new.nullable) {
        case (true, false):
            changes.append(
                ContractChange(
                    kind: .madeRequired, columns: [name],
                    message: "column '\(name)' made required (never null now)", isBreaking: false))
        case (false, true):
            changes.append(
                ContractChange(
                    kind: .madeNullable, columns: [name],
                    message: "column '\(name)' made nullable — consumers relying on it never being null break",
                    isBreaking: true))
        default:
            break
        }
        if old.description != new.description {
            changes.append(
                ContractChange(
                    kind: .descriptionChanged, columns: [name],
                    message: "column '\(name)' description changed", isBreaking: false))
        }
        if old.effectiveClassification != new.effectiveClassification {
            let lowered = new.effectiveClassification < old.effectiveClassification
            changes.append(
                ContractChange(
                    kind: lowered ? .classificationLowered : .classificationChanged, columns: [name],
                    message:
                        "column '\(name)' classification \(lowered ? "lowered" : "changed"): \(old.effectiveClassification.rawValue) → \(new.effectiveClassification.rawValue)"
                        + (lowered ? " — check that the data really is less sensitive" : ""),
                    isBreaking: false))
        }
        return changes
    }
}
