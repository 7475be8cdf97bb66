import Foundation
import KabarTestSupport
import Library
import SampleStore
import Search
import Testing

@testable import ArticleIndex

@Suite("Stories in the index")
struct StoryIndexTests {
    /// Two outlets' reports of one earthquake, and one of another event days later.
    static let quakeA = """
        Gempa Magnitudo 5,6 Guncang Cianjur, Ratusan Rumah Rusak
        Senin, 21 November 2022 14:10 WIB

        Gempa bumi berkekuatan magnitudo 5,6 mengguncang Kabupaten Cianjur, Jawa Barat, pada Senin siang. BMKG mencatat pusat gempa berada di darat dengan kedalaman 10 kilometer.

        Ratusan rumah warga di Cianjur rusak dan ribuan warga mengungsi ke tenda darurat, kata Kepala BPBD Cianjur.
        """
    static let quakeB = """
        BMKG: Gempa Cianjur M 5,6 Akibat Sesar Aktif, Warga Diminta Waspada Gempa Susulan
        Senin, 21 November 2022 16:45 WIB

        Badan Meteorologi, Klimatologi, dan Geofisika (BMKG) menyebut gempa magnitudo 5,6 yang mengguncang Cianjur, Jawa Barat, dipicu sesar aktif. Pusat gempa di darat pada kedalaman 10 kilometer.

        BMKG meminta warga Cianjur mewaspadai gempa susulan. Ratusan rumah rusak dan warga mengungsi.
        """
    static let election = """
        KPU Tetapkan Jadwal Pendaftaran Calon Anggota DPD
        Kamis, 24 November 2022 09:00 WIB

        Komisi Pemilihan Umum (KPU) menetapkan jadwal pendaftaran calon anggota Dewan Perwakilan Daerah untuk Pemilu 2024. Pendaftaran dibuka pada Desember.

        Ketua KPU mengatakan para bakal calon harus menyerahkan dukungan minimal pemilih di daerah pemilihan masing-masing.
        """

    func index(_ folder: TemporaryFolder) throws -> ArticleIndex {
        let index = try ArticleIndex(store: folder.url)
        try index.update()
        return index
    }

