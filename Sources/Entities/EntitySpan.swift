/// The kinds of named entity kabar recognises.
public enum EntityKind: String, Hashable, Sendable, Codable, CaseIterable {
    case person = "PER"
    case organization = "ORG"
    case place = "LOC"

    /// The kind's name as a person reads it.
    public var label: String {
        switch self {
        case .person: "person"
        case .organization: "organisation"
        case .place: "place"
        }
    }
}

/// A named entity in a text, located by UTF-8 byte offsets (`start` inclusive, `end` exclusive).
public struct EntitySpan: Hashable, Sendable, Codable {
    public var start: Int
    public var end: Int
    public var kind: EntityKind

    public init(start: Int, end: Int, kind: EntityKind) {
        self.start = start
        self.end = end
        self.kind = kind
    }

    /// The entity's text within `text`, the string the offsets were computed on.
    public func text(in text: String) -> String {
        let bytes = Array(text.utf8)
        guard start >= 0, end <= bytes.count, start < end else { return "" }
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }
}

/// Anything that finds named entities in cleaned article text.
public protocol EntityRecognizer: Sendable {
    /// The entities in `text`, ordered by position and never overlapping.
    func entities(in text: String) -> [EntitySpan]
    /// The same, given the text's sentences as `NewsTokenizer.sentences(in:)` makes them, for a
    /// caller that needs them too.
    func entities(in text: String, sentences: [[TextToken]]) -> [EntitySpan]
}

extension EntityRecognizer {
    public func entities(in text: String, sentences: [[TextToken]]) -> [EntitySpan] { entities(in: text) }
}
