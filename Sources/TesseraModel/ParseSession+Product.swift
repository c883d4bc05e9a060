import Foundation
import Yams

extension ParseSession {
    static let productKeys = [
        "name", "description", "model", "source", "version", "owner", "tags", "schedule", "automation", "retries",
        "sla", "contract", "checks", "access", "retention", "drift", "retired_versions",
    ]
    static let retentionKeys = ["keep", "max_age"]
    static let driftKeys = ["severity", "row_count_pct", "null_rate_pct", "psi", "ignore"]
    static let contractKeys = ["primary_key", "columns"]
    static let contractColumnKeys = ["name", "type", "nullable", "description", "classification", "declassified"]
    static let accessKeys = ["readers", "roles", "masks"]

    func loadProducts(domain: Domain) -> [Product] {
        namedFiles(in: "domains/\(domain.name)/products", kind: "product").compactMap { name, file in
            let product = loadProduct(file: file, name: name, domain: domain)
            return Name.isValid(name) ? product : nil
        }
    }

    private func loadProduct(file: String, name: String, domain: Domain) -> Product? {
        guard let document = YAMLFile.read(url(file), path: file, into: sink) else { return nil }
        let reader = reader(for: file)
        guard let root = reader.mapping(document.root, path: "") else { return nil }
        root.allowKeys(ParseSession.productKeys)
        checkNameKey(root, expected: name, kind: "product", fileKind: "file")
        let (input, inputIsDefault) = readInput(root, product: name, domain: domain.name)
        let version = readVersion(root)
        let owner = root.text("owner")
        let automation = readAutomation(root)
        let contract = readContract(root)
        let columnNames = contract.columnNames
        let checks = readProductChecks(root, contract: contract)
        let access = root.mapping("access").map { readAccess($0, contractColumns: columnNames) } ?? Access()
        let retention = root.mapping("retention").map(readRetention) ?? Retention()
        let drift = root.mapping("drift").map { readDrift($0, contractColumns: columnNames) } ?? DriftSettings()
        let retired = readRetired(root, version: version)
        return Product(
            name: name, domain: domain.name, description: root.text("description"), input: input,
            inputIsDefault: inputIsDefault, version: version, owner: owner ?? domain.owner,
            ownerIsInherited: owner == nil && domain.owner != nil, tags: root.tags(), automation: automation,
            contract: contract, checks: checks, access: access,
            retention: retention, drift: drift, retiredVersions: retired,
            location: root.location)
    }

    /// What it publishes: `model:`, `source:` or, by default, the model of the same name.
    private func readInput(_ root: MappingReader, product name: String, domain: String) -> (Product.Input, Bool) {
        let reader = root.reader
        var input = Product.Input.model(name)
        var inputIsDefault = true
        var inputLocation = root.location
        let model = root.name("model", kind: "model")
        let source = root.name("source", kind: "source")
        if model != nil, source != nil {
            reader.error(
                "give either 'model' or 'source', not both", at: root.entry("source")?.keyNode,
                hint: "a product publishes one model or one source")
        }
        if let model {
            input = .model(model)
            inputIsDefault = false
            inputLocation = reader.location(root.value("model"))
        } else if let source {
            input = .source(source)
            inputIsDefault = false
            inputLocation = reader.location(root.value("source"))
        }
        if model != nil || source != nil || (!root.has("model") && !root.has("source")) {
            inputReferences.append(
                .init(
                    domain: domain, product: name, input: input, isDefault: inputIsDefault, location: inputLocation
                ))
        }

        return (input, inputIsDefault)
    }

    private func readVersion(_ root: MappingReader) -> SemVer {
        let reader = root.reader
        var version = Product.defaultVersion
        if let node = root.value("version"), let text = reader.literal(node, path: "version") {
            do {
                version = try SemVer(parsing: text)
            } catch {
                reader.error(
                    "invalid version '\(text)': \(error.reason)", at: node,
                    hint: "a semantic version is MAJOR.MINOR.PATCH, e.g. 1.0.0")
            }
        }
        return version
    }

