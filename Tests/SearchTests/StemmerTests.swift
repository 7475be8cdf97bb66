import Testing

@testable import Search

@Suite("Stemmer")
struct StemmerTests {
    @Test(
        "affixed words reach the bundled root list's roots",
        arguments: [
            ("menandatangani", "tandatangan"), ("ditandatangani", "tandatangan"), ("penandatanganan", "tandatangan"),
            ("pertanggungjawaban", "tanggungjawab"), ("mengatakan", "kata"), ("dikatakan", "kata"),
            ("makanan", "makan"), ("membaca", "baca"), ("mencari", "cari"), ("menyerahkan", "serah"),
            ("memperbaiki", "baik"), ("kepolisian", "polisi"), ("berusaha", "usaha"), ("bekerja", "kerja"),
            ("tangan", "tangan"), ("beban", "beban"), ("yang", "yang"), ("jakarta", "jakarta"), ("ab", "ab"),
            ("covid19", "covid19"), ("zürich", "zürich"),
        ])
    func bundledStems(word: String, stem: String) {
        #expect(Stemmer.standard.stem(word) == stem)
    }

    @Test("a word is stemmed only to a root of the list; without one it stays as it is")
    func rootsDecide() {
        let stemmer = Stemmer(roots: ["ajar", "main"], compounds: [["tanda", "tangan"]])
        #expect(stemmer.stem("mengajarkan") == "ajar")
        #expect(stemmer.stem("pelajaran") == "ajar")
        #expect(stemmer.stem("permainan") == "main")
        #expect(stemmer.stem("menulis") == "menulis")
        #expect(stemmer.stem("ditandatangani") == "tandatangan")
        #expect(stemmer.compounds["tandatangan"] == ["tanda", "tangan"])
    }

    @Test("the root list keeps base words and leaves out forms made from them")
    func derivedRootList() {
        let counts = [
            "makan": 40, "makanan": 30, "dimakan": 5, "memakan": 6, "makannya": 3, "tangan": 50, "tangannya": 4,
            "ditangani": 6, "tang": 2, "minum": 9, "x": 100,
        ]
        let roots = Set(RootList.derive(counts: counts))
        #expect(roots.isSuperset(of: ["makan", "tangan", "minum"]))
        #expect(roots.isDisjoint(with: ["makanan", "dimakan", "memakan", "x"]))
    }

    @Test("plain words: ASCII letters only, lower-cased, three to thirty letters")
    func plainWords() {
        #expect(
            PlainWords.distinct(in: "Presiden Joko, di Jakarta! COVID19 café naïve abc") == [
                "presiden", "joko", "jakarta", "abc",
            ])
        // Punctuation and spaces outside ASCII end a word, as they do for the full-text index;
        // letters and marks outside ASCII keep it from being plain.
        #expect(
            PlainWords.distinct(
                in: "yang\u{00A0}tandatangani\u{00A0}dengan \u{201C}kerja\u{201D} sama\u{2014}baik cafe\u{0301}")
                == ["yang", "tandatangani", "dengan", "kerja", "sama", "baik"])
        let text = "Ia menandatangani\u{00A0}perjanjian itu\u{2019}s, naïve x\u{0301}yz."
        let folded = Set(
            SearchQuery.foldedWords(in: text).map(\.word).filter {
                $0.utf8.allSatisfy { $0 < 0x80 } && (3...30).contains($0.count)
            })
        #expect(PlainWords.distinct(in: text).isSubset(of: folded))
        #expect(PlainWords.distinct(in: text).contains("menandatangani"))
    }
}
