#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Substring search on UTF-8 bytes: exact, and far cheaper than Foundation's locale-aware search.
extension StringProtocol {
    /// True when `needle` occurs in the string, byte for byte.
    func containsBytes(_ needle: String) -> Bool {
        firstByteOffset(of: needle) != nil
    }

    /// The UTF-8 offset of the first occurrence of `needle`, if any.
    func firstByteOffset(of needle: String) -> Int? {
        var needle = needle
        return needle.withUTF8 { target in
            guard let found = utf8.withContiguousStorageIfAvailable({ Self.search(target, in: $0) }) else {
                return Self.search(target, in: Array(utf8).withUnsafeBufferPointer { $0 })
            }
            return found
        }
    }

    private static func search(_ target: UnsafeBufferPointer<UInt8>, in text: UnsafeBufferPointer<UInt8>) -> Int? {
        guard !target.isEmpty else { return 0 }
        guard text.count >= target.count, let base = text.baseAddress, let needle = target.baseAddress else {
            return nil
        }
        // memchr finds candidates for the first byte many bytes at a time; memcmp checks them.
        var start = base
        let end = base + (text.count - target.count + 1)
        while start < end, let hit = memchr(start, Int32(needle[0]), end - start) {
            let candidate = UnsafePointer(hit.assumingMemoryBound(to: UInt8.self))
            if memcmp(candidate, needle, target.count) == 0 { return base.distance(to: candidate) }
            start = candidate + 1
        }
        return nil
    }
}
