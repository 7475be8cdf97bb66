import Foundation

/// Where kabar keeps the index of a store: in its own cache folder, one database per store.
public enum IndexLocation {
    /// `$XDG_CACHE_HOME/kabar/indexes/<folder-name>-<hash>.sqlite`, with `~/.cache` when
    /// `XDG_CACHE_HOME` is unset.
    public static func defaultURL(forStore store: URL, environment: [String: String]) -> URL {
        folder("XDG_CACHE_HOME", orHome: ".cache", environment: environment)
            .appendingPathComponent("kabar/indexes", isDirectory: true)
            .appendingPathComponent(fileName(forStore: store, extension: "sqlite"))
    }

    /// Where the store's reading state (read and starred marks) lives:
    /// `$XDG_STATE_HOME/kabar/reading/<folder-name>-<hash>.txt`, with `~/.local/state` when
    /// `XDG_STATE_HOME` is unset. Apart from the index, so that rebuilding the index keeps it.
    public static func readingStateURL(forStore store: URL, environment: [String: String]) -> URL {
        folder("XDG_STATE_HOME", orHome: ".local/state", environment: environment)
            .appendingPathComponent("kabar/reading", isDirectory: true)
            .appendingPathComponent(fileName(forStore: store, extension: "txt"))
    }

    /// The theme last chosen with `t` in the reader: `$XDG_STATE_HOME/kabar/theme`, with
    /// `~/.local/state` when `XDG_STATE_HOME` is unset.
    public static func themeStateURL(environment: [String: String]) -> URL {
        folder("XDG_STATE_HOME", orHome: ".local/state", environment: environment)
            .appendingPathComponent("kabar/theme")
    }

    /// The reader's settings: `$XDG_CONFIG_HOME/kabar/config.toml`, with `~/.config` when
    /// `XDG_CONFIG_HOME` is unset.
    public static func configURL(environment: [String: String]) -> URL {
        folder("XDG_CONFIG_HOME", orHome: ".config", environment: environment)
            .appendingPathComponent("kabar/config.toml")
    }

    static func folder(_ variable: String, orHome relative: String, environment: [String: String]) -> URL {
        if let xdg = environment[variable], xdg.hasPrefix("/") { return URL(fileURLWithPath: xdg, isDirectory: true) }
        let home = environment["HOME"] ?? NSHomeDirectory()
        return URL(fileURLWithPath: home, isDirectory: true).appendingPathComponent(relative, isDirectory: true)
    }

    static func fileName(forStore store: URL, extension suffix: String) -> String {
        let canonical = store.standardizedFileURL.resolvingSymlinksInPath().path
        let slug = String(
            store.standardizedFileURL.lastPathComponent.map { $0.isLetter || $0.isNumber ? $0 : "-" }.prefix(40))
        return "\(slug.isEmpty ? "store" : slug)-\(hexHash(canonical)).\(suffix)"
    }

    /// 64-bit FNV-1a of the text's UTF-8 bytes, as 16 hex digits: stable across runs and machines.
    static func hexHash(_ text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        let digits = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
