import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// What a finished command printed and how it exited.
public struct CommandResult: Sendable {
    public var status: Int32
    public var output: String
    public var errorOutput: String
}

/// Runs an executable to completion with the given environment, capturing both outputs.
public func runCommand(_ executable: String, _ arguments: [String], environment: [String: String]) throws
    -> CommandResult
{
    let folder = try TemporaryFolder(prefix: "kabar-run")
    let outputPath = folder.url.appendingPathComponent("out").path
    let errorPath = folder.url.appendingPathComponent("err").path
    let pid = try spawnProcess(
        [executable] + arguments, environment: environment, outputPath: outputPath, errorPath: errorPath)
    return CommandResult(
        status: waitForExit(pid),
        output: (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? "",
        errorOutput: (try? String(contentsOfFile: errorPath, encoding: .utf8)) ?? "")
}

/// Starts a process with `posix_spawn`: standard input from /dev/null, outputs to files (or
/// /dev/null), an empty signal mask and default signal actions. A child of a test thread would
/// otherwise inherit that thread's blocked signals.
public func spawnProcess(
    _ arguments: [String], environment: [String: String]?, outputPath: String?, errorPath: String?
) throws -> pid_t {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, outputPath ?? "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    posix_spawn_file_actions_addopen(&actions, 2, errorPath ?? "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var emptyMask = sigset_t()
    sigemptyset(&emptyMask)
    posix_spawnattr_setsigmask(&attributes, &emptyMask)
    var defaults = sigset_t()
    sigemptyset(&defaults)
    for signal in [SIGCHLD, SIGTERM, SIGINT, SIGHUP, SIGPIPE] { sigaddset(&defaults, signal) }
    posix_spawnattr_setsigdefault(&attributes, &defaults)
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
    var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
    var envp: [UnsafeMutablePointer<CChar>?]? = environment.map { $0.map { strdup("\($0.key)=\($0.value)") } + [nil] }
    defer {
        for pointer in argv { free(pointer) }
        for pointer in envp ?? [] { free(pointer) }
    }
    var pid: pid_t = 0
    let result =
        envp == nil
        ? posix_spawn(&pid, arguments[0], &actions, &attributes, &argv, environ)
        : posix_spawn(&pid, arguments[0], &actions, &attributes, &argv, &envp!)
    guard result == 0 else { throw TmuxError("cannot start \(arguments[0]): \(String(cString: strerror(result)))") }
    return pid
}

/// Waits for a child; its exit code, or 128 + the signal that ended it.
public func waitForExit(_ pid: pid_t) -> Int32 {
    var status: Int32 = 0
    waitpid(pid, &status, 0)
    return (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
}
