/// The best label sequence under a model's scores, by dynamic programming over the labels the mask
/// allows. Ties go to the lower label.
public enum Viterbi {
    /// The best labels of `count` positions given `emissions[i * n + t]` (label t at position i) and
    /// `transitions[previous * n + current]` (row n: the start of the sequence).
    public static func decode(
        emissions: [Float], count: Int, transitions: [Float], mask: TransitionMask
    ) -> [Int] {
        var labels = [Int](repeating: 0, count: count)
        decode(emissions: emissions, count: count, transitions: transitions, mask: mask) { labels[$0] = $1 }
        return labels
    }

    /// The best labels of a stretch of a sequence, handed to `label` as (position, label) from the
    /// last position to the first, allocating nothing. `after`: the label just before the stretch
    /// (nil: the stretch starts the sequence); `before`: the label just after it (nil: none).
    @inlinable
    public static func decode(
        emissions: [Float], count: Int, transitions: [Float], mask: TransitionMask, after: Int? = nil,
        before: Int? = nil, label: (_ position: Int, _ label: Int) -> Void
    ) {
        guard count > 0 else { return }
        let n = mask.labelCount
        precondition(emissions.count >= count * n && transitions.count == (n + 1) * n)
        let allowed = mask.allowed
        // The row of the transition table the first position follows.
        let start = after ?? n
        withUnsafeTemporaryAllocation(of: Float.self, capacity: count * n) { best in
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: count * n) { back in
                best.initialize(repeating: -.infinity)
                back.initialize(repeating: 0)
                for t in 0..<n where allowed[start * n + t] {
                    best[t] = emissions[t] + transitions[start * n + t]
                }
                if count > 1 {
                    for i in 1..<count {
                        for t in 0..<n {
                            var bestScore = -Float.infinity
                            var bestPrevious = 0
                            for p in 0..<n where best[(i - 1) * n + p] > -.infinity && allowed[p * n + t] {
                                let score = best[(i - 1) * n + p] + transitions[p * n + t]
                                if score > bestScore {
                                    bestScore = score
                                    bestPrevious = p
                                }
                            }
                            best[i * n + t] = bestScore + emissions[i * n + t]
                            back[i * n + t] = UInt8(truncatingIfNeeded: bestPrevious)
                        }
                    }
                }
                if let before {
                    for t in 0..<n {
                        if allowed[t * n + before] {
                            best[(count - 1) * n + t] += transitions[t * n + before]
                        } else {
                            best[(count - 1) * n + t] = -.infinity
                        }
                    }
                }
                var last = 0
                for t in 1..<n where best[(count - 1) * n + t] > best[(count - 1) * n + last] { last = t }
                for i in stride(from: count - 1, through: 0, by: -1) {
                    label(i, last)
                    last = Int(back[i * n + last])
                }
            }
        }
    }
}
