import Foundation
import KabarTestSupport

/// Runs the built `kabar` to completion with `home` as its home, cache and state folder, a plain
/// locale and the system's `PATH`; `environment` adds to or overrides those.
func runKabar(
    _ arguments: [String], home: TemporaryFolder, environment: [String: String] = [:]
) throws -> CommandResult {
    try runCommand(
        kabarBinary, arguments,
        environment: [
            "XDG_CACHE_HOME": home.url.path, "XDG_STATE_HOME": home.url.path, "HOME": home.url.path,
            "LANG": "C.UTF-8", "PATH": "/usr/bin:/bin",
        ].merging(environment) { $1 })
}
