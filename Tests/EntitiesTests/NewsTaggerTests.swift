import Foundation
import Testing

@testable import Entities

@Suite("News tokenizer")
struct NewsTokenizerTests {
    func texts(_ text: String) -> [String] { NewsTokenizer.tokens(in: text).map(\.text) }

    @Test(
        "words keep inner hyphens, apostrophes and number separators; other marks stand alone",
        arguments: [
            ("Kim Jong-un tiba.", ["Kim", "Jong-un", "tiba", "."]),
            (
                "Jum'at (14/8/2025), naik 1.202% jadi Rp 3,5 juta.",
                ["Jum'at", "(", "14/8/2025", ")", ",", "naik", "1.202", "%", "jadi", "Rp", "3,5", "juta", "."]
            ),
            ("“Benar,” kata dia.", ["“", "Benar", ",", "”", "kata", "dia", "."]),
            ("TNI/Polri dan AS", ["TNI", "/", "Polri", "dan", "AS"]),
            ("AT&T, A/B/C, 12/3 dan x.y", ["AT&T", ",", "A/B", "/", "C", ",", "12/3", "dan", "x", ".", "y"]),
            ("Über\u{00A0}naïve e\u{301}clair ５,５", ["Über", "naïve", "e\u{301}clair", "５,５"]),
            ("\u{200B}kata\u{FEFF} 中文 😀 ’", ["kata", "中文", "😀", "’"]),
            ("co-op- -x Jum’at", ["co-op", "-", "-", "x", "Jum’at"]),
        ] as [(String, [String])])
    func tokens(text: String, expected: [String]) {
        #expect(texts(text) == expected)
    }

    @Test("token offsets are UTF-8 byte offsets into the text")
    func offsets() {
        let text = "Dia “Kim” 🙂 Korea"
        let tokens = NewsTokenizer.tokens(in: text)
        #expect(tokens.map(\.text) == ["Dia", "“", "Kim", "”", "🙂", "Korea"])
        for token in tokens {
            let bytes = Array(text.utf8)[token.start..<token.end]
            #expect(String(decoding: bytes, as: UTF8.self) == token.text)
        }
    }

    @Test("sentences end at full stops but not after initials or abbreviations, and at line ends")
    func sentences() {
        let text = "Dr. Ahmad dan M. Yusuf tiba. Mereka disambut.\nBaris baru"
        let sentences = NewsTokenizer.sentences(in: text).map { $0.map(\.text).joined(separator: " ") }
        #expect(sentences == ["Dr . Ahmad dan M . Yusuf tiba .", "Mereka disambut .", "Baris baru"])
    }
}

@Suite("Entity tags and scores")
struct EntityScoreTests {
    func tags(_ names: [String]) -> [EntityTag] { names.map { EntityTag(iob2: $0)! } }

    @Test("chunks are read strictly: an I- tag without its B- belongs to no entity")
    func strictChunks() {
        let chunks = EntityChunk.chunks(of: tags(["B-PER", "I-PER", "O", "I-LOC", "B-ORG", "B-ORG", "I-ORG"]))
        #expect(
            chunks == [
                EntityChunk(start: 0, end: 2, kind: .person), EntityChunk(start: 4, end: 5, kind: .organization),
                EntityChunk(start: 5, end: 7, kind: .organization),
            ])
    }

    @Test("scores count exact spans and kinds, per kind and overall")
    func scores() {
        var scores = EntityScores()
        // Gold: PER 0-2, LOC 3-4. Predicted: PER 0-1 (wrong span), LOC 3-4 (right), ORG 5-6 (spurious).
        scores.add(
            gold: tags(["B-PER", "I-PER", "O", "B-LOC", "O", "O"]),
            predicted: tags(["B-PER", "O", "O", "B-LOC", "O", "B-ORG"]))
        #expect(scores.overall.correct == 1)
        #expect(scores.overall.predicted == 3)
        #expect(scores.overall.gold == 2)
        #expect(abs(scores.overall.f1 - 0.4) < 1e-9)
        #expect(scores.byKind[.place]?.f1 == 1)
        #expect(scores.byKind[.person]?.f1 == 0)
        #expect(scores.report.contains("micro avg"))
    }

    @Test("CoNLL files are read with the tag in the last column, CRLF or not; bad tags name the line")
    func conll() throws {
        let sentences = try CoNLL.read("Putin PROPN B-PER\r\ntiba VERB O\r\n\r\ndi\tO\nMoskow\tB-LOC\n")
        #expect(sentences.map(\.tokens) == [["Putin", "tiba"], ["di", "Moskow"]])
        #expect(sentences[1].tags == [.outside, .beginPlace])
        let error = #expect(throws: CoNLL.FormatError.self) { try CoNLL.read("a O\nb X-FOO\n") }
        #expect(error?.line == 2)
    }
}

