import Foundation
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Tells whether the process that recorded a run is still alive, so a run left `running` by a
/// killed process (Ctrl-C twice, `kill -9`, power loss) shows as interrupted instead of running
/// forever. Only a process on this host can be checked; a run from another host is taken at
/// its word.
public enum ProcessLiveness {
    public static var currentProcessID: Int32 { getpid() }

    /// `gethostname(2)`, not `ProcessInfo.hostName`: the latter may resolve the name over DNS,
    /// which costs a start-up budget `tessera plan` does not have.
    public static var currentHost: String {
        let size = 256
        var buffer = [CChar](repeating: 0, count: size)
        guard gethostname(&buffer, size - 1) == 0 else { return "localhost" }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Whether `pid` on this host is a live process that could be the one that started a run at
    /// `startedAt`. `kill(pid, 0)` alone is fooled by a reused pid, which is likely after a
    /// reboot (pids start again from 1); where the kernel says when a process started (Linux),
    /// a process younger than the run cannot be its author.
    public static func isAlive(_ pid: Int32, startedBy startedAt: Date? = nil) -> Bool {
        guard pid > 0 else { return false }  // kill(0 or -n, 0) would probe a process group
        guard kill(pid, 0) == 0 || errno == EPERM else { return false }
        guard let startedAt, let processStart = startTime(of: pid) else { return true }
        // The clock may have been stepped since boot, and btime has a resolution of a second.
        return processStart <= startedAt.addingTimeInterval(reuseTolerance)
    }

    /// How much later than the run's recorded start its process may appear to have started.
    static let reuseTolerance: TimeInterval = 10

    /// When the process started, from `/proc/<pid>/stat` (field 22, in clock ticks since boot)
    /// and the boot time in `/proc/stat`; nil where there is no such file.
    static func startTime(of pid: Int32) -> Date? {
        #if os(Linux)
            guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
                let closing = stat.lastIndex(of: ")")
            else { return nil }
            // Fields after the command name (which may hold spaces and parentheses) start at field 3.
            let fields = stat[stat.index(after: closing)...].split(separator: " ")
            guard fields.count > 19, let ticks = Double(fields[19]),
                let bootTime = bootTime
            else { return nil }
            let ticksPerSecond = Double(sysconf(Int32(_SC_CLK_TCK)))
            guard ticksPerSecond > 0 else { return nil }
            return Date(timeIntervalSince1970: bootTime + ticks / ticksPerSecond)
        #else
            return nil
        #endif
    }

    private static var bootTime: TimeInterval? {
        guard let stat = try? String(contentsOfFile: "/proc/stat", encoding: .utf8) else { return nil }
        for line in stat.split(separator: "\n") where line.hasPrefix("btime ") {
            return TimeInterval(line.dropFirst("btime ".count).trimmingCharacters(in: .whitespaces))
        }
        return nil
    }
}
