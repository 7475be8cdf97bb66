/// A table from word hashes to numbers by open addressing: one multiply finds a word's first
/// slot, with no hashing of its own. Story grouping looks several words up for every article it
/// reads (their counts in the days around, their rarity in news at large), and a dictionary's
/// hashing was most of that time.
struct WordTable<Value: Sendable>: Sendable {
    /// Each slot's word with bit 32 set, 0 for an empty slot.
    private var keys: [UInt64]
    private var values: [Value]
    private var shift: UInt64
    /// Words in the table.
    private(set) var count = 0
    /// What an empty slot holds.
    private let filler: Value

    init(minimumCapacity: Int = 0, filler: Value) {
        var size = 16
        while size < minimumCapacity * 2 { size *= 2 }
        keys = [UInt64](repeating: 0, count: size)
        values = [Value](repeating: filler, count: size)
        shift = UInt64(64 - size.trailingZeroBitCount)
        self.filler = filler
    }

    @inline(__always)
    private func home(_ stored: UInt64) -> Int { Int(truncatingIfNeeded: (stored &* 0x9E37_79B9_7F4A_7C15) >> shift) }

    /// The slot of a word (stored form), or of the empty slot where it would go.
    @inline(__always)
    private func slot(of stored: UInt64) -> Int {
        let mask = keys.count - 1
        return keys.withUnsafeBufferPointer { keys in
            var slot = home(stored)
            while keys[slot] != 0 && keys[slot] != stored { slot = (slot + 1) & mask }
            return slot
        }
    }

    /// A word's value, nil when the table does not have it.
    subscript(word: UInt32) -> Value? {
        let stored = UInt64(word) | 1 << 32
        let slot = slot(of: stored)
        return keys[slot] == stored ? values[slot] : nil
    }

    /// Sets a word's value.
    mutating func set(_ word: UInt32, to value: Value) { values[insertedSlot(word)] = value }

    /// The slot of a word, put in an empty slot first when the table does not have it.
    private mutating func insertedSlot(_ word: UInt32) -> Int {
        if (count + 1) * 2 > keys.count { grow() }
        let stored = UInt64(word) | 1 << 32
        let slot = slot(of: stored)
        if keys[slot] == 0 {
            keys[slot] = stored
            count += 1
        }
        return slot
    }

    /// The table without the words whose values fail `keep`.
    func filter(_ keep: (Value) -> Bool) -> WordTable {
        var kept = WordTable(minimumCapacity: count, filler: filler)
        for slot in keys.indices where keys[slot] != 0 && keep(values[slot]) {
            kept.set(UInt32(truncatingIfNeeded: keys[slot]), to: values[slot])
        }
        return kept
    }

    /// Every word with its value, in order of word.
    var sorted: [(word: UInt32, value: Value)] {
        keys.indices.filter { keys[$0] != 0 }.map { (UInt32(truncatingIfNeeded: keys[$0]), values[$0]) }
            .sorted { $0.word < $1.word }
    }

    private mutating func grow() {
        var bigger = WordTable(minimumCapacity: keys.count, filler: filler)
        for slot in keys.indices where keys[slot] != 0 {
            bigger.set(UInt32(truncatingIfNeeded: keys[slot]), to: values[slot])
        }
        self = bigger
    }
}

extension WordTable where Value: AdditiveArithmetic {
    init(minimumCapacity: Int = 0) { self.init(minimumCapacity: minimumCapacity, filler: .zero) }

    /// Adds to a word's value (a word not in the table has 0).
    mutating func add(_ change: Value, to word: UInt32) {
        let slot = insertedSlot(word)
        values[slot] += change
    }
}
