import Foundation

/// Where kabar keeps the index of a store: in its own cache folder, one database per store.
public enum IndexLocation {
    /// `$XDG_CACHE_HOME/kabar/indexes/<folder-name>-<hash>.sqlite`, with `~/.cache` when
    /// `XDG_CACHE_HOME` is unset.
    public static func defaultURL(forStore store: URL, environment: [String: String]) -> URL {
        let cache: URL
        if let xdg = environment["XDG_CACHE_HOME"], xdg.hasPrefix("/") {
            cache = URL(fileURLWithPath: xdg, isDirectory: true)
        } else {
            let home = environment["HOME"] ?? NSHomeDirectory()
            cache = URL(fileURLWithPath: home, isDirectory: true).appendingPathComponent(".cache", isDirectory: true)
        }
        let canonical = store.standardizedFileURL.resolvingSymlinksInPath().path
        let slug = String(
            store.standardizedFileURL.lastPathComponent.map { $0.isLetter || $0.isNumber ? $0 : "-" }.prefix(40))
        let name = "\(slug.isEmpty ? "store" : slug)-\(hexHash(canonical)).sqlite"
        return cache.appendingPathComponent("kabar/indexes", isDirectory: true).appendingPathComponent(name)
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
