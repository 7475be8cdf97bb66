import Articles
import Entities
import Foundation
import Quotes

/// What an index that keeps details holds of an article beyond what lists and searches need
/// (`article_detail`), so that the article can be given whole again from its file without
/// cleaning the page or finding its names a second time: each labelled line's kind and
/// confidence (phase 1), and the entities and quotes in its body (phase 2). Compact bytes: a
/// line's text is the file's own line unless extraction changed it, then it is kept too.
enum KeptDetail {
    /// The non-blank lines of a page as extraction labelled them; `page` is the text they were
    /// taken from.
    static func encodeLines(_ lines: [LabelledLine], page: String) -> Data {
        let fileLines = FileLines(page)
        var writer = ByteWriter()
        let kept = lines.filter { $0.kind != .blank }
        writer.varint(kept.count)
        var previous = 0
        for line in kept {
            writer.varint(line.number - previous)
            previous = line.number
            writer.byte(UInt8(LineKind.allCases.firstIndex(of: line.kind) ?? 0))
            let ownText = fileLines.line(line.number).map { !$0.elementsEqual(line.text.utf8) } ?? true
            writer.byte(
                (line.confidence == nil ? 0 : 1) | (ownText ? 2 : 0) | (line.cleanedText == nil ? 0 : 4))
            if let confidence = line.confidence { writer.uint32(confidence.bitPattern) }
            if ownText { writer.string(line.text) }
            if let cleaned = line.cleanedText { writer.string(cleaned) }
        }
        return writer.data
    }

    /// The lines again, their text from `page`; nil when the bytes are not lines of that page
    /// (damaged, or the file has changed).
    static func decodeLines(_ data: Data, page: String) -> [LabelledLine]? {
        let fileLines = FileLines(page)
        var reader = ByteReader(data)
        guard let count = reader.varint(), count <= data.count else { return nil }
        var lines: [LabelledLine] = []
        lines.reserveCapacity(count)
        var number = 0
        for _ in 0..<count {
            guard let step = reader.varint(), let kindIndex = reader.byte(), let flags = reader.byte(),
                kindIndex < LineKind.allCases.count
            else { return nil }
            number += step
            var line = LabelledLine(number: number, text: "", kind: LineKind.allCases[Int(kindIndex)])
            if flags & 1 != 0 {
                guard let bits = reader.uint32() else { return nil }
                line.confidence = Float(bitPattern: bits)
            }
            if flags & 2 != 0 {
                guard let text = reader.string() else { return nil }
                line.text = text
            } else {
                guard let bytes = fileLines.line(number) else { return nil }
                line.text = String(decoding: bytes, as: UTF8.self)
            }
            if flags & 4 != 0 {
                guard let cleaned = reader.string() else { return nil }
                line.cleanedText = cleaned
            }
            lines.append(line)
        }
        return reader.isAtEnd ? lines : nil
    }

    /// The entities and quotes phase 2 found in an article's body.
    static func encodeFound(entities: [EntitySpan], quotes: [Quote]) -> Data {
        var writer = ByteWriter()
        writer.varint(entities.count)
        for span in entities {
            writer.varint(span.start)
            writer.varint(span.end - span.start)
            writer.byte(UInt8(EntityKind.allCases.firstIndex(of: span.kind) ?? 0))
        }
        writer.varint(quotes.count)
        for quote in quotes {
            writer.byte(quote.kind == .direct ? 0 : 1)
            writer.byte(
                (quote.cue == nil ? 0 : 1) | (quote.mention == nil ? 0 : 2) | (quote.speaker == nil ? 0 : 4)
                    | (quote.role == nil ? 0 : 8))
            writer.varint(quote.parts.count)
            for part in quote.parts { writer.range(part) }
            if let cue = quote.cue { writer.range(cue) }
            if let mention = quote.mention { writer.range(mention) }
            if let speaker = quote.speaker { writer.string(speaker) }
            if let role = quote.role { writer.string(role) }
        }
        return writer.data
    }

