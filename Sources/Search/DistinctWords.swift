/// Distinct words, each kept once with a 64-bit hash of its bytes, in the order first met.
///
/// Indexing meets every word of every article; a `Set<String>` hashes each occurrence with
/// SipHash and builds a string for it first. This table hashes the bytes where they lie (FNV-1a,
/// then mixed), compares bytes only when two hashes agree, and makes a string only for a word it
/// has not yet seen; the hash travels with the word, so a later table (the words already in the
/// index) need not hash it again.
public struct DistinctWords: Sendable {
    /// The words, in the order first inserted.
    public private(set) var words: [String] = []
    /// Each word's hash (`hash(_:)`), beside it.
    public private(set) var hashes: [UInt64] = []
    /// Open addressing: each slot the upper half of a word's hash and its place in `words` plus
    /// one (0 for an empty slot), so that most slots are told apart without reading the words.
    private var slots: [UInt64]
    private var mask: Int
    private static let empty: UInt64 = 0

    @inline(__always)
    private static func entry(_ hash: UInt64, _ index: Int) -> UInt64 {
        (hash & 0xFFFF_FFFF_0000_0000) | UInt64(index + 1)
    }

    public init(capacity: Int = 64) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = Array(repeating: Self.empty, count: size)
        mask = size - 1
    }

    public var count: Int { words.count }

    /// The words and their hashes alone, without the room kept for finding them (a table is
    /// half empty): what an article keeps of its words while it waits to be written.
    public var hashedWords: HashedWords { HashedWords(words: words, hashes: hashes) }

    /// Forgets every word, keeping the room made.
    public mutating func removeAll() {
        words.removeAll(keepingCapacity: true)
        hashes.removeAll(keepingCapacity: true)
        for i in slots.indices { slots[i] = Self.empty }
    }

    /// The hash of a word's bytes: FNV-1a, with its bits then mixed (`fmix64`) so that any of
    /// them may pick the slot.
    @inlinable
    public static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return mix(hash)
    }

    @inlinable
    static func mix(_ value: UInt64) -> UInt64 {
        var h = value
        h ^= h >> 33
        h = h &* 0xff51_afd7_ed55_8ccd
        h ^= h >> 33
        h = h &* 0xc4ce_b9fe_1a85_ec53
        h ^= h >> 33
        return h
    }

    /// The hash of a word.
    public static func hash(_ word: String) -> UInt64 {
        var word = word
        return word.withUTF8 { hash($0) }
    }

    /// Adds a word given as bytes with their hash; false when it was there already.
    @discardableResult
    public mutating func insert(bytes: UnsafeBufferPointer<UInt8>, hash: UInt64) -> Bool {
        let (slot, found) = probe(hash) { words[$0].utf8.elementsEqual(bytes) }
        guard found == nil else { return false }
        append(String(decoding: bytes, as: UTF8.self), hash: hash, at: slot)
        return true
    }

    /// Adds a word with its hash (`hash(_:)`); false when it was there already.
    @discardableResult
    public mutating func insert(_ word: String, hash: UInt64) -> Bool {
        place(of: word, hash: hash).inserted
    }

    /// A word's place in `words`, where it is added when it is not there yet (`inserted`).
    public mutating func place(of word: String, hash: UInt64) -> (index: Int, inserted: Bool) {
        let (slot, found) = probe(hash) { words[$0] == word }
        if let found { return (found, false) }
        return (append(word, hash: hash, at: slot), true)
    }

    /// The slot of the word of `hash` that `isWord` (given its place in `words`) accepts, with
    /// that place; else the empty slot where such a word goes, and nil.
    @inline(__always)
    private func probe(_ hash: UInt64, isWord: (Int) -> Bool) -> (slot: Int, index: Int?) {
        var slot = Int(truncatingIfNeeded: hash) & mask
        let high = hash & 0xFFFF_FFFF_0000_0000
        while true {
            let entry = slots[slot]
            if entry == Self.empty { return (slot, nil) }
            if entry & 0xFFFF_FFFF_0000_0000 == high {
                let index = Int(entry & 0xFFFF_FFFF) - 1
                if hashes[index] == hash && isWord(index) { return (slot, index) }
            }
            slot = (slot + 1) & mask
        }
    }

    /// Adds a new word in the empty `slot` that `probe` gave; its place in `words`.
    @inline(__always)
    @discardableResult
    private mutating func append(_ word: String, hash: UInt64, at slot: Int) -> Int {
        let index = words.count
        slots[slot] = Self.entry(hash, index)
        words.append(word)
        hashes.append(hash)
        if words.count * 2 > slots.count { grow() }
        return index
    }

    /// Adds a word; false when it was there already.
    @discardableResult
    public mutating func insert(_ word: String) -> Bool {
        insert(word, hash: Self.hash(word))
    }

    private mutating func grow() {
        let size = slots.count * 2
        slots = Array(repeating: Self.empty, count: size)
        mask = size - 1
        for (index, hash) in hashes.enumerated() {
            var slot = Int(truncatingIfNeeded: hash) & mask
            while slots[slot] != Self.empty { slot = (slot + 1) & mask }
            slots[slot] = Self.entry(hash, index)
        }
    }
}

/// Words, each beside its hash (`DistinctWords.hash(_:)`).
public struct HashedWords: Sendable {
    public let words: [String]
    public let hashes: [UInt64]
}