    /// The product's checks, each naming columns of the contract; relationships are noted for
    /// the checks that need every file.
    private func readProductChecks(_ root: MappingReader, contract: Contract) -> [Check] {
        let reader = root.reader
        let known = Set(contract.columnNames)
        let columnNames = contract.columnNames
        var checks: [Check] = []
        if let node = root.value("checks") {
            for parsed in reader.checks(node, path: "checks", column: nil) {
                for (column, node) in parsed.columnNodes where !known.contains(column) {
                    reader.error(
                        "check '\(parsed.check.kind.name.rawValue)' names column '\(column)', which is not in the contract",
                        at: node,
                        hint: columnHint(column, among: columnNames))
                }
                if case let .relationship(_, reference) = parsed.check.kind {
                    relationshipReferences.append(
                        .init(reference: reference, location: reader.location(parsed.relationshipNode)))
                }
                checks.append(parsed.check)
            }
        }

        return checks
    }

    /// `retired_versions`: earlier majors whose `__v<N>` view is no longer served.
    private func readRetired(_ root: MappingReader, version: SemVer) -> [Int] {
        let reader = root.reader
        var retired: [Int] = []
        if let items = root.list("retired_versions") {
            for (index, item) in items.enumerated() {
                guard let major = reader.integer(item, path: "retired_versions[\(index + 1)]") else { continue }
                if major < 0 || major >= version.major {
                    reader.error(
                        "retired version \(major) is not an earlier major version (the product is at \(version))",
                        at: item,
                        hint: "list earlier majors whose `__v<N>` view should stop being served, e.g. [1]")
                } else {
                    retired.append(major)
                }
            }
        }
        return retired
    }

    private func readContract(_ root: MappingReader) -> Contract {
        let reader = root.reader
        guard
            let block = root.required(
                "contract", hint: "declare the published columns: `contract: {columns: [{name: id, type: BIGINT}]}`"
            )
            .flatMap({ reader.mapping($0, path: "contract") })
        else {
            return Contract(columns: [], location: root.location)
        }
        block.allowKeys(ParseSession.contractKeys)
        var contract = Contract(columns: [], location: block.location)
        var firstDeclared: [String: SourceLocation] = [:]
        if let items = block.required("columns").flatMap({ reader.list($0, path: "contract.columns") }) {
            if items.isEmpty {
                reader.error(
                    "'contract.columns' is empty", at: block.value("columns"),
                    hint: "a contract lists every published column, in order")
            }
            for (index, item) in items.enumerated() {
                let path = "contract.columns[\(index + 1)]"
                guard let column = reader.mapping(item, path: path) else { continue }
                let (type, typeKeys) = column.sqlType(
                    "type", hint: "a DuckDB type such as BIGINT, VARCHAR or DECIMAL(12,2)")
                column.allowKeys(ParseSession.contractColumnKeys, besides: typeKeys)
                let name = column.required("name").flatMap { reader.name($0, path: "\(path).name", kind: "column") }
                let nullable = column.bool("nullable") ?? true
                let description = column.text("description")
                let classification = column.enumeration("classification", as: Classification.self)
                let declassified = readDeclassified(column, path: path)
                guard let name else { continue }
                if let first = firstDeclared[name] {
                    reader.error(
                        "column '\(name)' is declared twice in the contract", at: column.value("name"),
                        hint: "first declared at line \(first.line); a contract lists each column once")
                    continue
                }
                firstDeclared[name] = column.location
                // A column whose type is missing is kept (with an empty type) so that the checks
                // and keys naming it are not reported as well.
                contract.columns.append(
                    ContractColumn(
                        name: name, type: type ?? "", nullable: nullable, description: description,
                        classification: classification, declassified: declassified,
                        location: column.location))
            }
        }
        if let keys = block.names("primary_key", kind: "column") {
            for (key, node) in keys where firstDeclared[key] == nil {
                reader.error(
                    "primary key column '\(key)' is not in the contract", at: node,
                    hint: columnHint(key, among: contract.columnNames))
            }
            contract.primaryKey = keys.map(\.value)
        }
        return contract
    }

    /// `declassified: <reason>`: a reason, in words. `true` or an empty string is not one: the point
    /// of the key is that whoever reads the contract learns why derived pii stops being pii here.
    private func readDeclassified(_ column: MappingReader, path: String) -> String? {
        guard let node = column.value("declassified") else { return nil }
        let reader = column.reader
        let hint = "give the reason in words, e.g. `declassified: \"only the domain part of the address is kept\"`"
        guard case let .scalar(scalar) = node, !node.isNull else {
            reader.error(
                "'\(path).declassified' must be a reason (a string), found \(node.kindDescription)", at: node,
                hint: hint)
            return nil
        }
        guard
            scalar.style == .plain
                ? !["true", "false", "yes", "no", "on", "off"].contains(scalar.string.lowercased()) : true
        else {
            reader.error("'\(path).declassified' must be a reason, not \(scalar.string)", at: node, hint: hint)
            return nil
        }
        guard let reason = column.text("declassified")?.trimmingCharacters(in: .whitespacesAndNewlines), !reason.isEmpty
        else {
            reader.error("'\(path).declassified' is empty", at: node, hint: hint)
            return nil
        }
        return reason
    }

