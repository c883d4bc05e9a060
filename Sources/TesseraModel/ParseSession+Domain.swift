extension ParseSession {
    static let domainKeys =
        ["name", "owner", "description", "engine", "tags", "members", "services"] + automationKeys + alertingKeys
    static let domainFolders = ["sources", "models", "products", "dashboards"]

    /// Reads one domain folder; nil when its name is invalid (after checking its files anyway).
    func loadDomain(named name: String) -> Domain? {
        let folder = "domains/\(name)"
        let nameIsValid = Name.isValid(name)
        if !nameIsValid {
            sink.error(
                invalidNameMessage(name, kind: "domain"), at: .start(of: folder),
                hint: Name.suggestion(for: name).map { "rename the folder to domains/\($0)" })
        }
        var domain = Domain(name: name, location: .start(of: folder))
        let file = ["domain.yaml", "domain.yml"].map { "\(folder)/\($0)" }.first(where: isFile)
        if let file {
            readDomainFile(file, into: &domain)
        } else {
            sink.error(
                "domain folder '\(name)' has no domain.yaml", at: .start(of: folder),
                hint: "add \(folder)/domain.yaml with at least `owner:` and `description:`")
        }

        for entry in entries(of: folder) {
            let path = "\(folder)/\(entry)"
            if isDirectory(path) {
                // Other folders (data files, docs, seeds) are the domain's own business; only a
                // near miss of sources/, models/ or products/ is most likely a typo worth a word.
                if !ParseSession.domainFolders.contains(entry),
                    let suggestion = didYouMean(entry, among: ParseSession.domainFolders)
                {
                    sink.warning(
                        "folder '\(path)' is not part of a domain and is ignored", at: .start(of: path),
                        hint: suggestion)
                }
            } else if entry != "domain.yaml", entry != "domain.yml",
                entry.hasSuffix(".yaml") || entry.hasSuffix(".yml") || entry.hasSuffix(".sql")
            {
                sink.warning(
                    "file '\(path)' is ignored", at: .start(of: path),
                    hint: "sources, models and products go in the domain's sources/, models/ and products/ folders")
            }
        }
        domain.sources = loadSources(domain: name)
        domain.models = loadModels(domain: name)
        domain.products = loadProducts(domain: domain)
        domain.dashboards = loadDashboards(domain: domain)
        applyAutomationDefaults(to: &domain)
        return nameIsValid ? domain : nil
    }

    private func readDomainFile(_ file: String, into domain: inout Domain) {
        guard let document = YAMLFile.read(url(file), path: file, into: sink) else { return }
        let reader = reader(for: file)
        guard let root = reader.mapping(document.root, path: "") else { return }
        domain.location = root.location
        root.allowKeys(ParseSession.domainKeys)
        checkNameKey(root, expected: domain.name, kind: "domain", fileKind: "folder")
        domain.owner = root.text("owner")
        domain.description = root.text("description")
        domain.engine = root.enumeration("engine", as: Engine.self) ?? .duckdb
        domain.tags = root.tags()
        domain.members = readMembers(root)
        domain.services = readServices(root)
        domain.automationDefaults = readAutomation(root)
        domain.alerts = readAlerts(root)
        domain.concurrentRuns = readConcurrency(root)
    }

    /// Completes each node's automation with the domain's defaults.
    private func applyAutomationDefaults(to domain: inout Domain) {
        let defaults = domain.automationDefaults
        for index in domain.sources.indices {
            let source = domain.sources[index]
            domain.sources[index].automation = source.automation.completed(
                by: defaults, canBeEager: source.connector.isFile)
        }
        for index in domain.models.indices {
            domain.models[index].automation = domain.models[index].automation.completed(by: defaults, canBeEager: true)
        }
        for index in domain.products.indices {
            domain.products[index].automation = domain.products[index].automation.completed(
                by: defaults, canBeEager: true)
        }
    }

    /// The `<name>.yaml` (or `.yml`) files of a domain folder, each name once; reports the rest.
    func namedFiles(in folder: String, kind: String, extensions: [String] = ["yaml", "yml"]) -> [(
        name: String, file: String
    )] {
        guard isDirectory(folder) else { return [] }
        var result: [(String, String)] = []
        var seen: [String: String] = [:]
        for entry in entries(of: folder) {
            let path = "\(folder)/\(entry)"
            guard let dot = entry.lastIndex(of: "."), extensions.contains(String(entry[entry.index(after: dot)...])),
                !isDirectory(path)
            else {
                sink.warning(
                    "'\(path)' is not a \(kind) file and is ignored", at: .start(of: path),
                    hint: "\(kind)s are <name>.\(extensions[0]) files")
                continue
            }
            let name = String(entry[..<dot])
            if let first = seen[name] {
                sink.error(
                    "\(kind) '\(name)' is defined twice: \(first) and \(path)", at: .start(of: path),
                    hint: "a \(kind) name is unique within its domain; remove or rename one of the files")
                continue
            }
            seen[name] = path
            if !Name.isValid(name) {
                sink.error(
                    invalidNameMessage(name, kind: kind), at: .start(of: path),
                    hint: Name.suggestion(for: name).map {
                        "rename the file to \($0).\(entry[entry.index(after: dot)...])"
                    })
            }
            result.append((name, path))
        }
        return result
    }
}
