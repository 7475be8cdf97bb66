/// Which label may follow which in a sequence: every pair, or only those a scheme such as IOB2
/// allows (`I-PER` only after `B-PER` or `I-PER`). Decoding and training never consider a sequence
/// the mask forbids.
public struct TransitionMask: Sendable, Hashable {
    /// How many labels there are (at most 256).
    public let labelCount: Int
    /// `allowed[previous * labelCount + current]`; row `labelCount` is the start of the sequence.
    public let allowed: [Bool]

    /// The mask of `allows(previous, current)`, `previous` nil at the start of the sequence.
    public init(labelCount: Int, allows: (_ previous: Int?, _ current: Int) -> Bool) {
        precondition((1...256).contains(labelCount), "a sequence model has 1 to 256 labels")
        self.labelCount = labelCount
        var allowed = [Bool](repeating: false, count: (labelCount + 1) * labelCount)
        for previous in 0...labelCount {
            for current in 0..<labelCount {
                allowed[previous * labelCount + current] = allows(previous == labelCount ? nil : previous, current)
            }
        }
        self.allowed = allowed
    }

    /// Any label may follow any other.
    public static func all(labelCount: Int) -> TransitionMask {
        TransitionMask(labelCount: labelCount) { _, _ in true }
    }

    /// Whether `current` may follow `previous` (nil: `current` starts the sequence).
    @inlinable
    public func allows(_ previous: Int?, _ current: Int) -> Bool {
        allowed[(previous ?? labelCount) * labelCount + current]
    }

    /// Whether a whole label sequence keeps to the mask.
    public func allows(_ labels: [Int]) -> Bool {
        labels.indices.allSatisfy { allows($0 == 0 ? nil : labels[$0 - 1], labels[$0]) }
    }
}
