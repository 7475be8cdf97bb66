import Articles
import Foundation
import SampleStore
import Stories
import Testing

@Suite("Copies: shingles, MinHash and grouping")
struct CopyGroupsTests {
    static let paragraph =
        "Presiden Rusia Vladimir Putin dan pemimpin Korea Utara Kim Jong Un menandatangani pakta kemitraan strategis di Pyongyang pada Rabu, yang mewajibkan kedua negara saling membantu bila salah satunya diserang."

    @Test("shingles read words whatever their case, punctuation and spacing; each run of five words once")
    func shingles() {
        let a = Shingles.hashes(of: "Putin dan Kim menandatangani pakta di Pyongyang.")
        let b = Shingles.hashes(of: "putin  DAN kim, menandatangani \"pakta\" di\tPyongyang")
        #expect(a == b)
        #expect(a.count == 3)  // seven words: three runs of five
        #expect(Shingles.hashes(of: "satu dua dua").count == 1)  // fewer than five words: one shingle
        #expect(Shingles.hashes(of: " ,. ").isEmpty)
        // Every number is the same word: changed figures leave a copy a copy.
        #expect(
            Shingles.hashes(of: "Harga emas naik Rp 5.000 per gram pada 2024")
                == Shingles.hashes(of: "Harga emas naik Rp 4.750 per gram pada 2025"))
        #expect(Shingles.hashes(of: "jaringan 5G baru di kota") != Shingles.hashes(of: "jaringan 4G baru di kota"))
        // Letters beyond ASCII are words too, and differ from one another.
        #expect(Shingles.hashes(of: "café à Paris") != Shingles.hashes(of: "cafe a Paris"))
    }

    @Test("MinHash estimates the Jaccard similarity of two texts' shingles")
    func minHash() throws {
        let words = (0..<400).map { "kata\($0)" }
        let a = Shingles.hashes(of: words.joined(separator: " "))
        // The same text with one word in twenty changed.
        let changed = words.enumerated().map { $0.offset % 20 == 0 ? "lain\($0.offset)" : $0.element }
        let b = Shingles.hashes(of: changed.joined(separator: " "))
        let exact = Double(Set(a).intersection(b).count) / Double(Set(a).union(b).count)
        #expect(exact > 0.5 && exact < 0.8)
        let estimate = try #require(MinHashSignature(shingles: a)).similarity(
            to: try #require(MinHashSignature(shingles: b)))
        #expect(abs(estimate - exact) < 0.15)
        #expect(MinHashSignature(shingles: []) == nil)
    }

    func signature(_ text: String) throws -> MinHashSignature {
        try #require(MinHashSignature(shingles: Shingles.hashes(of: text)))
    }

    @Test("near copies join one group as they come; different articles stay apart; the first names the group")
    func grouping() throws {
        let sample = try FileManager.default.contentsOfDirectory(at: SampleStore.url, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "txt" }.sorted { $0.path < $1.path }
        let extractor = ArticleExtractor()
        let bodies = try sample.map { try extractor.extract(String(contentsOf: $0, encoding: .utf8)).body }
        #expect(bodies.count == 5)
        var groups = CopyGroups()
        for body in bodies { groups.add(try signature(body)) }
        // Five outlets' reports of one event are not copies of one another.
        #expect(groups.groups().isEmpty)
        // A re-post with a figure changed and two words swapped, and a page scraped twice.
        var words = bodies[2].split(separator: " ").map(String.init)
        words.swapAt(10, 11)
        let repost = words.joined(separator: " ").replacingOccurrences(of: "2024", with: "2025")
        let repostID = groups.add(try signature(repost))
        let twiceID = groups.add(try signature(bodies[2]))
        #expect(groups.groups() == [[2, repostID, twiceID]])
        #expect(groups.group(of: twiceID) == 2)
    }

    @Test("the groups do not depend on the order the articles come in")
    func orderFree() throws {
        let texts = [
            Self.paragraph, Self.paragraph.replacingOccurrences(of: "Rabu", with: "Kamis"),
            "Harga beras di pasar induk naik lagi menjelang Lebaran karena pasokan dari sentra produksi berkurang.",
            "Harga beras di pasar induk naik lagi menjelang Lebaran karena pasokan dari sentra produksi berkurang tajam.",
        ]
        func grouped(_ order: [Int]) throws -> Set<Set<Int>> {
            var groups = CopyGroups()
            for index in order { groups.add(try signature(texts[index])) }
            return Set(groups.groups().map { Set($0.map { order[$0] }) })
        }
        let forward = try grouped([0, 1, 2, 3])
        #expect(forward == [[0, 1], [2, 3]])
        #expect(try grouped([3, 1, 2, 0]) == forward)
    }
}
