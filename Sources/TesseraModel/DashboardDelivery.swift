/// One entry of a dashboard's `deliver:`: when the dashboard is rendered (a cron schedule, as
/// model schedules are written), as whom (the owning domain or one of its `readers`), how (the
/// format, paper and parameter values), and where each file goes (folders, webhooks).
///
/// A webhook's URL and its header values are credentials: kept as ``ConfigString``s, in
/// ``Project/secretRedactor``, and never in ``description`` or a message.
public struct DashboardDelivery: Sendable, Hashable {
    public enum Format: String, Sendable, Hashable, CaseIterable {
        case pdf, png
    }

    /// Where a rendered file goes.
    public enum Destination: Sendable, Hashable, CustomStringConvertible {
        /// A folder, relative to the project's root unless absolute; created when missing.
        case folder(String)
        /// An http(s) URL the file is posted to (multipart/form-data), with extra headers.
        /// `isDeliverable` is false while a variable it names is not set.
        case webhook(url: ConfigString, headers: [Header], isDeliverable: Bool)

        /// `folder reports/` or `webhook hooks.example.com`: never a webhook's URL.
        public var description: String {
            switch self {
            case .folder(let path): "folder \(path)"
            case .webhook(let url, _, let deliverable):
                // A variable not set yet: its name says which webhook it is (it holds no secret).
                url.isSecret && !deliverable ? "webhook \(url.template)" : "webhook \(Self.host(of: url.value))"
            }
        }

        /// The one part of a webhook's URL a message may name.
        static func host(of url: String) -> String {
            guard let scheme = url.range(of: "://") else { return "(not a URL)" }
            let rest = url[scheme.upperBound...]
            let authority = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
            return String(authority.split(separator: "@").last ?? "")
        }
    }

    /// A header sent with a webhook's request; its value may come from the environment.
    public struct Header: Sendable, Hashable {
        public var name: String
        public var value: ConfigString

        public init(name: String, value: ConfigString) {
            self.name = name
            self.value = value
        }
    }

    /// Its place in the dashboard's list, from 1 (`deliver[1]`).
    public var index: Int
    public var schedule: Cron
    /// The domain whose eyes the dashboard is rendered with.
    public var viewer: String
    public var format: Format
    /// `a4` or `letter`.
    public var paper: String
    /// Parameter values by name, as `--param` gives them.
    public var parameters: [String: String]
    public var destinations: [Destination]
    /// How often, and after how long, a failed attempt is tried again (`retries:`, as a model's).
    public var retries: RetryPolicy
    public var location: SourceLocation

    public init(
        index: Int, schedule: Cron, viewer: String, format: Format = .pdf, paper: String = "a4",
        parameters: [String: String] = [:], destinations: [Destination], retries: RetryPolicy = RetryPolicy(),
        location: SourceLocation
    ) {
        self.index = index
        self.schedule = schedule
        self.viewer = viewer
        self.format = format
        self.paper = paper
        self.parameters = parameters
        self.destinations = destinations
        self.retries = retries
        self.location = location
    }

    /// `deliver[1]`.
    public var place: String { "deliver[\(index)]" }

    /// The credentials of its webhooks, for the project's redactor.
    var credentials: [ConfigString] {
        destinations.flatMap { destination -> [ConfigString] in
            guard case .webhook(let url, let headers, _) = destination else { return [] }
            // Secret even when written in the file, as an alert's webhook is.
            let whole =
                url.isSecret ? url : ConfigString(template: "${WEBHOOK}", value: url.value, variables: ["WEBHOOK"])
            return [whole] + headers.map(\.value)
        }
    }
}
