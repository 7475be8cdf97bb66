import Foundation
import Testing

@testable import Stories

@Suite("Stories: features, online grouping and comparison")
struct StoryGroupingTests {
    static let pactTitle = "Putin dan Kim Jong Un Teken Pakta Pertahanan di Pyongyang"
    static let pactBody = """
        Presiden Rusia Vladimir Putin dan pemimpin Korea Utara Kim Jong Un menandatangani pakta pertahanan bersama di Pyongyang.
        Pakta itu mewajibkan kedua negara saling membantu bila salah satunya diserang, kata kantor berita KCNA.
        Amerika Serikat dan Korea Selatan menyatakan kekhawatiran atas kerja sama militer Rusia dan Korea Utara.
        """
    static let pactRetold = (
        "Rusia dan Korea Utara Sepakati Pakta Saling Bantu Militer",
        """
        Pemimpin Korea Utara Kim Jong Un dan Presiden Rusia Vladimir Putin meneken pakta pertahanan di Pyongyang, Rabu.
        Dalam pakta itu Rusia dan Korea Utara berjanji saling membantu jika diserang pihak lain.
        Washington menyebut kerja sama militer Pyongyang dan Moskow mengkhawatirkan.
        """
    )
    static let quake = (
        "Gempa Magnitudo 5,6 Guncang Cianjur, Ratusan Rumah Rusak",
        """
        Gempa bumi berkekuatan magnitudo 5,6 mengguncang Kabupaten Cianjur, Jawa Barat, pada Senin siang.
        BMKG mencatat pusat gempa berada di darat dengan kedalaman 10 kilometer.
        Ratusan rumah warga rusak dan ribuan warga mengungsi ke tenda darurat.
        """
    )

    @Test("features weigh rare words, keep a unit vector, and survive storage")
    func features() throws {
        let features = StoryFeatures(title: Self.pactTitle, body: Self.pactBody)
        #expect(!features.words.isEmpty && features.words.count <= StoryFeatures.wordLimit)
        #expect(features.words == features.words.sorted())
        let norm = features.weights.reduce(0) { $0 + $1 * $1 }
        #expect(abs(norm - 1) < 0.001)
        #expect(abs(features.similarity(to: features) - 1) < 0.001)
        // The commonest words say nothing of the subject and are left out.
        let common = Set(StoryFeatures.words(of: "yang dan di dengan untuk"))
        #expect(common.isDisjoint(with: features.words))
        #expect(StoryFeatures(encoded: features.encoded()) == features)
        #expect(StoryFeatures(encoded: Data([1, 2, 3])) == nil)
    }

    @Test(
        "a rare title word anchors a story when the tagger finds it in the name of a person or place, not in a bill's acronym"
    )
    func anchorsAreNames() throws {
        let title = "Lewotobi Meletus Lagi, Pembahasan RKUHP Ditunda"
        let body = """
            Gunung Lewotobi Laki-laki di Flores Timur kembali meletus pada Senin pagi. Warga di sekitar Lewotobi mengungsi.
            Di Jakarta, DPR menunda pembahasan RKUHP hingga periode berikutnya.
            """
        let lewotobi = try #require(StoryFeatures.words(of: "Lewotobi").first)
        let bill = try #require(StoryFeatures.words(of: "RKUHP").first)
        // Without the tagger's names, any rare title word the body writes capitalised anchors.
        let capitalised = StoryFeatures(title: title, body: body)
        #expect(Set(capitalised.titleAnchors) == [lewotobi, bill])
        let named = StoryFeatures(
            title: title, body: body, names: ["Gunung Lewotobi Laki-laki", "Flores Timur", "Jakarta"])
        #expect(named.titleAnchors == [lewotobi])
        #expect(StoryFeatures(title: title, body: body, names: []).titleAnchors.isEmpty)
        #expect(StoryFeatures(encoded: named.encoded()) == named)
    }

    @Test("two outlets' versions of one event are alike; another event is not")
    func similarity() {
        let a = StoryFeatures(title: Self.pactTitle, body: Self.pactBody)
        let b = StoryFeatures(title: Self.pactRetold.0, body: Self.pactRetold.1)
        let c = StoryFeatures(title: Self.quake.0, body: Self.quake.1)
        #expect(a.similarity(to: b) >= StoryGrouper.defaultThreshold)
        #expect(a.similarity(to: c) < 0.05)
    }

