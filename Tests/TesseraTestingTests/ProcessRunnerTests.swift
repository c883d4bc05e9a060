import Foundation
import Testing
import TesseraTesting

@Suite struct ProcessRunnerTests {
    /// 200 000 bytes on stderr, more than a pipe holds (64 KiB), then a line on stdout. A runner
    /// that reads stdout to its end before stderr waits on a child that waits on it; after 30 s
    /// the test says so and kills the child, rather than hang the suite.
    @Test func aChildWritingMoreThanAPipeHoldsToStderrRunsToItsEnd() async throws {
        let folder = try TemporaryDirectory()
        let pidFile = folder.file("pid")
        let script = """
            echo $$ > '\(pidFile.path)'
            i=0
            while [ $i -lt 2000 ]; do printf '%099d\\n' 0 >&2; i=$((i + 1)); done
            echo done
            """
        let run = BackgroundWork { try ProcessRunner.run(URL(fileURLWithPath: "/bin/sh"), ["-c", script]) }
        let outcome = try run.result(within: 30) {
            Issue.record("the runner and the child wait on each other")
            let pid = (try? String(contentsOf: pidFile, encoding: .utf8)).flatMap {
                Int32($0.trimmingCharacters(in: .whitespacesAndNewlines))
            }
            if let pid { kill(pid, SIGKILL) }
        }
        #expect(outcome.status == 0)
        #expect(outcome.stdout == "done\n")
        #expect(outcome.stderr.utf8.count == 200_000)
    }

    @Test func theEnvironmentAddsToThisProcesssAndTheFolderIsTheChildsCurrentOne() async throws {
        let folder = try TemporaryDirectory()
        let outcome = try await ProcessRunner.run(
            URL(fileURLWithPath: "/bin/sh"), ["-c", "echo \"$GREETING\"; pwd; echo oops >&2; exit 3"],
            in: folder.url, environment: ["GREETING": "hello"])
        #expect(outcome.status == 3)
        let lines = outcome.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "hello")
        #expect(
            lines.last.map { URL(fileURLWithPath: $0).resolvingSymlinksInPath() }
                == folder.url.resolvingSymlinksInPath())
        #expect(outcome.stderr == "oops\n")
    }
}
