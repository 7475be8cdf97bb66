import Foundation
import SampleStore
import Testing

@testable import Articles

/// A page of an outlet: a menu line, the headline, the lede behind the outlet's dateline, a
/// paragraph every page repeats, and a footer line.
func outletPage(
    _ number: Int, dateline: String = "Jakarta, CNN Indonesia --", menu: String? = "Kanal Ekonomi Bisnis Olahraga",
    footer: String = "Tentang Kami Pedoman Media Siber"
) -> String {
    let cities = ["Bandung", "Medan", "Surabaya", "Makassar", "Padang", "Ambon", "Kupang", "Jambi"]
    return [
        menu ?? "Ruang Baca \(cities[number])", "",
        "Harga Beras Naik di Pasar Induk Kota \(cities[number])", "",
        "\(dateline) Harga beras di pasar induk \(cities[number]) naik lagi pekan ini menurut para pedagang.", "",
        "Pedagang mengatakan pasokan dari daerah berkurang karena musim hujan yang panjang tahun ini.", "",
        footer,
    ].joined(separator: "\n")
}

/// The evidence of each group, gathered from the pages' first looks.
func evidence(of pages: [String], extractor: ArticleExtractor = ArticleExtractor()) -> [String: PageTemplates] {
    var groups: [String: PageTemplates] = [:]
    for page in pages {
        let look = extractor.look(page, path: "news/page.txt")
        groups[look.group, default: PageTemplates()].add(pageWithLineHashes: look.lineHashes)
    }
    return groups
}

@Suite("Store-wide templates")
struct PageTemplatesTests {
    @Test(
        "lines are compared lower-cased, digits as 0, white space collapsed and trimmed; under two characters they are not",
        arguments: [
            ("  Berita   TERKINI 2024 ", "berita terkini 0000"),
            ("\u{00A0}Menu\u{200B}\tUtama\u{FEFF}", "menu utama"),
            ("Dibaca 1.234 kali", "dibaca 0.000 kali"),
            ("ÉDITION Spéciale", "édition spéciale"),
            ("ab", "ab"),
            ("x", nil),
            (" × ", nil),
            ("", nil),
            ("\u{2003}\u{2003}", nil),
        ] as [(String, String?)])
    func normaliser(line: String, expected: String?) {
        #expect(PageTemplates.normalized(line) == expected)
        #expect((PageTemplates.hash(of: line) == nil) == (expected == nil))
    }

    @Test("a line's hash is FNV-1a of its normalised bytes, the same in every run")
    func stableHash() {
        #expect(PageTemplates.hash(of: "menu") == 0x42ff_01a2_e311_ee9a)
        #expect(PageTemplates.hash(of: " MENU ") == PageTemplates.hash(of: "menu"))
        #expect(PageTemplates.hash(of: "Halaman 2") == PageTemplates.hash(of: "Halaman 7"))
        #expect(PageTemplates.hash(of: "menu") != PageTemplates.hash(of: "menus"))
    }

    @Test("a menu line on 4 of 5 pages of one outlet is furniture, outside the article")
    func menuOnFourOfFive() throws {
        let pages = (0..<5).map { outletPage($0, menu: $0 == 4 ? nil : "Kanal Ekonomi Bisnis Olahraga") }
        let groups = evidence(of: pages)
        #expect(Array(groups.keys) == ["cnnindonesia.com"])
        let templates = try #require(groups["cnnindonesia.com"])
        #expect(templates.pageCount == 5)
        #expect(templates.pages(containing: "Kanal Ekonomi Bisnis Olahraga") == 4)
        #expect(templates.share(of: "kanal  ekonomi bisnis olahraga") == 0.8)
        #expect(templates.isRecurring("Kanal Ekonomi Bisnis Olahraga"))

        let alone = ArticleExtractor().extract(pages[0])
        let read = ArticleExtractor().extract(pages[0], templates: templates)
        #expect(alone.title == "Kanal Ekonomi Bisnis Olahraga")
        #expect(read.lines[0].kind == .template)
        #expect(read.lines[8].kind == .template)
        #expect(read.title == "Harga Beras Naik di Pasar Induk Kota Bandung")
        #expect(read.bodyLineNumbers == [5, 7])
        #expect(LineKind.template.label == "template")
    }

