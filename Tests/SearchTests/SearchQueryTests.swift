import Foundation
import Testing

@testable import Search

@Suite("Search queries")
struct SearchQueryTests {
    /// A parsed query written out: `all(kirby, "korea utara", not(rusia), pemerint*, any(a, b), PER:putin)`.
    static func render(_ node: SearchQuery.Node?) -> String {
        guard let node else { return "-" }
        switch node {
        case .word(let word, let isPrefix): return word + (isPrefix ? "*" : "")
        case .phrase(let words): return "\"" + words.joined(separator: " ") + "\""
        case .entity(let field): return field.kind + ":" + field.words.joined(separator: " ")
        case .all(let nodes): return "all(" + nodes.map { render($0) }.joined(separator: ", ") + ")"
        case .any(let nodes): return "any(" + nodes.map { render($0) }.joined(separator: ", ") + ")"
        case .not(let inner): return "not(" + render(inner) + ")"
        }
    }

    @Test(
        "the query language: words, phrases, prefixes, exclusions, AND, OR, parentheses and entity fields",
        arguments: [
            ("Kirby", "kirby", "\"kirby\""),
            ("korea utara", "all(korea, utara)", "(\"korea\" AND \"utara\")"),
            ("\"Korea Utara\" putin", "all(\"korea utara\", putin)", "(\"korea utara\" AND \"putin\")"),
            ("pemerint*", "pemerint*", "\"pemerint\"*"),
            ("Zürich", "zurich", "\"zurich\""),
            ("Jong-un", "\"jong un\"", "\"jong un\""),
            ("putin -rusia", "all(putin, not(rusia))", "(\"putin\" NOT \"rusia\")"),
            ("-rusia putin", "all(not(rusia), putin)", "(\"putin\" NOT \"rusia\")"),
            ("putin OR kim", "any(putin, kim)", "(\"putin\" OR \"kim\")"),
            ("putin or kim", "all(putin, or, kim)", "(\"putin\" AND \"or\" AND \"kim\")"),
            (
                "(putin OR kim) -\"korea selatan\"", "all(any(putin, kim), not(\"korea selatan\"))",
                "((\"putin\" OR \"kim\") NOT \"korea selatan\")"
            ),
            ("a OR b c", "any(a, all(b, c))", "(\"a\" OR (\"b\" AND \"c\"))"),
            ("-rusia", "not(rusia)", nil),
            ("person:putin", "PER:putin", nil),
            ("Org:\"Gedung Putih\" kirby", "all(ORG:gedung putih, kirby)", nil),
            ("place:Rusia OR person:Kim", "any(LOC:rusia, PER:kim)", nil),
            ("putin -place:rusia", "all(putin, not(LOC:rusia))", nil),
            ("NEAR(x y) and", "all(near, all(x, y), and)", "(\"near\" AND (\"x\" AND \"y\") AND \"and\")"),
            ("putin AND kim", "all(putin, kim)", "(\"putin\" AND \"kim\")"),
            ("putin and kim", "all(putin, and, kim)", "(\"putin\" AND \"and\" AND \"kim\")"),
            ("a AND b OR c", "any(all(a, b), c)", "((\"a\" AND \"b\") OR \"c\")"),
            ("putin AND -rusia", "all(putin, not(rusia))", "(\"putin\" NOT \"rusia\")"),
            ("(a OR b) AND c", "all(any(a, b), c)", "((\"a\" OR \"b\") AND \"c\")"),
            ("ANDROID", "android", "\"android\""),
            ("Kirby - Zürich -- !", "all(kirby, zurich)", "(\"kirby\" AND \"zurich\")"),
            ("https://kompas.com", "\"https kompas com\"", "\"https kompas com\""),
        ] as [(String, String, String?)])
    func parses(text: String, tree: String, expression: String?) {
        let query = SearchQuery(text)
        #expect(query.error == nil)
        #expect(Self.render(query.root) == tree)
        #expect(query.ftsExpression == expression)
        #expect(!query.isEmpty)
    }

    static let today = Date(timeIntervalSince1970: 1_718_928_000)  // 2024-06-21

