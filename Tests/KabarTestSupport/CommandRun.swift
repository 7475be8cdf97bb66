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
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    posix_spawn_file_actions_addopen(&actions, 2, errorPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var emptyMask = sigset_t()
    sigemptyset(&emptyMask)
    posix_spawnattr_setsigmask(&attributes, &emptyMask)
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK))
    var argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
    var envp: [UnsafeMutablePointer<CChar>?] = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer {
        for pointer in argv { free(pointer) }
        for pointer in envp { free(pointer) }
    }
    var pid: pid_t = 0
    let result = posix_spawn(&pid, executable, &actions, &attributes, &argv, &envp)
    guard result == 0 else { throw TmuxError("cannot start \(executable): \(String(cString: strerror(result)))") }
    var status: Int32 = 0
    waitpid(pid, &status, 0)
    let exitCode = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
    return CommandResult(
        status: exitCode,
        output: (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? "",
        errorOutput: (try? String(contentsOfFile: errorPath, encoding: .utf8)) ?? "")
}
