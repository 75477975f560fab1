import Foundation
import Testing

@testable import OutcryCore

/// Programs the importer and the tests run (pdftotext, the test mail server) are started without
/// Foundation's `Process`, whose start crashed a test run that had about 1,450 descriptors open.
@Suite struct ChildProcessTests {
    @Test func aProgramStartsAndItsOutputIsReadWithThousandsOfDescriptorsOpen() throws {
        // Well past the ~1,350 descriptors at which /proc/self/fd fills glibc's 32 KB directory buffer.
        let extra = (0..<2_000).map { _ in open("/dev/null", O_RDONLY | O_CLOEXEC) }
        defer { for descriptor in extra where descriptor >= 0 { close(descriptor) } }
        #expect(extra.allSatisfy { $0 >= 0 }, "the descriptor limit allows 2,000 more")

        let child = try #require(ChildProcess.launch("/bin/echo", ["started"], readingOutput: true))
        let output = FileHandle(fileDescriptor: try #require(child.output), closeOnDealloc: true).readDataToEndOfFile()
        #expect(child.succeeds(before: Date().addingTimeInterval(10)))
        #expect(String(decoding: output, as: UTF8.self) == "started\n")
    }

    @Test func aProgramThatFailsOrOutlivesItsDeadlineIsNoSuccess() throws {
        #expect(try #require(ChildProcess.launch("/bin/sh", ["-c", "exit 3"])).succeeds(before: Date().addingTimeInterval(10)) == false)
        let started = Date()
        let sleeper = try #require(ChildProcess.launch("/bin/sleep", ["30"]))
        #expect(sleeper.succeeds(before: Date().addingTimeInterval(0.3)) == false)
        #expect(Date().timeIntervalSince(started) < 10, "killed at the deadline, not waited for")
        #expect(ChildProcess.launch("/nonexistent/program", []) == nil)
    }
}
