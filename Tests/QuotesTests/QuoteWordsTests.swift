import Testing

@testable import Quotes

@Suite("Quote word lists")
struct QuoteWordsTests {
    @Test("every listed word is found with its classes through the byte-hash filter")
    func filterKeepsEveryWord() {
        for (word, classes) in QuoteWords.classes {
            #expect(QuoteWords.wordClass(word) == classes, "\(word)")
        }
    }

    @Test("words on no list are on none, filtered or not")
    func unlistedWords() {
        for word in ["harga", "beras", "", "🙂", "ekonomi", "Kata", "KATA", "kata."] {
            #expect(QuoteWords.wordClass(word) == nil, "\(word)")
        }
        #expect(QuoteWords.wordClass("kata")?.contains(.sayings) == true)
    }
}