    @Test("a line on pages of two outlets counts in each outlet alone, and prose every page repeats stays body")
    func countedWithinOneOutlet() throws {
        let wire = "Presiden Tinjau Lokasi Banjir Bandang di Sumatra"
        let cnn = (0..<4).map { outletPage($0, menu: nil, footer: $0 < 2 ? wire : "Ruang Redaksi \($0)") }
        let liputan = (4..<8).map {
            outletPage($0, dateline: "Liputan6.com, Jakarta -", menu: nil, footer: $0 < 6 ? wire : "Kolom Opini \($0)")
        }
        let groups = evidence(of: cnn + liputan)
        #expect(Set(groups.keys) == ["cnnindonesia.com", "liputan6.com"])
        let templates = try #require(groups["cnnindonesia.com"])
        #expect(templates.pages(containing: wire) == 2)
        #expect(!templates.isRecurring(wire))
        let read = ArticleExtractor().extract(cnn[0], templates: templates)
        #expect(read.lines[8].kind == .body)
        // The paragraph is on every page of the outlet, but it is prose.
        let paragraph = "Pedagang mengatakan pasokan dari daerah berkurang karena musim hujan yang panjang tahun ini."
        #expect(templates.pages(containing: paragraph) == 4)
        #expect(read.lines[6].kind == .body)
    }

    @Test("a line repeated within one page counts once, and a page taken out takes its lines with it")
    func repeatedLineCountsOnce() {
        var templates = PageTemplates()
        templates.add(pageWithLines: ["Menu", "Berita", "Menu", "MENU", "x"])
        templates.add(pageWithLines: ["Menu", "Olahraga"])
        #expect(templates.pageCount == 2)
        #expect(templates.pages(containing: "Menu") == 2)
        #expect(templates.pages(containing: "Berita") == 1)
        #expect(templates.pages(containing: "x") == 0)
        templates.remove(pageWithLineHashes: ["Menu", "Olahraga"].compactMap(PageTemplates.hash(of:)))
        #expect(templates.pageCount == 1)
        #expect(templates.pages(containing: "Menu") == 1)
        #expect(templates.pages(containing: "Olahraga") == 0)
        #expect(templates.pagesByLine.count == 2)
    }

    @Test("a date line whose form every page shares still dates the page")
    func recurringDateLineKept() throws {
        let pages = (0..<4).map { outletPage($0, menu: "12/06/2024 10:3\($0) WIB") }
        let templates = try #require(evidence(of: pages)["cnnindonesia.com"])
        #expect(templates.isRecurring("12/06/2024 10:30 WIB"))
        let read = ArticleExtractor().extract(pages[1], templates: templates)
        #expect(read.lines[0].kind == .dateLine)
        #expect(read.published?.iso == "2024-06-12T10:31")
    }

    @Test("without evidence, or with fewer than three pages, a page reads exactly as on its own")
    func noEvidenceNoChange() throws {
        let extractor = ArticleExtractor()
        var two = PageTemplates()
        let pages = (0..<2).map { outletPage($0) }
        for page in pages { two.add(pageWithLines: page.split(separator: "\n")) }
        for page in pages {
            #expect(extractor.extract(page, templates: two) == extractor.extract(page))
            #expect(extractor.extract(page, templates: nil) == extractor.extract(page))
        }
    }

    @Test("the first look finds the outlet extraction finds, else the page's folder", arguments: seedLabels)
    func lookFindsTheOutlet(seed: SeedLabel) throws {
        let text = ArticleText.decode(try Data(contentsOf: SampleStore.url.appendingPathComponent(seed.file)))
        let extractor = ArticleExtractor()
        let look = extractor.look(text, path: "2024/06/\(seed.file)")
        #expect(look.group == extractor.extract(text, path: "2024/06/\(seed.file)").outlet)
        #expect(!look.lineHashes.isEmpty && look.lineHashes == look.lineHashes.sorted())
        #expect(extractor.look("Tanpa nama\n\nSatu baris saja.", path: "arsip/2024/a.txt").group == "/arsip/2024")
        #expect(extractor.look("Tanpa nama", path: "a.txt").group == "/")
    }

    @Test("the first look finds the outlet extraction finds on every page of the development set")
    func lookAgreesOnDevSet() throws {
        let folder = DevSetTests.folder.appendingPathComponent("pages")
        let extractor = ArticleExtractor()
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) where name.hasSuffix(".txt") {
            let text = ArticleText.decode(try Data(contentsOf: folder.appendingPathComponent(name)))
            let outlet = extractor.extract(text, path: "pages/\(name)").outlet
            #expect(extractor.look(text, path: "pages/\(name)").group == outlet ?? "/pages", "\(name)")
        }
    }
}
