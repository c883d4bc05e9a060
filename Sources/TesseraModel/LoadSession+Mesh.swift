extension LoadSession {
    static let meshKeys = ["mesh", "description", "environments", "state_dir", "governance"]
    static let governanceKeys = ["require_owner", "require_description", "require_classification", "pii_requires_mask", "pii_propagation"]

    func loadMesh(file: String) -> Mesh {
        var mesh = Mesh(name: "", location: .start(of: file))
        guard let document = YAMLFile.read(url(file), path: file, into: sink) else { return mesh }
        let reader = reader(for: file)
        guard let root = reader.mapping(document.root, path: "") else { return mesh }
        mesh.location = root.location
        root.allowKeys(LoadSession.meshKeys)
        if let node = root.required("mesh", hint: "name the mesh, e.g. `mesh: acme`"),
           let name = reader.name(node, path: "mesh", kind: "mesh") {
            mesh.name = name
        }
        mesh.description = root.text("description")
        if let node = root.value("environments"), let names = reader.names(node, path: "environments", kind: "environment") {
            if names.isEmpty {
                reader.error("'environments' is empty", at: node, hint: "list at least one, e.g. [dev, prod]; the first is the default")
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
            governance.allowKeys(LoadSession.governanceKeys)
            mesh.governance = GovernanceSettings(
                requireOwner: governance.bool("require_owner") ?? true,
                requireDescription: governance.bool("require_description") ?? true,
                requireClassification: governance.bool("require_classification") ?? true,
                piiRequiresMask: governance.bool("pii_requires_mask") ?? true,
                piiPropagation: governance.bool("pii_propagation") ?? true
            )
        }
        return mesh
    }
}
