import Foundation
import SequenceModels
import Testing

@testable import Entities

@Suite("CRF training over IOB2 tags")
struct CRFTrainerTests {
    /// Every valid IOB2 tag sequence of the given length.
    func sequences(of length: Int) -> [[EntityTag]] {
        var all: [[EntityTag]] = [[]]
        for _ in 0..<length {
            all = all.flatMap { prefix in
                EntityTag.allCases.filter { $0.mayFollow(prefix.last) }.map { prefix + [$0] }
            }
        }
        return all
    }

    func score(_ tags: [EntityTag], emissions: [Double], transitions: [Double]) -> Double {
        let n = EntityTag.count
        var total = 0.0
        for (i, tag) in tags.enumerated() {
            let previous = i == 0 ? n : tags[i - 1].rawValue
            total += transitions[previous * n + tag.rawValue] + emissions[i * n + tag.rawValue]
        }
        return total
    }

    @Test("forward–backward gives each tag's and each pair's probability over all valid sequences")
    func marginalsMatchEnumeration() {
        let n = EntityTag.count
        let count = 4
        var generator = SplitMix(seed: 7)
        func random() -> Double { Double(generator.next() % 2000) / 1000 - 1 }
        let transitions = (0..<((n + 1) * n)).map { _ in random() }
        var lattice = Lattice(mask: EntityTag.transitionMask)
        lattice.reset(count: count)
        for i in 0..<(count * n) { lattice.emissions[i] = random() }
        lattice.marginals(transitions: transitions)

        let all = sequences(of: count)
        let weights = all.map { Foundation.exp(score($0, emissions: lattice.emissions, transitions: transitions)) }
        let total = weights.reduce(0, +)
        for i in 0..<count {
            var sum = 0.0
            for t in 0..<n {
                let expected = zip(all, weights).filter { $0.0[i].rawValue == t }.map(\.1).reduce(0, +) / total
                #expect(abs(lattice.unary[i * n + t] - expected) < 1e-9, "position \(i) tag \(t)")
                sum += lattice.unary[i * n + t]
            }
            #expect(abs(sum - 1) < 1e-9)
        }
        for i in 1..<count {
            for p in 0..<n {
                for t in 0..<n {
                    let expected =
                        zip(all, weights).filter { $0.0[i - 1].rawValue == p && $0.0[i].rawValue == t }.map(\.1)
                        .reduce(0, +) / total
                    #expect(abs(lattice.pairs[(i - 1) * n * n + p * n + t] - expected) < 1e-9)
                }
            }
        }
        // An invalid pair (O then I-PER) has no probability at all.
        #expect(lattice.pairs[EntityTag.outside.rawValue * n + EntityTag.insidePerson.rawValue] == 0)
    }

    @Test("a reused lattice gives the same answer for a shorter sentence as a fresh one")
    func reuse() {
        let n = EntityTag.count
        let transitions = [Double](repeating: 0.1, count: (n + 1) * n)
        var long = Lattice(mask: EntityTag.transitionMask)
        long.reset(count: 6)
        for i in 0..<(6 * n) { long.emissions[i] = Double(i % 5) }
        long.marginals(transitions: transitions)
        long.reset(count: 2)
        var fresh = Lattice(mask: EntityTag.transitionMask)
        fresh.reset(count: 2)
        for i in 0..<(2 * n) {
            long.emissions[i] = Double(i % 3)
            fresh.emissions[i] = Double(i % 3)
        }
        long.marginals(transitions: transitions)
        fresh.marginals(transitions: transitions)
        #expect(Array(long.unary[0..<(2 * n)]) == Array(fresh.unary[0..<(2 * n)]))
    }
}
