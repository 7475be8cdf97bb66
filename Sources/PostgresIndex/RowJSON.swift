import Articles
import Entities
import Library
import Quotes

/// The JSON of an article row's confidences, lines, names and quotes, written byte by byte: what
/// `JSONEncoder` writes of them, `StoredLine`, `EntitySpan`, `Quote` and `StoredEntity` (the same keys
/// and values, read back by `JSONDecoder` the same), without its cost.
enum RowJSON {
    /// Confidences, `null` for none; a number that is not finite, which JSON cannot hold, is
    /// written as none.
    static func confidences(_ values: [Float?]) -> String {
        var writer = Writer()
        writer.array(values) { writer, value in
            if let value, value.isFinite { writer.number(value) } else { writer.raw("null") }
        }
        return writer.text
    }

    static func lines(_ lines: [LabelledLine]) -> String {
        var writer = Writer()
        writer.array(lines) { writer, line in
            writer.raw("{\"number\":")
            writer.integer(line.number)
            writer.raw(",\"text\":")
            writer.string(line.text)
            writer.raw(",\"kind\":")
            writer.string(line.kind.rawValue)
            if let cleaned = line.cleanedText {
                writer.raw(",\"cleaned\":")
                writer.string(cleaned)
            }
            if let confidence = line.confidence, confidence.isFinite {
                writer.raw(",\"confidence\":")
                writer.number(confidence)
            }
            writer.raw("}")
        }
        return writer.text
    }

    static func spans(_ spans: [EntitySpan]) -> String {
        var writer = Writer()
        writer.array(spans) { writer, span in
            writer.raw("{\"start\":")
            writer.integer(span.start)
            writer.raw(",\"end\":")
            writer.integer(span.end)
            writer.raw(",\"kind\":")
            writer.string(span.kind.rawValue)
            writer.raw("}")
        }
        return writer.text
    }

    static func quotes(_ quotes: [Quote]) -> String {
        var writer = Writer()
        writer.array(quotes) { writer, quote in
            writer.raw("{\"kind\":")
            writer.string(quote.kind.rawValue)
            writer.raw(",\"parts\":")
            writer.array(quote.parts) { writer, part in writer.range(part) }
            if let cue = quote.cue {
                writer.raw(",\"cue\":")
                writer.range(cue)
            }
            if let mention = quote.mention {
                writer.raw(",\"mention\":")
                writer.range(mention)
            }
            if let speaker = quote.speaker {
                writer.raw(",\"speaker\":")
                writer.string(speaker)
            }
            if let role = quote.role {
                writer.raw(",\"role\":")
                writer.string(role)
            }
            writer.raw("}")
        }
        return writer.text
    }

    static func named(_ entities: [NamedEntity]) -> String {
        var writer = Writer()
        writer.array(entities) { writer, entity in
            writer.raw("{\"kind\":")
            writer.string(entity.kind.rawValue)
            writer.raw(",\"name\":")
            writer.string(entity.name)
            writer.raw(",\"mentions\":")
            writer.integer(entity.mentions)
            writer.raw("}")
        }
        return writer.text
    }

    struct Writer {
        var bytes: [UInt8] = []

        var text: String { String(decoding: bytes, as: UTF8.self) }

        mutating func raw(_ text: StaticString) {
            text.withUTF8Buffer { bytes.append(contentsOf: $0) }
        }

        mutating func integer(_ value: Int) { bytes.append(contentsOf: String(value).utf8) }

        /// At its shortest, as `JSONEncoder` writes a `Float` (`1.0` as `1`).
        mutating func number(_ value: Float) {
            let number = value.description
            bytes.append(contentsOf: (number.hasSuffix(".0") ? number.dropLast(2) : number[...]).utf8)
        }

        mutating func range(_ range: Range<Int>) {
            bytes.append(0x5B)
            integer(range.lowerBound)
            bytes.append(0x2C)
            integer(range.upperBound)
            bytes.append(0x5D)
        }

        mutating func array<T>(_ items: [T], _ each: (inout Writer, T) -> Void) {
            bytes.append(0x5B)
            for (index, item) in items.enumerated() {
                if index > 0 { bytes.append(0x2C) }
                each(&self, item)
            }
            bytes.append(0x5D)
        }

        /// A JSON string: quote marks, backslashes and control characters escaped.
        mutating func string(_ value: String) {
            let hex: StaticString = "0123456789abcdef"
            bytes.append(0x22)
            for byte in value.utf8 {
                switch byte {
                case 0x22: bytes += [0x5C, 0x22]
                case 0x5C: bytes += [0x5C, 0x5C]
                case 0x0A: bytes += [0x5C, 0x6E]
                case 0x0D: bytes += [0x5C, 0x72]
                case 0x09: bytes += [0x5C, 0x74]
                case 0..<0x20:
                    bytes += [0x5C, 0x75, 0x30, 0x30]
                    hex.withUTF8Buffer { digits in
                        bytes.append(digits[Int(byte >> 4)])
                        bytes.append(digits[Int(byte & 0xF)])
                    }
                default: bytes.append(byte)
                }
            }
            bytes.append(0x22)
        }
    }
}
