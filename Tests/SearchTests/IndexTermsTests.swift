import Testing

@testable import Search

@Suite("Index terms: the indexed words a prefix may expand to")
struct IndexTermsTests {
    let open = String(IndexTerms.open)

    @Test("ASCII words are terms, lowercased; words that begin with a digit are not")
    func asciiWords() {
        let terms = IndexTerms.terms(in: "Pemerintah memberi 2024 bantuan G20, COVID19 di-tunda.")
        #expect(terms == ["pemerintah", "memberi", "bantuan", "g20", "covid19", "di", "tunda"])
    }

    @Test("spaces, dashes, quotes and symbols outside ASCII only part words")
    func separatorsOutsideASCII() {
        let terms = IndexTerms.terms(in: "pemerintah\u{00A0}daerah—kota “warga” rakyat’s 50°C €5 ©pers")
        #expect(terms == ["pemerintah", "daerah", "kota", "warga", "rakyat", "s", "c", "pers"])
        #expect(!terms.contains { $0.hasSuffix(open) })
    }

    @Test("a word that goes on in letters outside ASCII leaves an open run; its ASCII rest is a term too")
    func lettersOutsideASCII() {
        let terms = IndexTerms.terms(in: "Bjørn naïve abc²def")
        #expect(terms.contains("bj" + open) && terms.contains("bj") && terms.contains("rn"))
        #expect(terms.contains("na" + open) && terms.contains("ve"))
        #expect(terms.contains("abc" + open) && terms.contains("def"))
        #expect(!terms.contains("naive"))
    }

    @Test("a word that begins outside ASCII leaves the open run of the letter it folds to")
    func beginningOutsideASCII() {
        #expect(IndexTerms.terms(in: "Élite") == ["e" + open, "lite"])
        #expect(IndexTerms.terms(in: "Ängel") == ["a" + open, "ngel"])
        // A letter that folds to nothing in ASCII cannot begin a word an ASCII prefix finds.
        #expect(IndexTerms.terms(in: "Москва") == [])
        #expect(IndexTerms.terms(in: "xМосква") == ["x", "x" + open])
    }

    @Test("only ASCII prefixes that begin with a letter expand; the open runs before one are its beginnings")
    func prefixes() {
        #expect(IndexTerms.canExpand("pemerint"))
        #expect(IndexTerms.canExpand("g2"))
        #expect(!IndexTerms.canExpand("20"))
        #expect(!IndexTerms.canExpand("bjø"))
        #expect(!IndexTerms.canExpand(""))
        #expect(IndexTerms.openRuns(before: "bjo") == ["b" + open, "bj" + open, "bjo" + open])
    }
}
