import Testing

@testable import Search

@Suite("Search queries")
struct SearchQueryTests {
    @Test(
        "typed text becomes quoted FTS5 terms",
        arguments: [
            ("Kirby", "\"kirby\""),
            ("korea utara", "\"korea\" \"utara\""),
            ("\"Korea Utara\" putin", "\"korea utara\" \"putin\""),
            ("pemerint*", "\"pemerint\"*"),
            ("Zürich", "\"zurich\""),
            ("Jong-un", "\"jong\" \"un\""),
            ("a\"b", "\"a\" \"b\""),
            ("NEAR(x y) OR AND", "\"near\" \"x\" \"y\" \"or\" \"and\""),
        ])
    func ftsExpression(text: String, expected: String) {
        #expect(SearchQuery(text).ftsExpression == expected)
    }

    @Test("queries with no words are empty", arguments: ["", "   ", "\"\"", "*", "-- !"])
    func emptyQueries(text: String) {
        #expect(SearchQuery(text).isEmpty)
        #expect(SearchQuery(text).ftsExpression == nil)
    }

    @Test("matches are found regardless of case and diacritics, as byte ranges")
    func matchesInText() {
        let text = "Café di Zürich; KIRBY dan Kirby."
        let ranges = SearchQuery("kirby zurich").matches(in: text)
        let bytes = Array(text.utf8)
        let found = ranges.map { String(decoding: bytes[$0], as: UTF8.self) }
        #expect(found == ["Zürich", "KIRBY", "Kirby"])
    }

    @Test("phrases match only as consecutive words; prefixes match word starts")
    func phrasesAndPrefixes() {
        let text = "Korea Utara dan Korea Selatan; pemerintah memerintah."
        let bytes = Array(text.utf8)
        func found(_ query: String) -> [String] {
            SearchQuery(query).matches(in: text).map { String(decoding: bytes[$0], as: UTF8.self) }
        }
        #expect(found("\"korea utara\"") == ["Korea Utara"])
        #expect(found("pemerint*") == ["pemerintah"])
        #expect(found("merint*") == [])
    }

    @Test(
        "person:, org: and place: fields name an entity kind and words; the rest stays free text",
        arguments: [
            ("person:putin", [SearchQuery.EntityField(kind: "PER", words: ["putin"])], nil),
            (
                "Org:\"Gedung Putih\" kirby", [SearchQuery.EntityField(kind: "ORG", words: ["gedung", "putih"])],
                "\"kirby\""
            ),
            (
                "place:Rusia person:Kim", [.init(kind: "LOC", words: ["rusia"]), .init(kind: "PER", words: ["kim"])],
                nil
            ),
            ("waktu:10.00", [], "\"waktu\" \"10\" \"00\""),
        ] as [(String, [SearchQuery.EntityField], String?)])
    func entityFields(text: String, fields: [SearchQuery.EntityField], expression: String?) {
        let query = SearchQuery(text)
        #expect(query.entityFields == fields)
        #expect(query.ftsExpression == expression)
        #expect(!query.isEmpty)
    }

    @Test("an entity field's words are highlighted like search words")
    func entityFieldMatches() {
        let text = "Presiden Vladimir Putin tiba."
        let bytes = Array(text.utf8)
        let found = SearchQuery("person:\"vladimir putin\"").matches(in: text).map {
            String(decoding: bytes[$0], as: UTF8.self)
        }
        #expect(found == ["Vladimir Putin"])
    }
}
