/// The features of each position of one sequence (a sentence's tokens, a page's lines): hashed
/// feature keys, each with a value (1 unless given). Key 0 is no feature and is left out, so a
/// caller may use it for a feature it does not want learnt.
public struct FeatureSequence: Sendable, Hashable {
    /// Every position's keys, one position after another.
    public private(set) var keys: [UInt32] = []
    /// The value of each key in `keys`; nil while every value is 1.
    public private(set) var values: [Float]?
    /// Position `i`'s features are `keys[bounds[i]..<bounds[i + 1]]`.
    public private(set) var bounds: [Int] = [0]

    public init() {}

    /// A sequence of the given positions' keys.
    public init(_ positions: [[UInt32]]) {
        for keys in positions { append(keys) }
    }

    /// A sequence of the given positions' keys with their values.
    public init(_ positions: [[(key: UInt32, value: Float)]]) {
        for features in positions { append(features) }
    }

    /// How many positions there are.
    public var count: Int { bounds.count - 1 }

    public var isEmpty: Bool { bounds.count == 1 }

    /// Position `i`'s keys.
    public func keys(at i: Int) -> ArraySlice<UInt32> { keys[bounds[i]..<bounds[i + 1]] }

    /// Adds a position whose features have the value 1.
    public mutating func append(_ positionKeys: some Sequence<UInt32>) {
        for key in positionKeys where key != 0 {
            keys.append(key)
            values?.append(1)
        }
        bounds.append(keys.count)
    }

    /// Adds a position whose features are named by strings (see `FeatureKey`).
    public mutating func append(names: some Sequence<some StringProtocol>) {
        append(names.lazy.map { FeatureKey.key($0) })
    }

    /// Adds a position whose features have the given values (a count, a share, a length).
    public mutating func append(_ features: some Sequence<(key: UInt32, value: Float)>) {
        for (key, value) in features where key != 0 {
            if values == nil, value != 1 { values = [Float](repeating: 1, count: keys.count) }
            keys.append(key)
            values?.append(value)
        }
        bounds.append(keys.count)
    }
}

/// Feature keys from feature names: a stable 32-bit hash (FNV-1a over UTF-8, mixed), never 0.
public enum FeatureKey {
    public static func key(_ name: some StringProtocol) -> UInt32 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in name.utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
        }
        return mixed(hash)
    }

    /// The key of a feature made of two others (`previous line short` from `short` and a
    /// neighbour's mark), in that order.
    public static func key(_ first: UInt32, _ second: UInt32) -> UInt32 {
        mixed((UInt64(first) << 32 | UInt64(second)) &* 0x9E37_79B9_7F4A_7C15)
    }

    static func mixed(_ value: UInt64) -> UInt32 {
        var h = value
        h = (h ^ (h >> 31)) &* 0xBF58_476D_1CE4_E5B9
        h ^= h >> 29
        return UInt32(truncatingIfNeeded: h ^ (h >> 32)) | 1
    }
}
