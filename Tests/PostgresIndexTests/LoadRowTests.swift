import Articles
import Entities
import Foundation
import Library
import Quotes
import Testing

@testable import PostgresIndex

@Suite("Team index rows, without a server")
struct LoadRowTests {
    @Test("confidences are written as JSONEncoder writes them, read back the same, and none for what JSON cannot hold")
    func confidences() throws {
        let values: [Float?] = [0.5, nil, 1, 0, 1e-05, 0.87654321, 3.4028235e38, -0.25, 0.1, 1.5e-38, 120, -3, 1e+20]
        let written = RowJSON.confidences(values)
        #expect(written == String(decoding: try JSONEncoder().encode(values), as: UTF8.self))
        #expect(try JSONDecoder().decode([Float?].self, from: Data(written.utf8)) == values)
        #expect(RowJSON.confidences([]) == "[]")
        let odd: [Float?] = [.nan, 0.75, .infinity, -.infinity]
        #expect(RowJSON.confidences(odd) == "[null,0.75,null,null]")
        #expect(
            try JSONDecoder().decode([Float?].self, from: Data(RowJSON.confidences(odd).utf8)) == [nil, 0.75, nil, nil])
    }

    /// Text with every kind of character JSON must escape, and some it need not.
    static let awkward = "Kata \"kutip\" \\ garis\nbaris\r\ttab \u{01}\u{1F} / é 漢字 🙂 \u{7F}"

    @Test("lines, names and quotes are written as JSON that reads back as JSONEncoder's does, each value the same")
    func rowParts() throws {
        let lines = [
            LabelledLine(number: 1, text: Self.awkward, kind: .title, confidence: 0.875),
            LabelledLine(number: 3, text: "Baca juga: x", kind: .relatedLink),
            LabelledLine(number: 7, text: "a", kind: .body, cleanedText: Self.awkward, confidence: 1),
        ]
        let written = RowJSON.lines(lines)
        let decoder = JSONDecoder()
        let read = try decoder.decode([StoredLine].self, from: Data(written.utf8)).map(\.line)
        #expect(read == lines)
        let encoded = try JSONEncoder().encode(lines.map(StoredLine.init))
        #expect(try decoder.decode([StoredLine].self, from: encoded).map(\.line) == read)
        // A confidence JSON cannot hold is left out, read back as none.
        let odd = [LabelledLine(number: 2, text: "x", kind: .navigation, confidence: .nan)]
        #expect(
            try decoder.decode([StoredLine].self, from: Data(RowJSON.lines(odd).utf8)).first?.line.confidence == nil)

        let spans = [EntitySpan(start: 0, end: 5, kind: .person), EntitySpan(start: 9, end: 120, kind: .organization)]
        #expect(try decoder.decode([EntitySpan].self, from: Data(RowJSON.spans(spans).utf8)) == spans)
        let quotes = [
            Quote(
                kind: .direct, parts: [3..<40, 42..<90], cue: 91..<95, mention: 96..<101, speaker: Self.awkward,
                role: "Menteri"),
            Quote(kind: .indirect, parts: [], speaker: nil),
        ]
        #expect(try decoder.decode([Quote].self, from: Data(RowJSON.quotes(quotes).utf8)) == quotes)
        let named = [NamedEntity(kind: .place, name: Self.awkward, mentions: 3)]
        #expect(try decoder.decode([StoredEntity].self, from: Data(RowJSON.named(named).utf8)).map(\.entity) == named)
        for empty in [RowJSON.lines([]), RowJSON.spans([]), RowJSON.quotes([]), RowJSON.named([])] {
            #expect(empty == "[]")
        }
    }
}
