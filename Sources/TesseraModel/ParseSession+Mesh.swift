extension ParseSession {
    static let meshKeys =
        ["mesh", "description", "environments", "state_dir", "governance", "openlineage", "admins"] + alertingKeys
    static let openLineageKeys = ["transport", "path", "url", "endpoint", "api_key", "namespace", "timeout"]
    static let governanceKeys = [
        "require_owner", "require_description", "require_classification", "pii_requires_mask", "pii_propagation",
    ]

    func loadMesh(file: String) -> Mesh {
        var mesh = Mesh(name: "", location: .start(of: file))
        guard let document = YAMLFile.read(url(file), path: file, into: sink) else { return mesh }
        let reader = reader(for: file)
        guard let root = reader.mapping(document.root, path: "") else { return mesh }
        mesh.location = root.location
        root.allowKeys(ParseSession.meshKeys)
        if let node = root.required("mesh", hint: "name the mesh, e.g. `mesh: acme`"),
            let name = reader.name(node, path: "mesh", kind: "mesh")
        {
            mesh.name = name
        }
        mesh.description = root.text("description")
        if let node = root.value("environments"),
            let names = reader.names(node, path: "environments", kind: "environment")
        {
            if names.isEmpty {
                reader.error(
                    "'environments' is empty", at: node,
                    hint: "list at least one, e.g. [dev, prod]; the first is the default")
            } else {
                mesh.environments = names.map(\.value)
            }
        }
        if let stateDirectory = root.text("state_dir") {
            if stateDirectory.isEmpty {
                reader.error("'state_dir' is empty", at: root.value("state_dir"), hint: "the default is .tessera")
            } else {
                mesh.stateDirectory = stateDirectory
            }
        }
        if let governance = root.mapping("governance") {
            governance.allowKeys(ParseSession.governanceKeys)
            mesh.governance = GovernanceSettings(
                requireOwner: governance.bool("require_owner") ?? true,
                requireDescription: governance.bool("require_description") ?? true,
                requireClassification: governance.bool("require_classification") ?? true,
                piiRequiresMask: governance.bool("pii_requires_mask") ?? true,
                piiPropagation: governance.bool("pii_propagation") ?? true
            )
        }
        mesh.admins = readAdmins(root)
        mesh.alerts = readAlerts(root)
        mesh.concurrentRuns = readConcurrency(root)
        if let openLineage = root.mapping("openlineage") {
            mesh.openLineage = loadOpenLineage(openLineage, reader: reader, stateDirectory: mesh.stateDirectory)
        }
        return mesh
    }

    /// `transport: file` takes `path` (default `<state_dir>/openlineage.jsonl`); `transport: http`
    /// takes `url`, `endpoint` and `api_key` (from `${…}`, never written out). Both take
    /// `namespace` and `timeout` (seconds).
    private func loadOpenLineage(_ block: MappingReader, reader: YAMLReader, stateDirectory: String)
        -> OpenLineageSettings?
    {
        enum Kind: String, CaseIterable { case file, http }
        block.allowKeys(ParseSession.openLineageKeys)
        guard
            let node = block.required(
                "transport", hint: "`transport: file` (with `path:`) or `transport: http` (with `url:`)"),
            let kind = reader.enumeration(node, path: "openlineage.transport", as: Kind.self)
        else { return nil }
        let transport: OpenLineageSettings.Transport
        switch kind {
        case .file:
            transport = .file(path: block.text("path") ?? "\(stateDirectory)/openlineage.jsonl")
        case .http:
            guard
                let urlNode = block.required("url", hint: "the OpenLineage server, e.g. `url: http://localhost:5000`"),
                let url = reader.secret(urlNode, path: "openlineage.url")
            else { return nil }
            if !(url.value.hasPrefix("http://") || url.value.hasPrefix("https://")) {
                reader.error(
                    "'openlineage.url' must start with http:// or https://", at: urlNode,
                    hint: "e.g. `url: http://localhost:5000`")
            }
            transport = .http(
                url: url, endpoint: block.text("endpoint") ?? OpenLineageSettings.defaultEndpoint,
                apiKey: block.secret("api_key"))
        }
        var timeout = OpenLineageSettings.defaultTimeout
        if let value = block.number("timeout") {
            if value >= 1, value <= 60 {
                timeout = value
            } else {
                reader.error(
                    "'openlineage.timeout' must be between 1 and 60 seconds", at: block.value("timeout"),
                    hint: "the default is 5; a run never waits longer than this for the server")
            }
        }
        return OpenLineageSettings(
            transport: transport, namespace: block.text("namespace"), timeout: timeout,
            location: block.location)
    }
}
