import Articles
import Entities
import Foundation
import SequenceModels

/// Makes a large store of article pages from a small one, for benchmarks: each page is a source
/// article with small changes (numbers changed, a few words swapped), a publication date spread
/// over ten years, one of fifty outlets, and the boilerplate scraped pages carry (a related link,
/// an editor credit, share prompts, a copyright line). Pages go to `outlet/YYYY/MM/NNNNNNN.txt`.
/// The same source, count and seed always give the same files.
struct CorpusGenerator {
    struct Source {
        var title: String
        var paragraphs: [String]
    }

    let sources: [Source]
    var seed: UInt64 = 0x6B61_6261_72

    static let outletNames = [
        "antaranews", "cnnindonesia", "dailysocial", "goal", "juara", "kumparan", "merdeka", "poskotanews",
        "rimanews", "suara",
    ]
    static let regions = ["", "jatim.", "jabar.", "bali.", "sumut."]
    static let outlets: [String] = regions.flatMap { region in outletNames.map { region + $0 + ".com" } }
    static let days = ["Minggu", "Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu"]
    static let months = [
        "Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
        "November", "Desember",
    ]
    static let editors = ["Budi Santoso", "Rina Wulandari", "Agus Salim", "Dewi Lestari", "Hendra Gunawan"]

    /// Reads the source articles: `.txt` files whose first line is the title; a second line of
    /// `outlet | date | category | url` metadata (as the IndoSum conversion has) is left out.
    init(sourceFolder: String) throws {
        var sources: [Source] = []
        var reader = ArticleFileReader()
        for path in try textFiles(in: [sourceFolder]) {
            guard let text = reader.text(at: path) else { continue }
            var lines = text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter {
                !$0.isEmpty
            }
            guard lines.count >= 3 else { continue }
            let title = lines.removeFirst()
            if lines[0].components(separatedBy: " | ").count >= 3 { lines.removeFirst() }
            guard !lines.isEmpty else { continue }
            sources.append(Source(title: title, paragraphs: lines))
        }
        guard !sources.isEmpty else { throw CommandFailure("\(sourceFolder): no articles to generate from") }
        self.sources = sources
    }

    /// The days pages are dated within: 2016–2025 (3,653 days from 2016-01-01).
    static let allDays = 0..<3653

    /// The page of article number `index`, and where it goes; dated on one of `days` (counted
    /// from 2016-01-01).
    func page(_ index: Int, days: Range<Int> = allDays) -> (path: String, text: String) {
        var random = SplitMix(seed: seed &+ UInt64(index) &* 0x1000_0001)
        let source = sources[index % sources.count]
        let outlet = Self.outlets[random.below(Self.outlets.count)]
        // A day and a time.
        let dayNumber = days.lowerBound + random.below(days.count)
        let (year, month, day) = Self.civil(daysFrom2016: dayNumber)
        let weekday = Self.days[(dayNumber + 5) % 7]  // 2016-01-01 was a Friday
        let hour = 6 + random.below(16)
        let minute = random.below(60)
        var paragraphs = source.paragraphs.map { changed($0, random: &random) }
        if paragraphs.count > 4 && random.below(3) == 0 {
            paragraphs.remove(at: 1 + random.below(paragraphs.count - 1))
        }
        let related = sources[random.below(sources.count)].title
        var lines = [
            outlet, "", source.title, "",
            "\(weekday), \(day) \(Self.months[month - 1]) \(year) | \(Self.pad(hour)):\(Self.pad(minute)) WIB", "",
        ]
        for (i, paragraph) in paragraphs.enumerated() {
            lines += [paragraph, ""]
            if i == min(1, paragraphs.count - 1) { lines += ["Baca Juga: \(related)", ""] }
        }
        lines += [
            "Editor: \(Self.editors[random.below(Self.editors.count)])", "", "Bagikan: Facebook Twitter WhatsApp", "",
            "Copyright © \(year) \(outlet). All rights reserved.",
        ]
        let path = "\(outlet)/\(year)/\(Self.pad(month))/\(String(format: "%07d", index)).txt"
        return (path, lines.joined(separator: "\n") + "\n")
    }

    /// Numbers changed, and now and then two neighbouring words swapped.
    func changed(_ paragraph: String, random: inout SplitMix) -> String {
        var words = paragraph.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        for i in words.indices where words[i].allSatisfy(\.isNumber) && !words[i].isEmpty {
            words[i] = String(1 + random.below(999))
        }
        if words.count > 8 && random.below(2) == 0 {
            let i = 1 + random.below(words.count - 2)
            words.swapAt(i, i + 1)
        }
        return words.joined(separator: " ")
    }

    /// The source article page number `index` is made from: pages of one source are copies.
    func source(of index: Int) -> Int { index % sources.count }

    /// Writes pages `range` under `folder`, making folders as needed, and returns one line of
    /// `path<TAB>source number` a page, for the list of which pages share a source.
    @discardableResult
    func write(_ range: Range<Int>, to folder: String, days: Range<Int> = allDays) throws -> String {
        var made: Set<String> = []
        var manifest = ""
        for index in range {
            let (path, text) = page(index, days: days)
            manifest += "\(path)\t\(source(of: index))\n"
            let url = URL(fileURLWithPath: folder).appendingPathComponent(path)
            let directory = url.deletingLastPathComponent().path
            if made.insert(directory).inserted {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            }
            guard FileManager.default.createFile(atPath: url.path, contents: Data(text.utf8)) else {
                throw CommandFailure("\(url.path): cannot be written")
            }
        }
        return manifest
    }

    static func pad(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }

    /// The civil date `days` after 2016-01-01.
    static func civil(daysFrom2016 days: Int) -> (Int, Int, Int) {
        var year = 2016
        var remaining = days
        while true {
            let length = (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 366 : 365
            if remaining < length { break }
            remaining -= length
            year += 1
        }
        var month = 1
        while true {
            let length = daysIn(month: month, year: year)
            if remaining < length { break }
            remaining -= length
            month += 1
        }
        return (year, month, remaining + 1)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}

extension SplitMix {
    /// A number in `0..<n` (the plain remainder, so the pages never change).
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
}