    /// The entities and quotes again; nil for damaged bytes, or spans that do not fit a body of
    /// `bodyLength` bytes.
    static func decodeFound(_ data: Data, bodyLength: Int) -> (entities: [EntitySpan], quotes: [Quote])? {
        var reader = ByteReader(data)
        func fits(_ range: Range<Int>?) -> Bool { range.map { $0.upperBound <= bodyLength } ?? true }
        guard let entityCount = reader.varint(), entityCount <= data.count else { return nil }
        var entities: [EntitySpan] = []
        entities.reserveCapacity(entityCount)
        for _ in 0..<entityCount {
            guard let start = reader.varint(), let length = reader.varint(), let kind = reader.byte(),
                kind < EntityKind.allCases.count, start + length <= bodyLength
            else { return nil }
            entities.append(EntitySpan(start: start, end: start + length, kind: EntityKind.allCases[Int(kind)]))
        }
        guard let quoteCount = reader.varint(), quoteCount <= data.count else { return nil }
        var quotes: [Quote] = []
        for _ in 0..<quoteCount {
            guard let kind = reader.byte(), kind <= 1, let flags = reader.byte(), let partCount = reader.varint(),
                partCount <= data.count
            else { return nil }
            var parts: [Range<Int>] = []
            for _ in 0..<partCount {
                guard let part = reader.range(), fits(part) else { return nil }
                parts.append(part)
            }
            var quote = Quote(kind: kind == 0 ? .direct : .indirect, parts: parts)
            if flags & 1 != 0 {
                guard let cue = reader.range(), fits(cue) else { return nil }
                quote.cue = cue
            }
            if flags & 2 != 0 {
                guard let mention = reader.range(), fits(mention) else { return nil }
                quote.mention = mention
            }
            if flags & 4 != 0 {
                guard let speaker = reader.string() else { return nil }
                quote.speaker = speaker
            }
            if flags & 8 != 0 {
                guard let role = reader.string() else { return nil }
                quote.role = role
            }
            quotes.append(quote)
        }
        return reader.isAtEnd ? (entities, quotes) : nil
    }
}

/// A page's lines by their 1-based numbers, as UTF-8 bytes (split at `\n`, as extraction numbers them).
private struct FileLines {
    let bytes: [UInt8]
    var starts: [Int] = [0]

    init(_ page: String) {
        bytes = Array(page.utf8)
        for (index, byte) in bytes.enumerated() where byte == 0x0A { starts.append(index + 1) }
    }

    func line(_ number: Int) -> ArraySlice<UInt8>? {
        guard number >= 1, number <= starts.count else { return nil }
        let start = starts[number - 1]
        let end = number < starts.count ? starts[number] - 1 : bytes.count
        return bytes[start..<end]
    }
}

private struct ByteWriter {
    var data = Data()

    mutating func byte(_ value: UInt8) { data.append(value) }

    mutating func varint(_ value: Int) {
        var value = UInt64(max(0, value))
        while value >= 0x80 {
            data.append(UInt8(value & 0x7F) | 0x80)
            value >>= 7
        }
        data.append(UInt8(value))
    }

    mutating func uint32(_ value: UInt32) {
        for shift in stride(from: 0, to: 32, by: 8) { data.append(UInt8(truncatingIfNeeded: value >> shift)) }
    }

    mutating func string(_ value: String) {
        varint(value.utf8.count)
        data.append(contentsOf: value.utf8)
    }

    mutating func range(_ value: Range<Int>) {
        varint(value.lowerBound)
        varint(value.count)
    }
}

private struct ByteReader {
    let bytes: [UInt8]
    var position = 0

    init(_ data: Data) { bytes = [UInt8](data) }

    var isAtEnd: Bool { position == bytes.count }

    mutating func byte() -> UInt8? {
        guard position < bytes.count else { return nil }
        defer { position += 1 }
        return bytes[position]
    }

    mutating func varint() -> Int? {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while let byte = byte() {
            value |= UInt64(byte & 0x7F) << shift
            if byte & 0x80 == 0 { return value <= UInt64(Int32.max) ? Int(value) : nil }
            shift += 7
            if shift > 35 { return nil }
        }
        return nil
    }

    mutating func uint32() -> UInt32? {
        guard position + 4 <= bytes.count else { return nil }
        defer { position += 4 }
        return (0..<4).reduce(UInt32(0)) { $0 | UInt32(bytes[position + $1]) << (8 * $1) }
    }

    mutating func string() -> String? {
        guard let count = varint(), position + count <= bytes.count else { return nil }
        defer { position += count }
        return String(decoding: bytes[position..<(position + count)], as: UTF8.self)
    }

    mutating func range() -> Range<Int>? {
        guard let start = varint(), let count = varint() else { return nil }
        return start..<(start + count)
    }
}
