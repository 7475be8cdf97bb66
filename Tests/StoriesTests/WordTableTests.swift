import Foundation
import Testing

@testable import Stories

@Suite("Word tables: word hashes to numbers")
struct WordTableTests {
    @Test("a table agrees with a dictionary through many sets and sums, growing as it goes")
    func agreesWithDictionary() {
        var table = WordTable<Int32>()
        var reference: [UInt32: Int32] = [:]
        // Words of every shape: 0, the largest, neighbours that differ in the lowest bit, and
        // scattered ones; enough of them for the table to grow many times.
        var words: [UInt32] = [0, 1, 2, 3, .max, .max - 1]
        var state: UInt64 = 12_345
        for _ in 0..<5_000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            words.append(UInt32(truncatingIfNeeded: state >> 33))
        }
        for (step, word) in words.enumerated() {
            if step % 3 == 0 {
                table.set(word, to: Int32(step))
                reference[word] = Int32(step)
            } else {
                table.add(Int32(step % 7) - 3, to: word)
                reference[word, default: 0] += Int32(step % 7) - 3
            }
        }
        #expect(table.count == reference.count)
        for word in words { #expect(table[word] == reference[word]) }
        #expect(table[4] == nil)
        #expect(table.sorted.map(\.word) == reference.keys.sorted())
        #expect(table.sorted.map(\.value) == reference.keys.sorted().map { reference[$0]! })
        let positive = table.filter { $0 > 0 }
        #expect(positive.count == reference.values.count { $0 > 0 })
        for word in words { #expect(positive[word] == reference[word].flatMap { $0 > 0 ? $0 : nil }) }
    }

    @Test("the rarity table reads back as written, each word's weight and share as reckoned from its count")
    func rarityTable() throws {
        let counts: [UInt32: UInt32] = [7: 3, 8: 999, 0: 1, .max: 50]
        let rarity = WordRarity(documents: 1_000, counts: counts)
        let read = try WordRarity(data: rarity.encoded())
        for word in [UInt32(7), 8, 0, .max, 9] {
            let expected = Float(log(1_001 / Double((counts[word] ?? 1) + 1)))
            #expect(read.weight(of: word) == expected)
            #expect(read.rarity(of: word).share == exp(-expected))
        }
        #expect(read.encoded() == rarity.encoded())
    }
}