@Suite("Trained tagger")
struct NewsTaggerTests {
    @Test("the bundled model loads")
    func bundled() {
        #expect(NewsTagger.bundled != nil)
    }

    @Test("tags are valid IOB2 and one per token, whatever the tokens")
    func oddTokens() throws {
        let tagger = try #require(NewsTagger.bundled)
        let tokens = [
            "\"", "“", "🙂", String(repeating: "a", count: 5000), "-", "Presiden", "Joko", "Widodo", "", "I-PER",
        ]
        let tags = tagger.tags(for: tokens)
        #expect(tags.count == tokens.count)
        for (index, tag) in tags.enumerated() {
            #expect(tag.mayFollow(index == 0 ? nil : tags[index - 1]))
        }
        #expect(tagger.tags(for: []).isEmpty)
    }

    @Test(
        "a model of either objective learns its sentences and survives writing and reading back, with its lexicon",
        arguments: TaggerTrainer.Objective.allCases)
    func roundTrip(objective: TaggerTrainer.Objective) throws {
        let sentence = TaggedSentence(
            tokens: ["Presiden", "Joko", "Widodo", "tiba", "di", "Bandung", "."],
            tags: [.outside, .beginPerson, .insidePerson, .outside, .outside, .beginPlace, .outside])
        let other = TaggedSentence(
            tokens: ["Gubernur", "Ridwan", "Kamil", "tiba", "di", "Garut", "."],
            tags: [.outside, .beginPerson, .insidePerson, .outside, .outside, .beginPlace, .outside])
        let text = [sentence.tokens, other.tokens, ["Warga", "Bandung", "tiba", "di", "Garut", "."]]
        let lexicon = Lexicon(
            cases: CaseProfile.learn(from: text, minimum: 1),
            clusters: WordClusters.learn(from: text, coarse: 2, fine: 4, minimum: 1))
        let model = TaggerTrainer.train(
            [sentence, other], auxiliary: [[other]], lexicon: lexicon, options: .init(objective: objective, runs: 2))
        #expect(model.lexicon.cases.buckets.count == 8)
        #expect(model.lexicon.clusters.wordCount == 12)
        #expect(model.lexicon.names.count == 4)
        let read = try TaggerModel(data: model.serialized())
        #expect(read.serialized() == model.serialized())
        #expect(read.lexicon.cases.buckets.count == 8)
        #expect(read.lexicon.clusters.wordCount == 12)
        #expect(read.lexicon.names.count == 4)
        #expect(read.tags(for: sentence.tokens) == model.tags(for: sentence.tokens))
        #expect(read.tags(for: sentence.tokens) == sentence.tags)
        #expect(throws: TaggerModel.FormatError.self) { try TaggerModel(data: Data("nope".utf8)) }
        #expect(throws: TaggerModel.FormatError.self) {
            try TaggerModel(data: model.serialized().dropLast(3))
        }
    }

    @Test("the seed stories' people, places and organisations are found with their kinds")
    func seedEntities() throws {
        let tagger = try #require(NewsTagger.bundled)
        let text = """
            Presiden Rusia Vladimir Putin bertemu pemimpin Korea Utara Kim Jong Un di Pyongyang. \
            Amerika Serikat dan NATO mengecam pertemuan itu, kata juru bicara Gedung Putih John Kirby.
            Putin juga membahas perang di Ukraina.
            """
        let found = tagger.entities(in: text).map { ($0.text(in: text), $0.kind) }
        for (name, kind) in [
            ("Vladimir Putin", EntityKind.person), ("Kim Jong Un", .person), ("Korea Utara", .place),
            ("Rusia", .place), ("Amerika Serikat", .place), ("Ukraina", .place), ("NATO", .organization),
            ("Putin", .person),
        ] {
            #expect(found.contains { $0 == (name, kind) }, "\(name) as \(kind)")
        }
        #expect(found.contains { $0 == ("Gedung Putih", .organization) })
    }

    @Test("in the five seed stories every mention of their main names has the right kind")
    func seedStories() throws {
        let tagger = try #require(NewsTagger.bundled)
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../Sources/SampleStore/Articles").standardized
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".txt") }
        #expect(files.count == 5)
        var kinds: [String: Set<EntityKind>] = [:]
        for file in files {
            let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            for span in tagger.entities(in: text) { kinds[span.text(in: text), default: []].insert(span.kind) }
        }
        let expected: [(String, EntityKind)] = [
            ("Vladimir Putin", .person), ("Kim Jong Un", .person), ("Kim Jong-un", .person), ("Korea Utara", .place),
            ("Rusia", .place), ("Amerika Serikat", .place), ("Ukraina", .place), ("NATO", .organization),
            ("Gedung Putih", .organization),
        ]
        for (name, kind) in expected {
            #expect(kinds[name] == [kind], "\(name): \(kinds[name] ?? [])")
        }
    }

    @Test("a capitalised name the tagger left out is found where the text names it elsewhere")
    func recoveredMentions() throws {
        let tagger = try #require(NewsTagger.bundled)
        let text = "Gubernur Ridwan Kamil tiba di Bandung. Menurut Ridwan Kamil, Rusia dan Kremlin diam."
        let found = tagger.entities(in: text).map { ($0.text(in: text), $0.kind) }
        #expect(found.filter { $0 == ("Ridwan Kamil", .person) }.count == 2, "\(found)")
        #expect(found.contains { $0 == ("Rusia", .place) })
        #expect(found.contains { $0 == ("Kremlin", .organization) })
    }

    @Test("a form of address is not part of the name; an office and its country go before the office holder")
    func addressAndOffice() throws {
        let tagger = try #require(NewsTagger.bundled)
        let text = "Pemimpin Korea Utara Kim Jong-un tiba. Tuan Kim memuji Rusia."
        let found = tagger.entities(in: text).map { ($0.text(in: text), $0.kind) }
        #expect(found.contains { $0 == ("Korea Utara", .place) }, "\(found)")
        #expect(found.contains { $0 == ("Kim Jong-un", .person) }, "\(found)")
        #expect(!found.contains { $0.0.hasPrefix("Tuan") }, "\(found)")
        #expect(found.contains { $0 == ("Kim", .person) }, "\(found)")
    }

    @Test("the list of known names reads KIND<TAB>name lines and skips comments and bad lines")
    func knownNames() {
        let names = NewsTagger.parseKnownNames(
            "# note\nORG\tGedung Putih\nXYZ\tNowhere\nLOC Jakarta\nLOC\tKorea  Utara\n")
        #expect(names == ["Gedung Putih": .organization, "Korea Utara": .place])
        #expect(NewsTagger.knownNames["Ukraina"] == .place)
        #expect(NewsTagger.knownNames["Gedung Putih"] == .organization)
    }
}

