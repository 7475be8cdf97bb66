import Foundation

/// One sequence's label lattice, for forward–backward: emission scores in (`emissions[i * n + t]`,
/// label t at position i), each position's and each adjacent pair's label probabilities out, over
/// the sequences the mask allows. Kept and reused between sequences, so that training allocates
/// nothing per sequence.
public struct Lattice: Sendable {
    public let mask: TransitionMask
    /// Positions of the current sequence.
    public private(set) var count = 0
    /// Label scores per position, set by the caller after `reset(count:)`.
    public var emissions: [Double] = []
    /// Log forward and backward scores.
    public private(set) var alpha: [Double] = []
    public private(set) var beta: [Double] = []
    /// `unary[i * n + t]`: the probability of label t at position i.
    public private(set) var unary: [Double] = []
    /// `pairs[(i - 1) * n * n + p * n + t]`: the probability of label p at i - 1 and t at i.
    public private(set) var pairs: [Double] = []
    /// The log of the sum of the scores of every allowed sequence.
    public private(set) var logPartition = 0.0
    private var terms: [Double]

    public init(mask: TransitionMask) {
        self.mask = mask
        terms = [Double](repeating: 0, count: mask.labelCount)
    }

    /// Makes room for `count` positions, every emission 0.
    public mutating func reset(count: Int) {
        let n = mask.labelCount
        self.count = count
        if emissions.count < count * n {
            emissions = [Double](repeating: 0, count: count * n)
            alpha = emissions
            beta = emissions
            unary = emissions
            pairs = [Double](repeating: 0, count: count * n * n)
        } else {
            for i in 0..<(count * n) { emissions[i] = 0 }
        }
    }

    @inline(__always)
    static func logSum(_ values: UnsafeMutableBufferPointer<Double>, _ count: Int) -> Double {
        var top = -Double.infinity
        for i in 0..<count where values[i] > top { top = values[i] }
        guard top > -.infinity else { return -.infinity }
        var sum = 0.0
        for i in 0..<count { sum += Foundation.exp(values[i] - top) }
        return top + Foundation.log(sum)
    }

    /// Fills `unary`, `pairs` and `logPartition` from `emissions` and the transition scores
    /// (`transitions[previous * n + current]`, row n the start of the sequence).
    public mutating func marginals(transitions: [Double]) {
        let n = mask.labelCount
        precondition(transitions.count == (n + 1) * n, "one transition score per pair of labels and per first label")
        guard count > 0 else {
            logPartition = 0
            return
        }
        let allowed = mask.allowed
        let count = count
        // The scratch row is taken out while the arrays around it are written.
        var scratch: [Double] = []
        swap(&scratch, &terms)
        defer { swap(&scratch, &terms) }
        scratch.withUnsafeMutableBufferPointer { terms in
            for t in 0..<n {
                alpha[t] = allowed[n * n + t] ? emissions[t] + transitions[n * n + t] : -.infinity
            }
            if count > 1 {
                for i in 1..<count {
                    for t in 0..<n {
                        for p in 0..<n {
                            terms[p] =
                                allowed[p * n + t] ? alpha[(i - 1) * n + p] + transitions[p * n + t] : -.infinity
                        }
                        alpha[i * n + t] = Self.logSum(terms, n) + emissions[i * n + t]
                    }
                }
            }
            for t in 0..<n { beta[(count - 1) * n + t] = 0 }
            if count > 1 {
                for i in stride(from: count - 2, through: 0, by: -1) {
                    for p in 0..<n {
                        for t in 0..<n {
                            terms[t] =
                                allowed[p * n + t]
                                ? transitions[p * n + t] + emissions[(i + 1) * n + t] + beta[(i + 1) * n + t]
                                : -.infinity
                        }
                        beta[i * n + p] = Self.logSum(terms, n)
                    }
                }
            }
            for t in 0..<n { terms[t] = alpha[(count - 1) * n + t] }
            let total = Self.logSum(terms, n)
            logPartition = total
            for i in 0..<count {
                for t in 0..<n {
                    let score = alpha[i * n + t] + beta[i * n + t] - total
                    unary[i * n + t] = score > -.infinity ? Foundation.exp(score) : 0
                }
            }
            if count > 1 {
                for i in 1..<count {
                    for p in 0..<n {
                        for t in 0..<n {
                            let index = (i - 1) * n * n + p * n + t
                            if allowed[p * n + t] {
                                let score =
                                    alpha[(i - 1) * n + p] + transitions[p * n + t] + emissions[i * n + t]
                                    + beta[i * n + t] - total
                                pairs[index] = score > -.infinity ? Foundation.exp(score) : 0
                            } else {
                                pairs[index] = 0
                            }
                        }
                    }
                }
            }
        }
    }
}