    @Test("the five sample articles, five outlets' reports of one pact, form one story; other events do not join it")
    func sampleStory() throws {
        let folder = try TemporaryFolder()
        try folder.copyContents(of: SampleStore.url, into: "2024/06")
        try folder.write("lain/gempa-a.txt", Self.quakeA)
        try folder.write("lain/gempa-b.txt", Self.quakeB)
        try folder.write("lain/kpu.txt", Self.election)
        let index = try index(folder)
        let stories = try index.stories(matching: nil, filter: ArticleFilter(), minimumOutlets: 1, limit: nil)
        #expect(stories.count == 2)
        let pact = try #require(stories.first { $0.articleCount == 5 })
        #expect(pact.outletCount == 5)
        #expect(pact.headline.contains("Putin") || pact.headline.contains("Kim"))
        #expect(try index.story(id: pact.id) == pact)
        #expect(try index.story(id: 12_345) == nil)
        #expect(pact.first?.isoDay.hasPrefix("2024-06") == true)
        let members = try index.articles(ofStory: pact.id)
        #expect(
            Set(members.map(\.path))
                == Set(
                    try index.articles(matching: ArticleFilter()).map(\.path).filter {
                        $0.hasPrefix("2024/06/")
                    }))
        // Earliest first: the dated ones in order among the others.
        let dated = members.compactMap(\.published)
        #expect(dated == dated.sorted())
        #expect(members.allSatisfy { $0.story == pact.id && $0.storyOutlets == 5 })
        let quake = try #require(stories.first { $0.articleCount == 2 })
        #expect(Set(try index.articles(ofStory: quake.id).map(\.path)) == ["lain/gempa-a.txt", "lain/gempa-b.txt"])
        let election = try #require(try index.articles(matching: ArticleFilter()).first { $0.path == "lain/kpu.txt" })
        #expect(election.story == nil && election.storyOutlets == 0)
        // Two outlets or more by default; filters apply to the stories' articles.
        #expect(
            try index.stories(matching: nil, filter: ArticleFilter(), minimumOutlets: 3, limit: nil).map(\.id) == [
                pact.id
            ])
        #expect(
            try index.stories(matching: nil, filter: ArticleFilter(outlet: "genpi.co"), minimumOutlets: 1, limit: nil)
                .map(\.id) == [pact.id])
        #expect(
            try index.stories(matching: SearchQuery("gempa"), filter: ArticleFilter(), minimumOutlets: 1, limit: nil)
                .map(\.id) == [quake.id])
    }

    @Test("the story list comes a page at a time: its pages, count and each story's place agree with the whole list")
    func storyPages() throws {
        let folder = try TemporaryFolder()
        try folder.writeMonthlyStories()
        let index = try index(folder)
        for (query, filter) in MonthlyStories.views {
            let whole = try index.stories(matching: query, filter: filter, minimumOutlets: 1, limit: nil)
            let paged = try index.storiesByPages(matching: query, filter: filter)
            #expect(paged == whole)
            #expect(try index.storyCount(matching: query, filter: filter, minimumOutlets: 1) == whole.count)
            for (place, story) in whole.enumerated() {
                #expect(
                    try index.storyPosition(id: story.id, matching: query, filter: filter, minimumOutlets: 1) == place)
            }
        }
        let all = try index.stories(matching: nil, filter: ArticleFilter(), minimumOutlets: 1, limit: nil)
        #expect(all.count == 7 && all.allSatisfy { $0.articleCount == 2 })
        #expect(all.compactMap(\.last?.isoDay) == (1...7).reversed().map { "2022-0\($0)-21" })
        let spring = ArticleFilter(fromDay: "2022-03-01", toDay: "2022-05-31")
        #expect(try index.storyCount(matching: nil, filter: spring, minimumOutlets: 1) == 3)
        // A story the view leaves out has no place in it; nor has one of too few outlets.
        #expect(try index.storyPosition(id: all[0].id, matching: nil, filter: spring, minimumOutlets: 1) == nil)
        #expect(
            try index.storyPosition(id: all[0].id, matching: nil, filter: ArticleFilter(), minimumOutlets: 3) == nil)
        #expect(try index.storyCount(matching: nil, filter: ArticleFilter(), minimumOutlets: 3) == 0)
    }

    @Test("new files join the stories they belong to; other stories are left as they were")
    func incremental() throws {
        let folder = try TemporaryFolder()
        let names = try FileManager.default.contentsOfDirectory(atPath: SampleStore.url.path).sorted()
        for name in names.prefix(3) {
            try folder.write("pakta/" + name, try Data(contentsOf: SampleStore.url.appendingPathComponent(name)))
        }
        try folder.write("lain/gempa-a.txt", Self.quakeA)
        try folder.write("lain/gempa-b.txt", Self.quakeB)
        let index = try index(folder)
        let before = try index.stories(matching: nil, filter: ArticleFilter(), minimumOutlets: 1, limit: nil)
        #expect(before.map(\.articleCount).sorted() == [2, 3])
        let quake = try #require(before.first { $0.articleCount == 2 })
        let pact = try #require(before.first { $0.articleCount == 3 })
        for name in names.dropFirst(3) {
            try folder.write("pakta/" + name, try Data(contentsOf: SampleStore.url.appendingPathComponent(name)))
        }
        let report = try index.update()
        #expect(report.added == 2)
        let after = try index.stories(matching: nil, filter: ArticleFilter(), minimumOutlets: 1, limit: nil)
        #expect(after.count == 2)
        #expect(after.first { $0.id == pact.id }?.articleCount == 5)
        #expect(after.first { $0.id == quake.id } == quake)
    }

    @Test("an article an interrupted update left waiting is grouped by the next update, beside its new ones")
    func leftWaiting() throws {
        let folder = try TemporaryFolder()
        try folder.write("lain/gempa-a.txt", Self.quakeA)
        try folder.write("lain/gempa-b.txt", Self.quakeB)
        let index = try index(folder)
        #expect(try groups(index) == [["lain/gempa-a.txt", "lain/gempa-b.txt"]])
        // As an update cut short after phase 2 stored the second report leaves it: a story of its
        // own, waiting to be placed.
        try index.database.write { db in
            try db.execute(
                sql: """
                    UPDATE story_article SET story = article;
                    DELETE FROM story;
                    INSERT INTO story_pending(article) SELECT id FROM article WHERE path = 'lain/gempa-b.txt';
                    """)
        }
        #expect(try groups(index).isEmpty)
        // The next update has a new file of its own, of another event a year later (the days
        // around it are not the quake's).
        try folder.write("pemilu/kpu.txt", Self.election.replacingOccurrences(of: "2022", with: "2023"))
        #expect(try index.update().added == 1)
        #expect(try groups(index) == [["lain/gempa-a.txt", "lain/gempa-b.txt"]])
        let waiting = try index.database.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM story_pending") }
        #expect(waiting == 0)
    }

    @Test("a new article as like two stories as their own articles joins them into one")
    func merging() throws {
        let folder = try TemporaryFolder()
        // Made-up words, written lower-case in the bodies, so that no word names a happening.
        func write(_ name: String, _ words: String, hour: Int) throws {
            let lower = words.lowercased()
            try folder.write(name, "\(words)\n2024-06-20T\(hour):00\n\n\(lower), \(lower).\n")
        }
        try write("a.txt", "Zorvak Blimtu Qexano Drivel Yumpta Falkeno", hour: 10)
        try write("b.txt", "Yumpta Falkeno Gortiz Hexalu Ibramo Jostek", hour: 11)
        let index = try index(folder)
        #expect(try index.stories(matching: nil, filter: ArticleFilter(), minimumOutlets: 1, limit: nil).isEmpty)
        try write("c.txt", "Qexano Drivel Yumpta Falkeno Gortiz Hexalu", hour: 12)
        try index.update()
        let stories = try index.stories(matching: nil, filter: ArticleFilter(), minimumOutlets: 1, limit: nil)
        #expect(stories.map(\.articleCount) == [3])
        #expect(try index.articles(ofStory: stories[0].id).map(\.path) == ["a.txt", "b.txt", "c.txt"])
    }

    @Test("a story that loses all but one article is gone; its last article belongs to none")
    func deletion() throws {
        let folder = try TemporaryFolder()
        try folder.write("gempa-a.txt", Self.quakeA)
        let second = try folder.write("gempa-b.txt", Self.quakeB)
        let index = try index(folder)
        #expect(try index.stories(matching: nil, filter: ArticleFilter(), minimumOutlets: 1, limit: nil).count == 1)
        try FileManager.default.removeItem(at: second)
        try index.update()
        #expect(try index.stories(matching: nil, filter: ArticleFilter(), minimumOutlets: 1, limit: nil).isEmpty)
        let remaining = try index.articles(matching: ArticleFilter())
        #expect(remaining.count == 1 && remaining[0].story == nil)
    }

    /// A made-up archive: `events` happenings of three reports each, on days spread over two
    /// months, among as many unrelated articles; words made of syllables so that none is common.
    static func madeUpArchive(events: Int, seed: UInt64) -> [(path: String, text: String)] {
        var state = seed
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        let syllables = ["ka", "lo", "mi", "ru", "ta", "ne", "po", "si", "du", "ge", "ba", "vo", "zu", "fe"]
        func word() -> String { (0..<4).map { _ in syllables[next(syllables.count)] }.joined() }
        let filler = "menurut keterangan yang disampaikan kepada wartawan pada hari itu di kantornya"
        func article(_ words: [String], day: Int, hour: Int) -> String {
            let title = words.prefix(6).map(\.capitalized).joined(separator: " ")
            // Times of their own: a line many pages share would be taken for the site's template.
            let date = "Senin, \(day) Juni 2024 \(10 + hour):\(10 + next(50)) WIB"
            let lead = words.shuffled().joined(separator: " ") + " " + filler + "."
            let more =
                words.prefix(4).joined(separator: " ") + " " + filler + " " + words.suffix(3).joined(separator: " ")
            return "\(title)\n\(date)\n\n\(lead)\n\n\(more).\n"
        }
        var files: [(String, String)] = []
        for event in 0..<events {
            let words = (0..<10).map { _ in word() }
            let day = 1 + next(28)
            for report in 0..<3 {
                // Each report tells it in eight of the ten words.
                var told = words
                told.remove(at: next(told.count))
                told.remove(at: next(told.count))
                files.append(("e\(event)-\(report).txt", article(told, day: day, hour: report)))
            }
            files.append(("lain\(event).txt", article((0..<10).map { _ in word() }, day: 1 + next(28), hour: 0)))
        }
        return files
    }

    /// The stories of an index as sets of paths.
    func groups(_ index: ArticleIndex) throws -> Set<Set<String>> {
        Set(
            try index.stories(matching: nil, filter: ArticleFilter(), minimumOutlets: 1, limit: nil).map {
                Set(try index.articles(ofStory: $0.id).map(\.path))
            })
    }

    @Test(
        "new articles among many old ones are grouped through their leading words just as by reading all of their days")
    func wordLookup() throws {
        let files = Self.madeUpArchive(events: 60, seed: 7)
        let folder = try TemporaryFolder()
        // Every event's last report comes later, among all the other articles.
        let late = Set(files.map(\.path).filter { $0.hasSuffix("-2.txt") })
        for file in files where !late.contains(file.path) { try folder.write(file.path, file.text) }
        let scanning = try ArticleIndex(store: folder.url)
        let looking = try ArticleIndex(store: folder.url)
        let byDefault = try ArticleIndex(store: folder.url)
        // The new articles' rows read back from the index, not handed over by the update.
        let readingBack = try ArticleIndex(store: folder.url)
        // Looking up on two connections to an index file, shared however few the new articles.
        let indexFolder = try TemporaryFolder()
        let sharing = try ArticleIndex(url: indexFolder.url.appendingPathComponent("index.sqlite"), store: folder.url)
        func update() throws {
            try ArticleIndex.$wordLookupRatio.withValue(Int(Int32.max)) { _ = try scanning.update() }
            // Its new articles' rows read one by one as they are grouped, not with the list of them.
            try ArticleIndex.$wordLookupRatio.withValue(0) {
                try ArticleIndex.$rowsWithPending.withValue(0) { _ = try looking.update() }
            }
            try byDefault.update()
            try ArticleIndex.$handsOverWaiting.withValue(false) { _ = try readingBack.update() }
            try ArticleIndex.$wordLookupRatio.withValue(0) {
                try ArticleIndex.$parallelLookUps.withValue(0) { _ = try sharing.update() }
            }
        }
        try update()
        let first = try groups(scanning)
        #expect(first.count == 60)
        #expect(try groups(looking) == first)
        #expect(try groups(byDefault) == first)
        #expect(try groups(readingBack) == first)
        #expect(try groups(sharing) == first)
        for file in files where late.contains(file.path) { try folder.write(file.path, file.text) }
        try update()
        let second = try groups(scanning)
        #expect(second.filter { $0.count == 3 }.count == 60)
        #expect(try groups(looking) == second)
        #expect(try groups(byDefault) == second)
        #expect(try groups(readingBack) == second)
        #expect(try groups(sharing) == second)
        // A removed article leaves the word list with it: a copy of it under another name is
        // grouped again as the original was.
        let gone = try #require(files.first { $0.path == "e0-1.txt" })
        try FileManager.default.removeItem(at: folder.url.appendingPathComponent(gone.path))
        try update()
        #expect(try groups(looking) == (try groups(scanning)))
        #expect(try groups(sharing) == (try groups(scanning)))
        try folder.write("copy/" + gone.path, gone.text)
        try update()
        let third = try groups(scanning)
        #expect(third.contains(["e0-0.txt", "copy/e0-1.txt", "e0-2.txt"]))
        #expect(try groups(looking) == third)
        #expect(try groups(byDefault) == third)
        #expect(try groups(readingBack) == third)
        #expect(try groups(sharing) == third)
    }

    @Test("an article that tells no date joins the story of the dated articles saved with it, whenever they were saved")
    func undatedArticleJoinsItsCrawl() throws {
        // The second report without its date line, and neither names a day in its text: both
        // files are saved now, years after the quake, as a crawl written out later would be.
        let undated = Self.quakeB.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.hasPrefix("Senin, 21 November") }.joined(separator: "\n")
        let folder = try TemporaryFolder()
        try folder.write("crawl/gempa-a.txt", Self.quakeA)
        try folder.write("crawl/gempa-b.txt", undated)
        let index = try index(folder)
        let stories = try index.stories(matching: nil, filter: ArticleFilter(), minimumOutlets: 1, limit: nil)
        #expect(stories.count == 1)
        #expect(stories.first?.articleCount == 2)
        #expect(stories.first?.first?.isoDay == "2022-11-21")
    }

    @Test("an undated article moves by its nearest dated neighbour's distance from its saving; dated ones stay")
    func anchoringUndated() {
        let minute: Int64 = 60_000_000_000
        let saved: [Int64] = [0, 10 * minute, 20 * minute, 1_000 * minute]
        var minutes = saved.map(ArticleIndex.savedMinute)
        minutes[1] -= 500_000  // dated: published long before it was saved
        minutes[3] -= 7  // dated: saved seven minutes after it came out
        let anchored = ArticleIndex.anchoringUndated(saved: saved, minutes: minutes)
        #expect(anchored[1] == minutes[1])
        #expect(anchored[3] == minutes[3])
        // The first and third are nearest the second, saved 10 minutes from it.
        #expect(anchored[0] == minutes[0] - 500_000)
        #expect(anchored[2] == minutes[2] - 500_000)
        // A dated article saved more than a day away places nothing.
        let apart: [Int64] = [0, 2 * 24 * 60 * minute]
        let far = [ArticleIndex.savedMinute(0), ArticleIndex.savedMinute(apart[1]) - 500_000]
        #expect(ArticleIndex.anchoringUndated(saved: apart, minutes: far) == far)
        // None dated, or all: nothing moves.
        let none = saved.map(ArticleIndex.savedMinute)
        #expect(ArticleIndex.anchoringUndated(saved: saved, minutes: none) == none)
        #expect(ArticleIndex.anchoringUndated(saved: [], minutes: []) == [])
    }
}
