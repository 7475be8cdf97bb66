/// A MinHash signature of a set of shingles: for each of `count` hash functions, the least hash
/// over the set. Two signatures agree at a position with probability equal to the Jaccard
/// similarity of their sets, so the share of equal positions estimates it.
public struct MinHashSignature: Hashable, Sendable {
    /// Hash functions: 64 estimate a similarity to within about ±0.06.
    public static let count = 64

    public var values: [UInt64]

    public init(values: [UInt64]) {
        self.values = values
    }

    /// The signature of a set of shingle hashes (see `Shingles.hashes`); nil for an empty set.
    public init?(shingles: [UInt64]) {
        guard !shingles.isEmpty else { return nil }
        var values = [UInt64](repeating: .max, count: Self.count)
        for shingle in shingles {
            for i in 0..<Self.count {
                let hash = Shingles.mix(shingle ^ Self.seeds[i])
                if hash < values[i] { values[i] = hash }
            }
        }
        self.values = values
    }

    /// The estimated Jaccard similarity of the two sets: the share of positions that agree.
    public func similarity(to other: MinHashSignature) -> Double {
        let count = min(values.count, other.values.count)
        guard count > 0 else { return 0 }
        var equal = 0
        for i in 0..<count where values[i] == other.values[i] { equal += 1 }
        return Double(equal) / Double(count)
    }

    static let seeds: [UInt64] = (0..<UInt64(count)).map { Shingles.mix(0x6b61_6261_72 &+ $0 &* 0x9e37_79b9) }
}