    private func readRetention(_ block: MappingReader) -> Retention {
        let reader = block.reader
        block.allowKeys(ParseSession.retentionKeys)
        var retention = Retention()
        if let node = block.value("keep"), let keep = reader.integer(node, path: "retention.keep") {
            if keep < 1 {
                reader.error(
                    "'retention.keep' must be at least 1", at: node, hint: "the current snapshot always counts as one")
            } else {
                retention.keep = keep
            }
        }
        if let node = block.value("max_age") {
            retention.maxAge = reader.timeSpan(node, path: "retention.max_age")
        }
        return retention
    }

    private func readDrift(_ block: MappingReader, contractColumns: [String]) -> DriftSettings {
        let reader = block.reader
        block.allowKeys(ParseSession.driftKeys)
        var drift = DriftSettings()
        if let severity = block.enumeration("severity", as: Check.Severity.self) { drift.severity = severity }
        func nonNegative(_ key: String) -> Double? {
            guard let node = block.value(key), let value = reader.number(node, path: "drift.\(key)") else { return nil }
            guard value >= 0 else {
                reader.error("'drift.\(key)' must not be negative", at: node, hint: nil)
                return nil
            }
            return value
        }
        if let value = nonNegative("row_count_pct") { drift.rowCountPercent = value }
        if let value = nonNegative("null_rate_pct") { drift.nullRatePoints = value }
        if let value = nonNegative("psi") { drift.psi = value }
        if let columns = block.names("ignore", kind: "column") {
            for (column, node) in columns where !contractColumns.contains(column) {
                reader.error(
                    "'drift.ignore' names column '\(column)', which is not in the contract", at: node,
                    hint: columnHint(column, among: contractColumns))
            }
            drift.ignore = columns.map(\.value)
        }
        return drift
    }

    private func readAccess(_ block: MappingReader, contractColumns: [String]) -> Access {
        let reader = block.reader
        block.allowKeys(ParseSession.accessKeys)
        var access = Access()
        if let readers = block.names("readers", kind: "domain") {
            access.readers = readers.map(\.value)
            for (domain, node) in readers {
                readerReferences.append(.init(domain: domain, location: reader.location(node)))
            }
        }
        if let roles = block.strings("roles") {
            for (role, node) in roles where Member.Role(rawValue: role) == nil {
                reader.error(
                    "access.roles names unknown role '\(role)'", at: node,
                    hint:
                        "roles are those of domain members: \(Member.Role.allCases.map(\.rawValue).joined(separator: ", "))"
                )
            }
            access.roles = roles.map(\.value)
        }
        if let masks = block.mapping("masks") {
            for entry in masks.entries {
                let path = "access.masks.\(entry.key)"
                // `null` is a mask kind, which YAML reads as a null value.
                var kind: Access.Mask.Kind?
                if case let .scalar(scalar) = entry.value, entry.value.isNull, !scalar.string.isEmpty {
                    kind = .null
                } else if entry.value.isNull {
                    reader.error(
                        "'\(path)' has no mask kind", at: entry.keyNode,
                        hint: "one of " + Access.Mask.Kind.allCases.map(\.rawValue).joined(separator: ", "))
                } else {
                    kind = reader.enumeration(entry.value, path: path, as: Access.Mask.Kind.self)
                }
                if !contractColumns.contains(entry.key) {
                    reader.error(
                        "access.masks names column '\(entry.key)', which is not in the contract", at: entry.keyNode,
                        hint: columnHint(entry.key, among: contractColumns))
                    continue
                }
                if let kind {
                    access.masks.append(.init(column: entry.key, kind: kind, location: reader.location(entry.keyNode)))
                }
            }
        }
        return access
    }

    /// "did you mean …?" when a column is close, else the contract's columns.
    private func columnHint(_ column: String, among columns: [String]) -> String? {
        didYouMean(column, among: columns)
            ?? (columns.isEmpty ? nil : "the contract's columns: \(columns.joined(separator: ", "))")
    }
}