    @Test("titles naming different days are different editions of a daily report")
    func titleDays() {
        let monday = StoryFeatures(title: "Harga Emas Hari Ini 13 Juni 2025 Naik", body: "Harga emas naik.")
        let tuesday = StoryFeatures(title: "Harga Emas Hari Ini (14/6/2025) Turun", body: "Harga emas turun.")
        let again = StoryFeatures(title: "Harga emas 13 juni", body: "")
        let none = StoryFeatures(title: "Harga Emas Naik Lagi", body: "")
        #expect(monday.titleDays == [6 * 32 + 13])
        #expect(tuesday.titleDays == [6 * 32 + 14])
        #expect(monday.namesOtherDays(than: tuesday))
        #expect(!monday.namesOtherDays(than: again))
        #expect(!monday.namesOtherDays(than: none))
    }

    @Test(
        "titles giving different figures of one measure are different happenings; the same figure written otherwise is not"
    )
    func titleFigures() throws {
        func features(_ title: String) -> StoryFeatures { StoryFeatures(title: title, body: "") }
        let mother = features("Ibunda Ronald Tannur Divonis 3 Tahun Penjara")
        let lawyer = features("Pengacara Ronald Tannur Divonis 11 Tahun Penjara")
        let again = features("Divonis 3 Tahun Penjara, Ibunda Ronald Tannur: Saya Menerima")
        let plain = features("Hakim Bacakan Vonis Ibunda Ronald Tannur")
        #expect(mother.titleFigures.count == 1)
        #expect(mother.givesOtherFigures(than: lawyer) && lawyer.givesOtherFigures(than: mother))
        #expect(!mother.givesOtherFigures(than: again))
        #expect(!mother.givesOtherFigures(than: plain) && plain.titleFigures.isEmpty)
        // Levels and times are read before their number; zero decimals and separators do not matter.
        #expect(features("IHSG Dibuka ke Level 7.107").givesOtherFigures(than: features("IHSG Ditutup di Level 7.132")))
        #expect(
            !features("IHSG Ditutup di Level 7,107").givesOtherFigures(than: features("IHSG Melemah ke Level 7.107")))
        #expect(!features("Sinetron Pukul 17.00 WIB").givesOtherFigures(than: features("Tayang pukul 17:00")))
        #expect(features("Sinetron Pukul 17.00 WIB").givesOtherFigures(than: features("Sinetron Pukul 21.30 WIB")))
        // Different measures say nothing of each other; other numbers are not figures.
        #expect(!mother.givesOtherFigures(than: features("Sidang Pukul 10.00")))
        #expect(features("Rumah Rusak 5 Persen, 1.200 Warga Mengungsi").titleFigures.isEmpty)
        #expect(StoryFeatures(encoded: lawyer.encoded()) == lawyer)
        // Grouping keeps them apart though their words are alike.
        var grouper = StoryGrouper()
        grouper.add(id: 1, minute: 0, features: mother)
        grouper.add(id: 2, minute: 5, features: again)
        grouper.add(id: 3, minute: 10, features: lawyer)
        grouper.finish()
        #expect(grouper.placed.map(\.story) == [1, 1, 3])
    }

    @Test("grouping a long archive holds a few days of it in memory, not every article seen")
    func memoryStaysWithTheWindow() {
        let day: Int64 = 24 * 60
        let rarity = WordRarity(documents: 100, counts: [:])
        let features = (0..<50).map { number in
            StoryFeatures(title: "alfa\(number) bravo\(number % 7) charlie\(number % 11)", body: "", rarity: rarity)
        }
        var grouper = StoryGrouper()
        var most = 0
        // 200 days of 100 articles a day.
        for id in 0..<20_000 {
            grouper.add(id: Int64(id), minute: Int64(id) * day / 100, features: features[id % 50])
            most = max(most, grouper.keptCount)
        }
        grouper.finish()
        #expect(grouper.placed.count == 20_000)
        // The window is five days each side: about 1,000 articles; compaction runs every few thousand.
        #expect(most < 6_000, "\(most)")
        #expect(grouper.keptCount < 6_000, "\(grouper.keptCount)")
    }

    /// An article of a title alone, its words all equally rare.
    static func titled(_ words: String) -> StoryFeatures {
        StoryFeatures(title: words, body: "", rarity: WordRarity(documents: 100, counts: [:]))
    }

    /// A grouping of two stored stories, 1 and 2 (articles 1 and 2), and a new article 3 as like
    /// either as joins it.
    static func bridged(_ first: StoryFeatures, _ second: StoryFeatures, by bridge: StoryFeatures) -> StoryGrouper {
        #expect(bridge.similarity(to: first) >= StoryGrouper.defaultThreshold)
        #expect(bridge.similarity(to: second) >= StoryGrouper.defaultThreshold)
        var grouper = StoryGrouper()
        grouper.add(id: 1, minute: 0, features: first, story: 1)
        grouper.add(id: 2, minute: 10, features: second, story: 2)
        grouper.add(id: 3, minute: 20, features: bridge)
        return grouper
    }

    @Test("an article like two stories whose titles give different figures joins one and does not make them one")
    func noMergeAcrossFigures() {
        let features = Self.titled
        let first = features("alfa bravo charlie delta echo divonis 3 tahun")
        let second = features("charlie delta echo foxtrot golf divonis 11 tahun")
        let bridge = features("bravo charlie delta echo foxtrot divonis")
        #expect(first.givesOtherFigures(than: second) && !bridge.givesOtherFigures(than: first))
        var grouper = Self.bridged(first, second, by: bridge)
        grouper.finish()
        #expect(grouper.merged.isEmpty)
        #expect(grouper.placed.count == 1 && [1, 2].contains(grouper.placed[0].story))
    }

    @Test(
        """
        an article stored in a story that this grouping has joined into another joins that other: no story \
        is joined twice or comes back, so every story resolves
        """)
    func storedStoryJoinedMeanwhile() {
        let features = Self.titled
        let first = features("alfa bravo charlie delta echo")
        let second = features("charlie delta echo foxtrot golf")
        let bridge = features("bravo charlie delta echo foxtrot")
        let later = StoryGrouper.defaultWindow * 3
        // Two stored stories, and a new article that shows them to be one.
        var grouper = Self.bridged(first, second, by: bridge)
        // Days later, stored articles of both (the index still files them under their old
        // stories until this grouping is written), and another new article like both.
        grouper.add(id: 4, minute: later, features: second, story: 2)
        #expect(grouper.merged.count == 1)
        grouper.add(id: 5, minute: later + 5, features: first, story: 1)
        grouper.add(id: 6, minute: later + 10, features: bridge)
        grouper.finish()
        let joined = grouper.merged.map(\.story)
        #expect(Set(joined).count == joined.count, "\(grouper.merged)")
        #expect(!grouper.merged.contains { joined.contains($0.into) }, "\(grouper.merged)")
        guard Set(joined).count == joined.count, !grouper.merged.contains(where: { joined.contains($0.into) }) else {
            return  // `current` would not end.
        }
        let survivor = grouper.current(1)
        #expect(grouper.current(2) == survivor)
        #expect(grouper.placed.map { grouper.current($0.story) } == [survivor, survivor])
        // Handed over with the stories they end up in; the grouper keeps none.
        let articles = grouper.placed.map(\.article)
        let taken = grouper.takePlacings()
        #expect(taken.map(\.article) == articles && taken.map(\.story) == [survivor, survivor])
        #expect(grouper.placed.isEmpty)
    }

    @Test("online grouping joins versions of one event, keeps others apart, and respects the window")
    func grouping() {
        let pact = StoryFeatures(title: Self.pactTitle, body: Self.pactBody)
        let retold = StoryFeatures(title: Self.pactRetold.0, body: Self.pactRetold.1)
        let quake = StoryFeatures(title: Self.quake.0, body: Self.quake.1)
        let day: Int64 = 24 * 60
        var grouper = StoryGrouper()
        grouper.add(id: 1, minute: 0, features: pact)
        grouper.add(id: 2, minute: 60, features: quake)
        grouper.add(id: 3, minute: day, features: retold)
        // The same event a month later is another story.
        grouper.add(id: 4, minute: 30 * day, features: retold)
        grouper.finish()
        let story = Dictionary(uniqueKeysWithValues: grouper.placed.map { ($0.article, $0.story) })
        #expect(story == [1: 1, 2: 2, 3: 1, 4: 4])
    }

    @Test("articles already grouped keep their story; new ones join it, whatever their order in time")
    func incremental() {
        let pact = StoryFeatures(title: Self.pactTitle, body: Self.pactBody)
        let retold = StoryFeatures(title: Self.pactRetold.0, body: Self.pactRetold.1)
        var grouper = StoryGrouper()
        // A new article published before the grouped one joins its story.
        grouper.add(id: 5, minute: 100, features: retold)
        grouper.add(id: 9, minute: 200, features: pact, story: 42)
        grouper.finish()
        #expect(grouper.placed.map(\.article) == [5])
        #expect(grouper.placed.map(\.story) == [42])
    }

    @Test("an article like one article of a story but not the rest stays out: no chaining by single links")
    func noChaining() {
        func features(_ words: [String]) -> StoryFeatures {
            StoryFeatures(
                title: words.joined(separator: " "), body: "", rarity: WordRarity(documents: 100, counts: [:]))
        }
        let first = features(["alfa", "bravo", "charlie", "delta"])
        let second = features(["alfa", "bravo", "charlie", "echo"])
        // Shares half its words with the second article, none with the first.
        let drifting = features(["echo", "charlie", "golf", "hotel"])
        #expect(drifting.similarity(to: second) >= 0.4)
        #expect(drifting.similarity(to: first) < 0.3)
        var grouper = StoryGrouper(threshold: 0.4)
        grouper.add(id: 1, minute: 0, features: first)
        grouper.add(id: 2, minute: 1, features: second)
        grouper.add(id: 3, minute: 2, features: drifting)
        grouper.finish()
        let story = Dictionary(uniqueKeysWithValues: grouper.placed.map { ($0.article, $0.story) })
        #expect(story == [1: 1, 2: 1, 3: 3])
    }

    @Test("many large stories sharing an article's common words do not crowd its own story out of the weighing")
    func ownStoryWeighed() {
        let features = Self.titled
        var grouper = StoryGrouper()
        // Twelve stories of three articles each, all using the same two everyday words.
        var id: Int64 = 1
        for story in 0..<12 {
            for _ in 0..<3 {
                grouper.add(
                    id: id, minute: id, features: features("wartawan kantornya topik\(story) hal\(story) soal\(story)"),
                    story: 100 + Int64(story))
                id += 1
            }
        }
        grouper.add(id: 50, minute: 50, features: features("wartawan kantornya zorvak blimtu qexano"), story: 200)
        grouper.add(id: 51, minute: 51, features: features("wartawan kantornya zorvak blimtu qexano"))
        grouper.finish()
        #expect(grouper.placed.map(\.article) == [51])
        #expect(grouper.placed.map(\.story) == [200])
    }

    @Test("an article as like two stories as their own articles joins them into one")
    func merging() {
        let features = Self.titled
        let first = features("alfa bravo charlie delta echo foxtrot")
        let second = features("foxtrot golf hotel india juliett kilo")
        let bridge = features("delta echo foxtrot golf hotel india")
        #expect(first.similarity(to: second) < StoryGrouper.defaultThreshold)
        #expect(bridge.similarity(to: first) >= StoryGrouper.defaultThreshold)
        #expect(bridge.similarity(to: second) >= StoryGrouper.defaultThreshold)
        var grouper = StoryGrouper()
        grouper.add(id: 1, minute: 0, features: first)
        grouper.add(id: 2, minute: 10, features: second, story: 2)
        grouper.add(id: 3, minute: 20, features: bridge)
        grouper.finish()
        #expect(grouper.placed.map(\.article) == [1, 3])
        #expect(grouper.merged.count == 1)
        // Every article ends in one story, whichever it was named after.
        let final = Set(grouper.placed.map { grouper.current($0.story) } + [grouper.current(2)])
        #expect(final.count == 1)
    }

    @Test(
        """
        words that most reports of the days around use tell little of which happening one reports: two \
        articles sharing only such words stay apart among two hundred others that use them, and join when few do \
        or when the days hold many more articles
        """)
    func wordsCommonInTheDays() {
        let rarity = WordRarity(documents: 100_000, counts: [:])
        func features(_ words: String) -> StoryFeatures { StoryFeatures(title: words, body: "", rarity: rarity) }
        // Every word is as rare as news at large has it; the two share the bill and its postponing.
        let first = features("rkuhp ditunda presiden")
        let second = features("rkuhp ditunda mahasiswa")
        #expect(first.similarity(to: second) >= StoryGrouper.defaultThreshold)
        func stories(others: Int, unread: Int = 0) -> (together: Bool, tuned: Float) {
            var grouper = StoryGrouper(rarity: rarity)
            // Articles of those days that share no leading word with the ones placed, left unread.
            grouper.around(unread: unread, from: 0)
            grouper.add(id: 1, minute: 0, features: first)
            for other in 0..<others {
                grouper.add(
                    id: Int64(10 + other), minute: Int64(1 + other),
                    features: features("rkuhp ditunda fraksi\(other) tanggapan\(other)"))
            }
            grouper.add(id: 2, minute: 600, features: second)
            grouper.finish()
            let story = Dictionary(uniqueKeysWithValues: grouper.placed.map { ($0.article, grouper.current($0.story)) })
            return (story[1] == story[2], grouper.tuned(first).similarity(to: grouper.tuned(second)))
        }
        let crowded = stories(others: 200)
        #expect(!crowded.together)
        #expect(crowded.tuned < first.similarity(to: second) / 4)
        // Two articles alone with the word (or among a few others) are not enough to make it common.
        #expect(stories(others: 0).together)
        #expect(stories(others: 3).together)
        // Nor are two hundred among a hundred thousand articles of those days, read or not.
        #expect(stories(others: 200, unread: 100_000).together)
    }

    @Test("the word table reads back what it wrote, and refuses other bytes")
    func wordTable() throws {
        let table = WordRarity.counting(["putin dan kim", "putin di moskow", "kim di pyongyang"])
        let putin = StoryFeatures.words(of: "putin")[0]
        let moskow = StoryFeatures.words(of: "moskow")[0]
        #expect(table.documents == 3)
        #expect(table.weight(of: putin) < table.weight(of: moskow))
        let read = try WordRarity(data: table.encoded())
        #expect(read.weight(of: putin) == table.weight(of: putin))
        #expect(throws: (any Error).self) { try WordRarity(data: Data("not a table".utf8)) }
        #expect(!WordRarity.standard.isEmpty)
    }

    @Test("sentences are cut after full stops, not after initials and titles")
    func sentences() {
        let text =
            "Dr. Budi tiba pukul 10.00 WIB. Ia bertemu H. Ahmad di Jl. Sudirman! \"Kami siap,\" katanya.\nParagraf baru"
        #expect(
            StoryComparison.sentences(of: text) == [
                "Dr. Budi tiba pukul 10.00 WIB.", "Ia bertemu H. Ahmad di Jl. Sudirman!", "\"Kami siap,\" katanya.",
                "Paragraf baru",
            ])
    }

    @Test("a comparison pairs reworded sentences and marks those only one article has")
    func comparison() {
        let left = """
            Putin dan Kim menandatangani pakta pertahanan di Pyongyang pada Rabu. Pakta itu mewajibkan kedua negara saling membantu.
            Gedung Putih menyebut pakta itu mengkhawatirkan.
            """
        let right = """
            Kim Jong Un menyambut Putin di bandara Pyongyang. Putin dan Kim menandatangani pakta pertahanan di Pyongyang, Rabu.
            Pakta itu mewajibkan kedua negara untuk saling membantu.
            """
        let comparison = StoryComparison(left: left, right: right)
        #expect(comparison.leftOnly == ["Gedung Putih menyebut pakta itu mengkhawatirkan."])
        #expect(comparison.rightOnly == ["Kim Jong Un menyambut Putin di bandara Pyongyang."])
        let paired = comparison.rows.filter { !$0.isUnique }
        #expect(paired.count == 2)
        #expect(paired.allSatisfy { $0.similarity >= StoryComparison.threshold })
        // The right article's own sentence stands where it stands there: before the pair after it.
        #expect(comparison.rows.first?.right == "Kim Jong Un menyambut Putin di bandara Pyongyang.")
    }
}
