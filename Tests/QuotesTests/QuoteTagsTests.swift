import Entities
import Quotes
import Testing

@Suite("Quote tags (the scoring interface)")
struct QuoteTagsTests {
    func tags(_ text: String, names: [String] = []) -> [String] {
        let tokens = text.split(separator: " ").map(String.init)
        return QuoteTags.tags(tokens: tokens, sentenceStarts: [0], recognizer: NamesRecognizer(names: names))
    }

    @Test("quote tokens with their marks, the cue and the speaker's name")
    func tagged() {
        let result = tags("\" Kami siap , \" kata Kapolres AKBP Budi Santoso .", names: ["Budi Santoso"])
        #expect(
            result == [
                "B-QUOTE", "I-QUOTE", "I-QUOTE", "I-QUOTE", "I-QUOTE", "B-CUE", "O", "O", "B-SPEAKER", "I-SPEAKER",
                "O",
            ])
    }

    @Test("a pronoun speaker is tagged; a -nya cue has none")
    func pronouns() {
        #expect(
            tags("\" Kami siap , \" kata dia .") == [
                "B-QUOTE", "I-QUOTE", "I-QUOTE", "I-QUOTE", "I-QUOTE", "B-CUE", "B-SPEAKER", "O",
            ])
        #expect(
            tags("\" Kami siap , \" ujarnya .") == [
                "B-QUOTE", "I-QUOTE", "I-QUOTE", "I-QUOTE", "I-QUOTE", "B-CUE", "O",
            ])
    }

    @Test("a handle split into tokens is the speaker whole, up to the sentence's end")
    func handle() {
        #expect(
            tags("\" Kami siap , \" tulis @ sekretariat . kabinet .") == [
                "B-QUOTE", "I-QUOTE", "I-QUOTE", "I-QUOTE", "I-QUOTE", "B-CUE", "B-SPEAKER", "I-SPEAKER",
                "I-SPEAKER", "I-SPEAKER", "O",
            ])
    }

    @Test("a hyphenated name split into tokens is the speaker whole, past the role and its comma")
    func hyphenated() {
        #expect(
            tags("\" Kami siap , \" ujar Presiden Lyon , Jean - Michel Aulas .", names: ["Jean - Michel Aulas"]) == [
                "B-QUOTE", "I-QUOTE", "I-QUOTE", "I-QUOTE", "I-QUOTE", "B-CUE", "O", "O", "O", "B-SPEAKER",
                "I-SPEAKER", "I-SPEAKER", "I-SPEAKER", "O",
            ])
    }

    @Test("a rank's full stop taken for a sentence's end does not cut the speaker's name off")
    func rankStop() {
        let tokens = [
            "\"", "Kami", "siap", ",", "\"", "kata", "Presiden", "KPI", "Capt", ".", "Hasudungan", "Tambunan", ".",
        ]
        let result = QuoteTags.tags(
            tokens: tokens, sentenceStarts: [0, 10], recognizer: NamesRecognizer(names: ["Hasudungan Tambunan"]))
        #expect(
            result == [
                "B-QUOTE", "I-QUOTE", "I-QUOTE", "I-QUOTE", "I-QUOTE", "B-CUE", "O", "O", "O", "O", "B-SPEAKER",
                "I-SPEAKER", "O",
            ])
    }

    @Test("an abbreviated title and its full stop before a one-word name the tagger missed")
    func abbreviatedTitle() {
        let tokens = ["\"", "Itu", "betul", ",", "”", "kata", "Ny", ".", "Isah", ",", "warga", "Cilodong", "."]
        let result = QuoteTags.tags(tokens: tokens, sentenceStarts: [0, 8], recognizer: NamesRecognizer(names: []))
        #expect(
            result == [
                "B-QUOTE", "I-QUOTE", "I-QUOTE", "I-QUOTE", "I-QUOTE", "B-CUE", "O", "O", "B-SPEAKER", "O", "O", "O",
                "O",
            ])
    }

    @Test("a hyphenated first name the tagger left out is part of the speaker's name")
    func hyphenatedFirstName() {
        #expect(
            tags(
                "\" Kami siap , \" tutur CEO Bayern , Karl - Heinz Rummenigge , di laman resmi .",
                names: ["Heinz Rummenigge"])
                == [
                    "B-QUOTE", "I-QUOTE", "I-QUOTE", "I-QUOTE", "I-QUOTE", "B-CUE", "O", "O", "O", "B-SPEAKER",
                    "I-SPEAKER",
                    "I-SPEAKER", "I-SPEAKER", "O", "O", "O", "O", "O",
                ])
    }

    @Test("titles and initials a tokenizer keeps with their full stop")
    func stopsKept() {
        let tokens = ["\"", "Itu", "betul", ",", "\"", "kata", "Ny.", "Isah", ",", "warga", "Cilodong", "."]
        #expect(
            QuoteTags.tags(tokens: tokens, sentenceStarts: [0], recognizer: NamesRecognizer(names: [])) == [
                "B-QUOTE", "I-QUOTE", "I-QUOTE", "I-QUOTE", "I-QUOTE", "B-CUE", "O", "B-SPEAKER", "O", "O", "O", "O",
            ])
        let initials = ["\"", "Itu", "betul", ",", "\"", "kata", "Menteri", "Budi", "S.", "Sadikin", "."]
        #expect(
            QuoteTags.tags(tokens: initials, sentenceStarts: [0], recognizer: NamesRecognizer(names: ["S. Sadikin"]))
                == [
                    "B-QUOTE", "I-QUOTE", "I-QUOTE", "I-QUOTE", "I-QUOTE", "B-CUE", "O", "B-SPEAKER", "I-SPEAKER",
                    "I-SPEAKER", "O",
                ])
    }

    @Test("quote marks and punctuation written against a token's word")
    func gluedPunctuation() {
        let glued = ["\"Kami", "siap", "berangkat,\"", "kata", "Budi", "Santoso."]
        #expect(
            QuoteTags.tags(tokens: glued, sentenceStarts: [0], recognizer: NamesRecognizer(names: ["Budi Santoso"]))
                == [
                    "B-QUOTE", "I-QUOTE", "I-QUOTE", "B-CUE", "B-SPEAKER", "I-SPEAKER",
                ])
        let marks = ["“Kami", "siap", "berangkat", ",”", "kata", "Budi", "."]
        #expect(
            QuoteTags.tags(tokens: marks, sentenceStarts: [0], recognizer: NamesRecognizer(names: ["Budi"])) == [
                "B-QUOTE", "I-QUOTE", "I-QUOTE", "I-QUOTE", "B-CUE", "B-SPEAKER", "O",
            ])
    }

    @Test("`` and '' as a tokenizer may write quote marks")
    func tickMarks() {
        #expect(
            tags("`` Kami siap berangkat , '' kata Budi .", names: ["Budi"]) == [
                "B-QUOTE", "I-QUOTE", "I-QUOTE", "I-QUOTE", "I-QUOTE", "I-QUOTE", "B-CUE", "B-SPEAKER", "O",
            ])
    }

    @Test("a quote right after another is a quote of its own")
    func adjacentQuotes() {
        let tokens = [
            "\"", "Kami", "siap", "berangkat", ",", "\"", "kata", "Budi", ".", "\"", "Semua", "sudah", "siap", ",",
            "\"", "kata", "Ani", ".",
        ]
        let result = QuoteTags.tags(
            tokens: tokens, sentenceStarts: [0, 9], recognizer: NamesRecognizer(names: ["Budi", "Ani"]))
        #expect(result.filter { $0 == "B-QUOTE" }.count == 2)
        #expect(result[9] == "B-QUOTE")
    }

    @Test("a quote running over sentences, reopened without a closing mark, is one quote")
    func reopened() {
        let tokens = ["\"", "Kami", "siap", ".", "\"", "Besok", "kami", "berangkat", ",", "\"", "kata", "Budi", "."]
        let result = QuoteTags.tags(
            tokens: tokens, sentenceStarts: [0, 4], recognizer: NamesRecognizer(names: ["Budi"]))
        #expect(
            result == ["B-QUOTE"] + Array(repeating: "I-QUOTE", count: 3) + ["I-QUOTE"]
                + Array(repeating: "I-QUOTE", count: 5) + ["B-CUE", "B-SPEAKER", "O"])
    }

    @Test("a quote never closed before the text ends stops where the writer's words begin")
    func neverClosed() {
        let tokens = [
            "\"", "Kami", "siap", "menghadapi", "semua", "tantangan", "ini", ".", "Polisi", "Budi", "mengatakan",
            "pelaku", "ditangkap", ".",
        ]
        let result = QuoteTags.tags(tokens: tokens, sentenceStarts: [0, 8], recognizer: nil)
        #expect(result == ["B-QUOTE"] + Array(repeating: "I-QUOTE", count: 7) + Array(repeating: "O", count: 6))
    }

    @Test("every token gets one tag, whatever it is")
    func oddTokens() {
        let tokens = ["", "\"", "“", "🙂", String(repeating: "x", count: 5000), "\t", "kata", "”", "\u{0}", "”"]
        let result = QuoteTags.tags(tokens: tokens, sentenceStarts: [0, 3], recognizer: nil)
        #expect(result.count == tokens.count)
        let valid: Set = ["O", "B-QUOTE", "I-QUOTE", "B-SPEAKER", "I-SPEAKER", "B-CUE", "I-CUE"]
        #expect(result.allSatisfy(valid.contains))
        #expect(QuoteTags.tags(tokens: [], sentenceStarts: [], recognizer: nil).isEmpty)
    }
}