    @Test(
        "filters apply to the whole query: outlet prefixes, days, months, years, since and sort",
        arguments: [
            ("outlet:Kompas putin", "putin", ["kompas"], nil, nil, SearchQuery.Sort.automatic),
            ("outlet:kompas outlet:detik", "-", ["kompas", "detik"], nil, nil, .automatic),
            ("from:2024-06-01 to:2024-06-30", "-", [], "2024-06-01", "2024-06-30", .automatic),
            ("date:2024-02", "-", [], "2024-02-01", "2024-02-29", .automatic),
            ("date:2023", "-", [], "2023-01-01", "2023-12-31", .automatic),
            ("date:2024-06 from:2024-06-10", "-", [], "2024-06-10", "2024-06-30", .automatic),
            ("since:7d", "-", [], "2024-06-15", nil, .automatic),
            ("since:2w kim", "kim", [], "2024-06-08", nil, .automatic),
            ("since:1m", "-", [], "2024-05-21", nil, .automatic),
            ("since:1y", "-", [], "2023-06-21", nil, .automatic),
            ("sort:new putin", "putin", [], nil, nil, .new),
            ("putin sort:old", "putin", [], nil, nil, .old),
            ("sort:relevance putin", "putin", [], nil, nil, .relevance),
        ] as [(String, String, [String], String?, String?, SearchQuery.Sort)])
    func filters(text: String, tree: String, outlets: [String], from: String?, to: String?, sort: SearchQuery.Sort) {
        let query = SearchQuery(text, today: Self.today)
        #expect(query.error == nil, "\(query.error.map(String.init(describing:)) ?? "")")
        #expect(Self.render(query.root) == tree)
        #expect(query.outlets == outlets)
        #expect(query.fromDay == from)
        #expect(query.toDay == to)
        #expect(query.sort == sort)
        #expect(!query.isEmpty)
    }

    @Test(
        "a query that does not parse says why and points at where, never throws",
        arguments: [
            ("(putin OR kim", 0, "unclosed ("),
            ("putin)", 5, "unmatched )"),
            ("\"korea utara", 0, "unclosed \""),
            ("a\"b", 1, "unclosed \""),
            ("OR putin", 0, "OR needs a term before it"),
            ("putin OR", 6, "OR needs a term after it"),
            ("putin OR OR kim", 6, "OR needs a term after it"),
            ("AND putin", 0, "AND needs a term before it"),
            ("putin AND", 6, "AND needs a term after it"),
            ("putin AND OR kim", 6, "AND needs a term after it"),
            ("kim OR AND putin", 7, "AND needs a term before it"),
            ("() putin", 0, "nothing inside the parentheses"),
            ("person:", 0, "person: needs a value"),
            ("kim org:\"\"", 4, "org: needs a value"),
            ("place:!!", 0, "place: needs a name"),
            ("from:2024-13-01", 0, "from: expects a date like 2024-06-01, 2024-06 or 2024"),
            ("putin to:kemarin", 6, "to: expects a date"),
            ("date:2023-02-29", 0, "date: expects a date"),
            ("since:0d", 0, "since: expects a count and a unit"),
            ("since:7x", 0, "since: expects a count and a unit, like 7d, 2w, 3m or 1y"),
            ("since:d", 0, "since: expects a count and a unit"),
            ("sort:best-first", 0, "sort: is new, old or relevance, not best-first"),
            ("(outlet:kompas putin)", 1, "outlet: applies to the whole query: put it outside parentheses and -"),
            ("-outlet:kompas", 1, "outlet: applies to the whole query"),
            ("outlet:kompas OR putin", 0, "outlet: applies to the whole query, not to one side of OR"),
            ("putin OR since:7d", 9, "since: applies to the whole query, not to one side of OR"),
            ("persn:putin", 0, "unknown field persn:"),
            ("from:2024-07-01 to:2024-06-01", 0, "the dates leave nothing: 2024-07-01 is after 2024-06-01"),
            ("-", 0, ""),
        ] as [(String, Int, String)])
    func errors(text: String, offset: Int, message: String) {
        let query = SearchQuery(text)
        if message.isEmpty {
            // A lone dash is no term at all: an empty query, not an error.
            #expect(query.error == nil)
            #expect(query.isEmpty)
            return
        }
        let error = query.error
        #expect(error?.offset == offset)
        #expect(error?.message.hasPrefix(message) == true, "\(error?.message ?? "no error")")
        #expect(query.root == nil)
        #expect(!query.isEmpty)
        #expect(!query.admits(words: ["putin"], entities: [], outlet: "kompas.com", published: "2024-06-01"))
    }

    @Test("queries with no words are empty", arguments: ["", "   ", "\"\"", "*", "-- !"])
    func emptyQueries(text: String) {
        #expect(SearchQuery(text).isEmpty)
        #expect(SearchQuery(text).ftsExpression == nil)
        #expect(SearchQuery(text).error == nil)
    }

