import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A program started with `posix_spawn`, not Foundation's `Process`. On Linux, `Process.run()` lists
/// /proc/self/fd and copies each entry's whole 256-byte name: with more than about 1,350 descriptors open (a
/// busy server, a test run of hundreds of applications) the last entry's copy reads past the end of glibc's
/// buffer, and the whole process crashed that way in CI. `Process` also watches its children on threads of
/// its own that async code must not wait on.
public struct ChildProcess: Sendable {
    public let id: pid_t
    /// The read end of the program's standard output when it was asked for (`readingOutput`); the caller closes it.
    public let output: Int32?

    /// Starts `path` with `arguments`, its input from /dev/null, its output to /dev/null or to a pipe the caller
    /// reads, its errors to /dev/null or where this process writes its own (`keepingErrors`).
    public static func launch(
        _ path: String, _ arguments: [String], readingOutput: Bool = false, keepingErrors: Bool = false
    )
        -> ChildProcess?
    {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        // Both ends close on exec: the child keeps only its copy on descriptor 1.
        var pipe: [Int32] = [-1, -1]
        if readingOutput {
            guard Glibc.pipe(&pipe) == 0 else { return nil }
            for end in pipe { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
            posix_spawn_file_actions_adddup2(&actions, pipe[1], 1)
        }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        if !readingOutput { posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0) }
        if !keepingErrors { posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0) }
        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        defer { for argument in argv { free(argument) } }
        var child: pid_t = 0
        let started = posix_spawn(&child, path, &actions, nil, argv, environ) == 0
        if readingOutput {
            close(pipe[1])
            if !started { close(pipe[0]) }
        }
        return started ? ChildProcess(id: child, output: readingOutput ? pipe[0] : nil) : nil
    }

    /// Waits for the program to end, killing it at `deadline`: whether it exited by itself with status 0.
    public func succeeds(before deadline: Date) -> Bool {
        var status: Int32 = 0
        while true {
            let ended = waitpid(id, &status, WNOHANG)
            if ended == id { break }
            if ended < 0 { return false }
            if Date() > deadline {
                kill(id, SIGKILL)
                waitpid(id, &status, 0)
                return false
            }
            usleep(10_000)
        }
        // Exited (not killed by a signal) with status 0.
        return status & 0x7F == 0 && (status >> 8) & 0xFF == 0
    }

    /// Asks the program to stop (SIGTERM) and waits until it has.
    public func stop() {
        kill(id, SIGTERM)
        var status: Int32 = 0
        while waitpid(id, &status, 0) < 0 && errno == EINTR {}
    }
}
