import Foundation
import TesseraAlerts
import TesseraModel

/// A delivery's files: their names (the dashboard and the scheduled time, so a folder collects a
/// dated series and the same time always writes the same file) and their writing into a folder,
/// atomically — a temporary file in the folder, renamed — so a reader never sees half a report.
enum DeliveryFiles {
    /// `sales.overview-2026-12-07T0700Z.pdf`; a PNG's further pages `…-2.png`, `…-3.png`.
    static func names(_ target: DashboardDeliveries.Target, scheduledAt: Date, pages: Int) -> [String] {
        let stamp = stampStyle.format(scheduledAt)
        let base = "\(target.dashboard.qualifiedName)-\(stamp)Z"
        let ext = target.delivery.format.rawValue
        return (1...max(pages, 1)).map { $0 == 1 ? "\(base).\(ext)" : "\(base)-\($0).\(ext)" }
    }

    private static let stampStyle = Date.VerbatimFormatStyle(
        format:
            "\(year: .defaultDigits)-\(month: .twoDigits)-\(day: .twoDigits)T\(hour: .twoDigits(clock: .twentyFourHour, hourCycle: .zeroBased))\(minute: .twoDigits)",
        timeZone: TimeZone(identifier: "UTC") ?? .gmt, calendar: Calendar(identifier: .gregorian))

    /// A folder as written in the file: relative to the project's root unless absolute.
    static func folder(_ path: String, root: URL) -> URL {
        path.hasPrefix("/") ? URL(fileURLWithPath: path, isDirectory: true) : root.appendingPathComponent(path)
    }

    /// Writes each file under its name in `folder` (created when missing). A failure is tried
    /// again (a full disk, a mount that is back) until the policy's attempts are spent.
    static func write(
        _ files: [Data], names: [String], into folder: URL, policy: AlertRetryPolicy, attempt: Int, now: Date
    ) -> AlertRetryPolicy.Outcome {
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            for (data, name) in zip(files, names) {
                let temporary = folder.appendingPathComponent(".\(name).\(UUID().uuidString).partial")
                try data.write(to: temporary)
                guard rename(temporary.path, folder.appendingPathComponent(name).path) == 0 else {
                    let code = errno
                    try? FileManager.default.removeItem(at: temporary)
                    throw CocoaError(
                        .fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: String(cString: strerror(code))])
                }
            }
            return .delivered
        } catch {
            let message = "cannot write into \(folder.path): \(error.localizedDescription)"
            guard attempt < policy.maxAttempts else {
                return .failed(error: "\(message); gave up after \(attempt) attempts")
            }
            return .retry(at: now.addingTimeInterval(policy.delay(afterAttempt: attempt)), error: message)
        }
    }
}
