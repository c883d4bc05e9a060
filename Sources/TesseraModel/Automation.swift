/// When a source, model or product runs by itself (`schedule:`, `automation:`), how its transient
/// failures are retried (`retries:`) and how fresh it must stay (`sla:`). Declared on the node or,
/// as a default for the nodes that declare none, in domain.yaml.
public struct Automation: Sendable, Hashable {
    /// `automation:` values.
    public enum Condition: String, Sendable, Hashable, CaseIterable {
        /// A model or product runs when an upstream publishes or a source has new data; a file
        /// source runs when a new or changed file arrives.
        case eager
    }

    /// The keys, as written; `inherited` names those taken from domain.yaml.
    public enum Key: String, Sendable, Hashable, CaseIterable, Comparable {
        case schedule, automation, retries, sla

        public static func < (lhs: Key, rhs: Key) -> Bool {
            (allCases.firstIndex(of: lhs) ?? 0) < (allCases.firstIndex(of: rhs) ?? 0)
        }
    }

    /// Cron, in its time zone; nil: no schedule.
    public var schedule: Cron?
    public var condition: Condition?
    /// nil: a failed run is not retried.
    public var retries: RetryPolicy?
    public var sla: ServiceLevel
    public var inherited: Set<Key>

    public init(
        schedule: Cron? = nil, condition: Condition? = nil, retries: RetryPolicy? = nil, sla: ServiceLevel = .init(),
        inherited: Set<Key> = []
    ) {
        self.schedule = schedule
        self.condition = condition
        self.retries = retries
        self.sla = sla
        self.inherited = inherited
    }

    public var isEager: Bool { condition == .eager }

    /// True when something makes the node run by itself.
    public var runsByItself: Bool { schedule != nil || condition != nil }

    /// This node's settings completed by the domain's `defaults`. `schedule` and `automation`
    /// decide together when a node runs, so a node declaring either takes neither from the
    /// domain; `retries` and `sla` are taken one by one. `automation: eager` is taken only by
    /// nodes that can be eager (`canBeEager`: not a database or HTTP source).
    public func completed(by defaults: Automation, canBeEager: Bool) -> Automation {
        var result = self
        if !runsByItself {
            if let schedule = defaults.schedule {
                result.schedule = schedule
                result.inherited.insert(.schedule)
            }
            if let condition = defaults.condition, canBeEager {
                result.condition = condition
                result.inherited.insert(.automation)
            }
        }
        if result.retries == nil, let retries = defaults.retries {
            result.retries = retries
            result.inherited.insert(.retries)
        }
        if result.sla.freshness == nil, let freshness = defaults.sla.freshness {
            result.sla.freshness = freshness
            result.inherited.insert(.sla)
        }
        return result
    }
}
