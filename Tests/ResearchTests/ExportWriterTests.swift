import Articles
import Entities
import Foundation
import Library
import Testing

@testable import Research

@Suite("Export formats")
struct ExportWriterTests {
    static let record = ExportRecord(
        summary: {
            var summary = ArticleSummary(
                id: 7, path: "a\tb/news\n1.txt", outlet: "kompas.com", title: "Harga \"naik\", kata =menteri",
                published: PublishedDate(year: 2024, month: 6, day: 19, hour: 8, minute: 5), lede: "",
                url: "https://kompas.com/a")
            summary.story = 3
            return summary
        }(),
        file: "/store/a\tb/news\n1.txt", body: "Paragraf satu, dengan koma.\nParagraf \"dua\".",
        entities: [
            NamedEntity(kind: .person, name: "Joko Widodo", mentions: 3),
            NamedEntity(kind: .place, name: "Jakarta", mentions: 1),
        ], isRead: true, isStarred: false, notes: [ExportNote(passage: "Paragraf satu", text: "cek\nlagi")])

    @Test("a JSON line holds one record on one line, every key there, and reads back as written")
    func jsonLine() throws {
        let text = ExportWriter(format: .jsonl).text(of: Self.record)
        #expect(text.hasSuffix("\n"))
        #expect(text.dropLast().contains("\n") == false)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(object["path"] as? String == "a\tb/news\n1.txt")
        #expect(object["body"] as? String == Self.record.body)
        #expect(object["published"] as? String == "2024-06-19T08:05")
        #expect(object["read"] as? Bool == true)
        #expect(object["story"] as? Int == 3)
        let entities = try #require(object["entities"] as? [[String: Any]])
        #expect(entities.first?["name"] as? String == "Joko Widodo")
        #expect(entities.first?["kind"] as? String == "person")
        #expect(entities.first?["mentions"] as? Int == 3)
        let notes = try #require(object["notes"] as? [[String: Any]])
        #expect(notes.first?["text"] as? String == "cek\nlagi")
        // Missing values are null, not left out.
        var bare = Self.record
        bare.summary.url = nil
        let bareObject = try #require(
            try JSONSerialization.jsonObject(with: Data(ExportWriter(format: .jsonl).text(of: bare).utf8))
                as? [String: Any])
        #expect(bareObject.keys.contains("url"))
        #expect(bareObject["url"] is NSNull)
    }

    @Test(
        "CSV fields are quoted when they hold a comma, quote or line break; formulas are defused",
        arguments: [
            ("plain", "plain"), ("a,b", "\"a,b\""), ("say \"hi\"", "\"say \"\"hi\"\"\""),
            ("two\nlines", "\"two\nlines\""),
            ("=SUM(A1)", "'=SUM(A1)"), ("-5", "-5"), ("@here, now", "\"'@here, now\""), ("", ""),
        ])
    func csvField(value: String, written: String) {
        #expect(ExportWriter.csvField(value) == written)
    }

    @Test("a CSV row ends in CRLF, has a field per column, and the header may start with a byte-order mark")
    func csvRow() {
        let writer = ExportWriter(format: .csv, byteOrderMark: true)
        #expect(writer.header(count: 1).hasPrefix("\u{FEFF}id,file,outlet,published,title"))
        #expect(writer.header(count: 1).hasSuffix("\r\n"))
        #expect(ExportWriter(format: .csv).header(count: 1).first == "i")
        let row = writer.text(of: Self.record)
        #expect(row.hasSuffix("\r\n"))
        #expect(row.contains("\"Harga \"\"naik\"\", kata =menteri\""))
        #expect(row.contains(",Joko Widodo (3),,Jakarta (1),"))
    }

    @Test("the Markdown digest gives each article a heading, a citation, its opening and its names, markup escaped")
    func markdown() {
        let writer = ExportWriter(format: .md, title: "harga *naik*")
        #expect(writer.header(count: 2).hasPrefix("# harga \\*naik\\*\n\n2 articles."))
        let text = writer.text(of: Self.record)
        #expect(text.contains("## Harga \"naik\", kata =menteri"))
        #expect(text.contains("*kompas.com*, 2024-06-19T08:05, <https://kompas.com/a>"))
        #expect(text.contains("Paragraf satu, dengan koma."))
        #expect(text.contains("- **People**: Joko Widodo"))
        #expect(text.contains("- **Places**: Jakarta"))
        #expect(text.contains("> Paragraf satu"))
        #expect(text.contains(" · read"))
    }
}