@Suite("Entity directory")
struct EntityDirectoryTests {
    @Test(
        "names compare by folded words, hyphens as spaces",
        arguments: [
            ("Kim Jong-un", ["kim", "jong", "un"]),
            ("KIM  Jong\tUn", ["kim", "jong", "un"]),
            ("Émilie Dupont–Léger", ["emilie", "dupont", "leger"]),
            ("", []),
        ] as [(String, [String])])
    func normalisedWords(name: String, expected: [String]) {
        #expect(EntityDirectory.normalisedWords(name) == expected)
    }

    /// Spans for the given (name, kind) mentions, in the order they occur in `text`.
    func spans(_ text: String, _ mentions: [(String, EntityKind)]) -> [EntitySpan] {
        var from = text.startIndex
        return mentions.map { name, kind in
            let range = text.range(of: name, range: from..<text.endIndex)!
            from = range.upperBound
            return EntitySpan(
                start: text.utf8.distance(from: text.startIndex, to: range.lowerBound),
                end: text.utf8.distance(from: text.startIndex, to: range.upperBound), kind: kind)
        }
    }

    @Test("spellings that differ in case, accents or hyphens are one entity, named by its commonest form")
    func spellings() {
        let text = "Kim Jong Un tiba. Kim Jong-un pulang. KIM JONG UN marah. Kim Jong Un tidur. José dan Jose."
        let entries = EntityDirectory.entries(
            in: text,
            spans: spans(
                text,
                [
                    ("Kim Jong Un", .person), ("Kim Jong-un", .person), ("KIM JONG UN", .person),
                    ("Kim Jong Un", .person), ("José", .person), ("Jose", .person),
                ]))
        #expect(entries.map(\.name) == ["Kim Jong Un", "José"])
        #expect(entries.map(\.mentions.count) == [4, 2])
    }