    @Test(
        "what a query admits: the meaning the index's SQL must have",
        arguments: [
            ("putin", true), ("putin -rusia", false), ("putin -kirby", true), ("kirby OR rusia", true),
            ("kirby OR (zurich -putin)", false), ("\"presiden rusia\"", true), ("\"rusia presiden\"", false),
            ("pres*", true), ("resid*", false), ("person:putin", true), ("person:rusia", false),
            ("place:rusia -person:kim", true), ("outlet:genpi", true), ("outlet:pi.co", false),
            ("date:2024-06", true), ("from:2024-06-26", false), ("to:2024-06-25", true), ("since:30d", true),
            ("since:1d putin", false), ("since:2d putin", true),
        ] as [(String, Bool)])
    func admits(text: String, expected: Bool) {
        let query = SearchQuery(text, today: Self.today)
        let words = SearchQuery.foldedWords(in: "Presiden Rusia Vladimir Putin tiba di Pyongyang.").map(\.word)
        let entities = [(kind: "LOC", words: ["rusia"]), (kind: "PER", words: ["vladimir", "putin"])]
        #expect(
            query.admits(words: words, entities: entities, outlet: "genpi.co", published: "2024-06-20T14:40")
                == expected)
    }

    @Test("story:N admits articles of stories that N outlets or more carry; it needs a number")
    func storyFilter() {
        let words = SearchQuery.foldedWords(in: "Putin tiba di Pyongyang.").map(\.word)
        func admits(_ text: String, outlets: Int) -> Bool {
            SearchQuery(text).admits(
                words: words, entities: [], outlet: "genpi.co", published: "2024-06-20", storyOutlets: outlets)
        }
        #expect(admits("story:3 putin", outlets: 3))
        #expect(!admits("story:4 putin", outlets: 3))
        #expect(!admits("story:1", outlets: 0))
        #expect(admits("story:2 story:3", outlets: 3) && !admits("story:2 story:4", outlets: 3))
        #expect(SearchQuery("story:3").hasFilters)
        #expect(SearchQuery("story:3").minimumStoryOutlets == 3)
        for bad in ["story:x", "story:0", "story:-2"] {
            #expect(SearchQuery(bad).error?.message == "story: expects a number of outlets, like story:3", "\(bad)")
        }
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

    @Test("a text that may not match holds no match; an ASCII text without the terms' starts may not")
    func mayMatch() {
        var queries = [
            "kirby zurich", "pemerint*", "\"korea utara\"", "di", "a*", "19", "person:\"vladimir putin\"",
            "vladimir -putin", "anjlok", "zürich", "x*",
        ].map { SearchQuery($0) }
        queries[8].expansions["anjlok"] = ["anjloknya", "menganjlok"]
        let pieces = [
            "Kirby", "KIRBY", "kir", "zurich", "Zürich", "Zuri", "pemerintah", "PEMERINT", "pemerin", "Korea", "utara",
            "dia", "di", "D", "a", "A1", "19", "1", "199", "Vladimir", "putin", "Anjloknya", "menganjlok", "anjl",
            "x", "café", "—", "-", ",", ".", "\"", "(", "2025",
        ]
        // Texts of up to eight pieces, joined by a space, by nothing or by punctuation.
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        var skipped = 0
        for _ in 0..<3000 {
            var text = ""
            for _ in 0..<(1 + next(8)) { text += pieces[next(pieces.count)] + [" ", "", ", "][next(3)] }
            for query in queries {
                let matcher = query.matcher()
                if matcher.mayMatch(text) { continue }
                skipped += 1
                #expect(matcher.matches(in: text).isEmpty, "\(text)")
            }
        }
        #expect(skipped > 1000)
        let putin = SearchQuery("putin").matcher()
        #expect(!putin.mayMatch("Presiden tiba di Jakarta, kata juru bicara."))
        #expect(putin.mayMatch("Presiden PUTINA tiba."))
        #expect(putin.mayMatch("Presiden tiba di Zürich."), "beyond ASCII, the words are folded to know")
    }

    @Test("an entity field's words are highlighted like search words")
    func entityFieldMatches() {
        let text = "Presiden Vladimir Putin tiba."
        let bytes = Array(text.utf8)
        let found = SearchQuery("person:\"vladimir putin\"").matches(in: text).map {
            String(decoding: bytes[$0], as: UTF8.self)
        }
        #expect(found == ["Vladimir Putin"])
        // Excluded words are not highlighted.
        let excluded = SearchQuery("vladimir -putin").matches(in: text).map {
            String(decoding: bytes[$0], as: UTF8.self)
        }
        #expect(excluded == ["Vladimir"])
    }
}
