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
        guard text.count >= target.count else { return nil }
        let first = target[0]
        var index = 0
        let last = text.count - target.count
        while index <= last {
            if text[index] == first {
                var matched = true
                var k = 1
                while k < target.count {
                    if text[index + k] != target[k] {
                        matched = false
                        break
                    }
                    k += 1
                }
                if matched { return index }
            }
            index += 1
        }
        return nil
    }
}