    @Test("a person named by part of one fuller name is that person; a part of two stays apart")
    func shortForms() {
        let text =
            "Putin dan Vladimir Putin bertemu Kim Jong Un. Kim berkata, Putin setuju. "
            + "Joe Biden dan Hunter Biden diam; Biden pergi. Rusia senang."
        let entries = EntityDirectory.entries(
            in: text,
            spans: spans(
                text,
                [
                    ("Putin", .person), ("Vladimir Putin", .person), ("Kim Jong Un", .person), ("Kim", .person),
                    ("Putin", .person), ("Joe Biden", .person), ("Hunter Biden", .person), ("Biden", .person),
                    ("Rusia", .place),
                ]))
        let byName = Dictionary(uniqueKeysWithValues: entries.map { ($0.name, $0) })
        #expect(byName["Vladimir Putin"]?.mentions.count == 3)
        #expect(byName["Kim Jong Un"]?.mentions.count == 2)
        #expect(byName["Biden"]?.mentions.count == 1)
        #expect(byName["Joe Biden"]?.mentions.count == 1)
        #expect(byName["Rusia"]?.kind == .place)
        #expect(entries.first?.name == "Vladimir Putin")
        #expect(
            byName["Vladimir Putin"]!.mentions.map(\.start) == byName["Vladimir Putin"]!.mentions.map(\.start).sorted())
    }

    @Test("the same words as two kinds are two entities; no spans, no entries")
    func kindsApart() {
        let text = "Washington marah. Washington pergi."
        let entries = EntityDirectory.entries(
            in: text, spans: spans(text, [("Washington", .place), ("Washington", .person)]))
        #expect(Set(entries.map(\.kind)) == [.place, .person])
        #expect(EntityDirectory.entries(in: text, spans: []).isEmpty)
    }
}

@Suite("Tagger features")
struct TaggerFeatureSplitTests {
    @Test("the tagger's per-word sums and per-position keys give the scores of every trained feature")
    func splitKeysMatchTrainingKeys() throws {
        let model = try #require(NewsTagger.bundled).model
        let sentences = [
            ["Presiden", "Joko", "Widodo", "menandatangani", "kerja", "sama", "di", "Jakarta", "."],
            ["(MK)", "\"Jokowi", "Jakarta,", "3.000", "Rp", "Kim", "Jong-un", "ü", ""],
            ["Wakil", "Presiden", "Jusuf", "Kalla"],
            ["satu"],
        ]
        for tokens in sentences {
            let trained = TaggerFeatures.keys(for: tokens, lexicon: model.lexicon)
            let per = TaggerFeatures.keysPerToken
            // Scored the plain way: every shared feature of every position looked up.
            var plain: [TaggerModel.Scores] = []
            for i in tokens.indices {
                let shared = trained[(i * per)..<(i * per + per / 2)]
                let copies = Array(trained[(i * per + per / 2)..<((i + 1) * per)])
                #expect(copies == shared.map { TaggerFeatures.domainKey($0) })
                plain.append(TaggerModel.emissions(shared, slots: model.slots))
            }
            #expect(model.scores(for: tokens) == plain, "\(tokens)")
            #expect(plain.contains { $0 != TaggerModel.Scores() })
            // Tagging twice (the second time from the word cache) gives the same tags.
            #expect(model.tags(for: tokens) == model.tags(for: tokens))
        }
    }
}

