import Testing

@testable import Search

/// `insert`, for `#expect` (which cannot call a mutating method itself).
private func add(_ table: inout DistinctWords, _ word: String) -> Bool { table.insert(word) }
private func add(_ table: inout DistinctWords, _ word: String, hash: UInt64) -> Bool { table.insert(word, hash: hash) }

@Suite("Distinct words: each word of an article once, with its hash")
struct DistinctWordsTests {
    @Test("a word met again is not added again; words keep the order first met, each beside its hash")
    func onceEach() {
        var table = DistinctWords()
        #expect(add(&table, "banjir"))
        #expect(add(&table, "jakarta"))
        #expect(!add(&table, "banjir"))
        #expect(add(&table, "Banjir"))
        #expect(table.words == ["banjir", "jakarta", "Banjir"])
        #expect(table.hashes == table.words.map(DistinctWords.hash))
        #expect(table.count == 3)
    }

    @Test("thousands of words past the room first made are all kept, and all found again")
    func growing() {
        var table = DistinctWords(capacity: 4)
        let words = (0..<20_000).map { "kata\($0)" }
        for word in words { #expect(add(&table, word)) }
        for word in words.reversed() { #expect(!add(&table, word)) }
        #expect(table.words == words)
    }

    @Test("a word given as bytes is the same word given as a string")
    func bytesAndStrings() {
        var table = DistinctWords()
        let added = Array("pemerintah".utf8).withUnsafeBufferPointer {
            table.insert(bytes: $0, hash: DistinctWords.hash($0))
        }
        #expect(added)
        #expect(!add(&table, "pemerintah"))
        let again = Array("pemerintah".utf8).withUnsafeBufferPointer {
            table.insert(bytes: $0, hash: DistinctWords.hash($0))
        }
        #expect(!again)
        #expect(table.words == ["pemerintah"])
    }

    @Test("two words that happen to share a hash are both kept: words are compared, not only hashes")
    func sharedHash() {
        var table = DistinctWords()
        #expect(add(&table, "pajak", hash: 0xDEAD_BEEF_0000_0001))
        #expect(add(&table, "pajek", hash: 0xDEAD_BEEF_0000_0001))
        #expect(!add(&table, "pajak", hash: 0xDEAD_BEEF_0000_0001))
        let bytes = Array("pajik".utf8).withUnsafeBufferPointer { table.insert(bytes: $0, hash: 0xDEAD_BEEF_0000_0001) }
        #expect(bytes)
        #expect(table.words == ["pajak", "pajek", "pajik"])
    }

    @Test("a word's place is where it was first added, and a new word's the next")
    func places() {
        var table = DistinctWords()
        var first = table.place(of: "rob", hash: DistinctWords.hash("rob"))
        #expect(first.index == 0 && first.inserted)
        first = table.place(of: "banjir", hash: DistinctWords.hash("banjir"))
        #expect(first.index == 1 && first.inserted)
        let again = table.place(of: "rob", hash: DistinctWords.hash("rob"))
        #expect(again.index == 0 && !again.inserted)
        #expect(table.words == ["rob", "banjir"])
    }

    @Test("emptied, a table takes its words again")
    func emptied() {
        var table = DistinctWords()
        for word in ["satu", "dua", "tiga"] { table.insert(word) }
        table.removeAll()
        #expect(table.count == 0 && table.words.isEmpty)
        #expect(add(&table, "dua"))
        #expect(table.words == ["dua"])
    }

    @Test("plain words and terms collected from several texts into one table are those of each, once")
    func collecting() {
        var words = DistinctWords()
        var terms = DistinctWords()
        for text in ["Banjir Jakarta, 2024", "banjir rob di JAKARTA utara; Bjørn"] {
            PlainWords.collect(in: text, into: &words)
            IndexTerms.collect(in: text, into: &terms)
        }
        #expect(words.words == ["banjir", "jakarta", "rob", "utara"])
        #expect(
            Set(terms.words)
                == IndexTerms.terms(in: "Banjir Jakarta, 2024").union(
                    IndexTerms.terms(in: "banjir rob di JAKARTA utara; Bjørn")))
        #expect(terms.words.count == Set(terms.words).count)
    }
}
