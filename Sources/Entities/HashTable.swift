/// A read-mostly table from 64-bit hashes (already well mixed: FNV of words, chained name hashes)
/// to small values, by open addressing: one multiply to find a key's home, no second hashing.
/// Key 0 marks an empty slot, so keys are stored with their lowest bit set.
struct HashTable<Value: FixedWidthInteger & Sendable>: Sendable {
    private var keys: [UInt64]
    private var values: [Value]
    private var shift: UInt64
    private(set) var count = 0

    init(minimumCapacity: Int = 0) {
        var size = 16
        while size < minimumCapacity * 2 { size *= 2 }
        keys = [UInt64](repeating: 0, count: size)
        values = [Value](repeating: 0, count: size)
        shift = UInt64(64 - size.trailingZeroBitCount)
    }

    init(_ pairs: some Collection<(UInt64, Value)>) {
        self.init(minimumCapacity: pairs.count)
        for (key, value) in pairs { self[key] = value }
    }

    @inline(__always)
    private func home(_ stored: UInt64) -> Int { Int(truncatingIfNeeded: (stored &* 0x9E37_79B9_7F4A_7C15) >> shift) }

    subscript(key: UInt64) -> Value? {
        get {
            let stored = key | 1
            let mask = keys.count - 1
            return keys.withUnsafeBufferPointer { keys in
                var slot = home(stored)
                while true {
                    let found = keys[slot]
                    if found == stored { return values[slot] }
                    if found == 0 { return nil }
                    slot = (slot + 1) & mask
                }
            }
        }
        set {
            guard let newValue else { fatalError("HashTable keeps every key it is given") }
            if (count + 1) * 2 > keys.count { grow() }
            let stored = key | 1
            let mask = keys.count - 1
            var slot = home(stored)
            while keys[slot] != 0 && keys[slot] != stored { slot = (slot + 1) & mask }
            if keys[slot] == 0 { count += 1 }
            keys[slot] = stored
            values[slot] = newValue
        }
    }

    private mutating func grow() {
        var bigger = HashTable(minimumCapacity: keys.count)
        for slot in keys.indices where keys[slot] != 0 { bigger[keys[slot]] = values[slot] }
        self = bigger
    }

    /// Every key (as stored, lowest bit set) with its value, in key order.
    var sorted: [(key: UInt64, value: Value)] {
        keys.indices.filter { keys[$0] != 0 }.map { (keys[$0], values[$0]) }.sorted { $0.key < $1.key }
    }

    /// How many values satisfy `predicate`.
    func count(where predicate: (Value) -> Bool) -> Int {
        keys.indices.reduce(0) { $0 + (keys[$1] != 0 && predicate(values[$1]) ? 1 : 0) }
    }
}
