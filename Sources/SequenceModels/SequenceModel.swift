/// A trained linear-chain model: for each feature key one weight per label, and a weight for each
/// label following each other (and starting the sequence). Scores a `FeatureSequence` and decodes
/// it: the best labels (Viterbi) and how sure the model is of each position (forward–backward).
public struct SequenceModel: Sendable {
    /// The mask the model was trained under; its label count is the model's.
    public let mask: TransitionMask
    /// `transitions[previous * n + current]`, row n the start of the sequence.
    public let transitions: [Float]
    /// The feature keys with weights, ascending.
    public let keys: [UInt32]
    /// `weights[row * n + t]`: label t's weight for `keys[row]`.
    public let weights: [Float]
    /// The labels' names, kept in the model's file so a reader can check them; empty or one per label.
    public var labelNames: [String] {
        didSet { precondition(labelNames.isEmpty || labelNames.count == labelCount, "one name per label") }
    }
    /// Open addressing from key to row: a key's search starts at `home`, slot key 0 is empty.
    let slotKeys: [UInt32]
    let slotRows: [Int32]

    public var labelCount: Int { mask.labelCount }

    /// A model of the given weights (`rows` in any order, each key once and never 0, one weight per
    /// label) and transitions.
    public init(
        mask: TransitionMask, transitions: [Float], rows: some Sequence<(key: UInt32, weights: [Float])>,
        labelNames: [String] = []
    ) {
        let n = mask.labelCount
        precondition(transitions.count == (n + 1) * n, "one transition weight per pair of labels and per first label")
        let sorted = rows.sorted { $0.key < $1.key }
        var keys: [UInt32] = []
        var weights: [Float] = []
        keys.reserveCapacity(sorted.count)
        weights.reserveCapacity(sorted.count * n)
        for row in sorted {
            precondition(row.key != 0 && row.key != keys.last && row.weights.count == n, "bad row for key \(row.key)")
            keys.append(row.key)
            weights.append(contentsOf: row.weights)
        }
        self.init(mask: mask, transitions: transitions, sortedKeys: keys, weights: weights, labelNames: labelNames)
    }

    init(mask: TransitionMask, transitions: [Float], sortedKeys keys: [UInt32], weights: [Float], labelNames: [String])
    {
        precondition(labelNames.isEmpty || labelNames.count == mask.labelCount, "one name per label")
        self.mask = mask
        self.transitions = transitions
        self.keys = keys
        self.weights = weights
        self.labelNames = labelNames
        // A quarter of the slots stay empty, so that a search for a missing key ends soon.
        let capacity = max(16, keys.count + keys.count / 3 + 1)
        var slotKeys = [UInt32](repeating: 0, count: capacity)
        var slotRows = [Int32](repeating: -1, count: capacity)
        for (row, key) in keys.enumerated() {
            var slot = Self.home(of: key, capacity: capacity)
            while slotKeys[slot] != 0 { slot = slot + 1 == capacity ? 0 : slot + 1 }
            slotKeys[slot] = key
            slotRows[slot] = Int32(row)
        }
        self.slotKeys = slotKeys
        self.slotRows = slotRows
    }

    @inline(__always)
    static func home(of key: UInt32, capacity: Int) -> Int { Int((UInt64(key) &* UInt64(capacity)) >> 32) }

    /// The row of `key`'s weights, nil for a key the model has no weights for.
    public func row(of key: UInt32) -> Int? {
        guard key != 0 else { return nil }
        let capacity = slotKeys.count
        var slot = Self.home(of: key, capacity: capacity)
        while true {
            let found = slotKeys[slot]
            if found == key { return Int(slotRows[slot]) }
            if found == 0 { return nil }
            slot = slot + 1 == capacity ? 0 : slot + 1
        }
    }

    /// `key`'s weight for each label, nil for a key the model has no weights for.
    public func weights(of key: UInt32) -> ArraySlice<Float>? {
        row(of: key).map { weights[($0 * labelCount)..<(($0 + 1) * labelCount)] }
    }

    /// `scores[i * n + t]`: the summed weights of position i's features for label t.
    public func emissions(for sequence: FeatureSequence) -> [Float] {
        let n = labelCount
        var scores = [Float](repeating: 0, count: sequence.count * n)
        for i in 0..<sequence.count {
            for k in sequence.bounds[i]..<sequence.bounds[i + 1] {
                guard let row = row(of: sequence.keys[k]) else { continue }
                let value = sequence.values?[k] ?? 1
                for t in 0..<n { scores[i * n + t] += weights[row * n + t] * value }
            }
        }
        return scores
    }

    /// The best label of each position, as one sequence.
    public func bestLabels(for sequence: FeatureSequence) -> [Int] {
        Viterbi.decode(
            emissions: emissions(for: sequence), count: sequence.count, transitions: transitions, mask: mask)
    }

    /// Each position's probability of each label (`[i][t]`; each position's sum is 1).
    public func marginals(for sequence: FeatureSequence) -> [[Double]] {
        marginals(emissions: emissions(for: sequence), count: sequence.count)
    }

    /// The best labels and, for each position, the probability of every label and of the one chosen.
    public func decode(_ sequence: FeatureSequence) -> Decoding {
        let scores = emissions(for: sequence)
        return Decoding(
            labels: Viterbi.decode(emissions: scores, count: sequence.count, transitions: transitions, mask: mask),
            marginals: marginals(emissions: scores, count: sequence.count))
    }

    func marginals(emissions scores: [Float], count: Int) -> [[Double]] {
        let n = labelCount
        var lattice = Lattice(mask: mask)
        lattice.reset(count: count)
        for i in 0..<(count * n) { lattice.emissions[i] = Double(scores[i]) }
        lattice.marginals(transitions: transitions.map(Double.init))
        return (0..<count).map { Array(lattice.unary[($0 * n)..<(($0 + 1) * n)]) }
    }

    /// A decoded sequence.
    public struct Decoding: Sendable, Hashable {
        /// The best label sequence.
        public var labels: [Int]
        /// `marginals[i][t]`: the probability of label t at position i, over every allowed sequence.
        public var marginals: [[Double]]

        /// How sure the model is of position i's chosen label: its probability.
        public func confidence(at i: Int) -> Double { marginals[i][labels[i]] }
    }
}

extension SequenceModel: Equatable {
    public static func == (a: SequenceModel, b: SequenceModel) -> Bool {
        a.mask == b.mask && a.transitions == b.transitions && a.keys == b.keys && a.weights == b.weights
            && a.labelNames == b.labelNames
    }
}
