import Library
import Search
import Testing

/// A search hit's snippet: the first paragraph with a match, cut to about twenty words around it.
@Suite("Search snippets")
struct SnippetTests {
    /// The snippet's paragraph and matches as found by folding every paragraph's words, first to
    /// last: what the snippet must give, whatever it skips.
    static func expectedParagraph(of body: String, query: SearchQuery) -> (String, Bool) {
        let matcher = query.matcher()
        let paragraphs = body.utf8.split(separator: 0x0A).map { String(Substring($0)) }
        for paragraph in paragraphs where !matcher.matches(among: SearchQuery.foldedWords(in: paragraph)).isEmpty {
            return (paragraph, true)
        }
        return (paragraphs.first ?? "", false)
    }

    @Test(
        "the snippet comes from the first paragraph with a match, or the first paragraph, as folding every paragraph finds"
    )
    func firstMatchingParagraph() {
        let paragraphs = [
            "Presiden tiba di Jakarta pada Senin pagi, kata juru bicara istana kepada wartawan.",
            "Harga cabai anjlok hingga Rp 20 ribu per kilogram di pasar induk, kata pedagang di sana.",
            "Pemerintah Korea Utara menyambut kunjungan itu dengan upacara di Pyongyang.",
            "Café di Zürich ramai; KIRBY dan Kirby datang bersama teman-teman mereka.",
            "Menteri mengatakan anjloknya harga membuat petani merugi besar tahun ini.",
            "Di sini tidak ada apa-apa yang dicari: hanya kata-kata biasa saja.",
            "1 2 3 a b c",
        ]
        var queries = ["anjlok", "kirby", "zurich", "\"korea utara\"", "pemerint*", "di", "a", "19", "putin"].map {
            SearchQuery($0)
        }
        queries[0].expansions["anjlok"] = ["anjloknya", "menganjlok"]
        for rotation in paragraphs.indices {
            let body = (paragraphs[rotation...] + paragraphs[..<rotation]).joined(separator: "\n")
            for query in queries {
                let (snippet, matches) = SearchHit.snippet(of: body, matcher: query.matcher())
                let (paragraph, matched) = Self.expectedParagraph(of: body, query: query)
                let words = snippet.split(separator: " ").map { $0.trimmingPrefix("…") }.filter { !$0.isEmpty }
                #expect(
                    words.allSatisfy { paragraph.contains($0.replacing("…", with: "")) }, "\(query.text): \(snippet)")
                #expect(matches.isEmpty == !matched, "\(query.text): \(snippet)")
            }
        }
    }
}