@Suite("Tagger speed-ups")
struct TaggerShortcutTests {
    @Test(
        "quiet tokens: punctuation, and words all in lower case that text seldom capitalises",
        arguments: [
            ("yang", true), (",", true), ("\"", true), ("--", true), ("Jakarta", false), ("detikFinance", false),
            ("2024", false), ("kpk", false), ("indonesia", false), ("Yang", false), ("dengan", true),
            ("mengatakan", true), ("ü", false), ("", true),
        ])
    func quiet(token: String, expected: Bool) throws {
        let model = try #require(NewsTagger.bundled).model
        let bucket = model.lexicon.cases.bucket(ofLowered: token.lowercased())
        #expect(model.isQuiet(token, caseBucket: UInt64(bucket)) == expected, "\(token) bucket \(bucket)")
    }

    @Test("skipping quiet runs gives the tags of decoding every position, on the sample store and awkward text")
    func quietRunsChangeNothing() throws {
        let model = try #require(NewsTagger.bundled).model
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../Sources/SampleStore/Articles").standardized
        var texts = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".txt") }
            .map { try String(contentsOf: folder.appendingPathComponent($0), encoding: .utf8) }
        #expect(texts.count == 5)
        texts += [
            "polisi di jalan sudirman menangkap warga indonesia yang dikutip dari detikFinance .",
            "kata dia , \" ini bukan urusan kami \" .", "Jokowi", "di", "yang di dan",
            "Presiden Joko Widodo tiba di Bandung bersama Menteri BUMN Erick Thohir , kata juru bicara .",
        ]
        var names = 0
        for text in texts {
            for sentence in NewsTokenizer.sentences(in: text) {
                let tokens = sentence.map(\.text)
                let tags = model.tags(for: tokens)
                #expect(tags == model.allTags(for: tokens), "\(tokens.joined(separator: " "))")
                names += EntityChunk.chunks(of: tags).count
            }
        }
        #expect(names > 50)
    }

    @Test("the hash table finds every key it was given and no other, across growth")
    func hashTable() {
        var table = HashTable<UInt32>()
        for i in 0..<5000 { table[UInt64(i) &* 0x9E37_79B9_7F4A_7C15 &+ 12345] = UInt32(i) }
        #expect(table.count == 5000)
        for i in 0..<5000 { #expect(table[UInt64(i) &* 0x9E37_79B9_7F4A_7C15 &+ 12345] == UInt32(i)) }
        #expect(table[42] == nil)
        table[12345] = 7
        #expect(table[12345] == 7)
        #expect(table.count == 5000)
        #expect(table.count { $0 < 10 } == 10)
        #expect(HashTable(table.sorted.map { ($0.key, $0.value) }).sorted.map(\.value) == table.sorted.map(\.value))
    }

    @Test("known names are found at their longest, and a run no name starts with stops the search")
    func gazetteer() {
        let sentences = [
            TaggedSentence(
                tokens: ["Bank", "Indonesia", "dan", "Indonesia", "di", "Bank", "Dunia", "."],
                tags: [
                    .beginOrganization, .insideOrganization, .outside, .beginPlace, .outside, .beginOrganization,
                    .insideOrganization, .outside,
                ])
        ]
        let names = Gazetteer.learn(from: sentences)
        #expect(names.count == 3)
        #expect(names.entry(of: ["Bank"]) == nil)
        #expect(names.entry(of: ["Bank", "Indonesia"]).map { $0 & 7 } == 2)
        let found = names.matches(in: ["ke", "Bank", "Indonesia", "Timur", "dan", "Bank", "Sentral"])
        #expect(found.map { $0 & 0xFF } == [0, 2, 4, 0, 0, 0, 0])
    }
}

@Suite("Whole-article votes")
struct KindVoteTests {
    @Test(
        "the kind counted most wins, and a tie goes the same way in every run",
        arguments: [
            ([EntityKind.organization: 2, .person: 2], EntityKind.person),
            ([.place: 3, .organization: 3, .person: 1], .organization),
            ([.place: 1, .organization: 4], .organization),
            ([.place: 1], .place),
        ] as [([EntityKind: Int], EntityKind)])
    func likeliestKind(counts: [EntityKind: Int], kind: EntityKind) {
        // Dictionaries built in another order still give the same answer.
        let reordered = Dictionary(uniqueKeysWithValues: counts.sorted { $0.key.rawValue > $1.key.rawValue })
        #expect(NewsTagger.likeliest(counts)?.kind == kind)
        #expect(NewsTagger.likeliest(reordered)?.kind == kind)
        #expect(NewsTagger.likeliest([:]) == nil)
    }
}
