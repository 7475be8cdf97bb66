import SequenceModels

/// A token's tag in the IOB2 scheme over the three entity kinds.
public enum EntityTag: Int, Hashable, Sendable, CaseIterable {
    case outside = 0
    case beginPerson, insidePerson, beginOrganization, insideOrganization, beginPlace, insidePlace

    public static let count = 7

    public init?(iob2: some StringProtocol) {
        switch iob2 {
        case "O": self = .outside
        case "B-PER": self = .beginPerson
        case "I-PER": self = .insidePerson
        case "B-ORG": self = .beginOrganization
        case "I-ORG": self = .insideOrganization
        case "B-LOC": self = .beginPlace
        case "I-LOC": self = .insidePlace
        default: return nil
        }
    }

    public init(kind: EntityKind, begins: Bool) {
        switch kind {
        case .person: self = begins ? .beginPerson : .insidePerson
        case .organization: self = begins ? .beginOrganization : .insideOrganization
        case .place: self = begins ? .beginPlace : .insidePlace
        }
    }

    public var iob2: String {
        switch self {
        case .outside: "O"
        case .beginPerson: "B-PER"
        case .insidePerson: "I-PER"
        case .beginOrganization: "B-ORG"
        case .insideOrganization: "I-ORG"
        case .beginPlace: "B-LOC"
        case .insidePlace: "I-LOC"
        }
    }

    public var kind: EntityKind? {
        switch self {
        case .outside: nil
        case .beginPerson, .insidePerson: .person
        case .beginOrganization, .insideOrganization: .organization
        case .beginPlace, .insidePlace: .place
        }
    }

    public var isInside: Bool { self == .insidePerson || self == .insideOrganization || self == .insidePlace }

    /// Whether this tag may follow `previous` (nil at the start of a sentence) in valid IOB2.
    public func mayFollow(_ previous: EntityTag?) -> Bool {
        guard isInside else { return true }
        guard let previous, previous != .outside else { return false }
        return previous.kind == kind
    }

    /// The tag sequences valid IOB2 allows, for decoding and training.
    public static let transitionMask = TransitionMask(labelCount: count) { previous, current in
        allCases[current].mayFollow(previous.map { allCases[$0] })
    }
}

/// A run of tokens forming one entity: tokens `start..<end`.
public struct EntityChunk: Hashable, Sendable {
    public var start: Int
    public var end: Int
    public var kind: EntityKind

    public init(start: Int, end: Int, kind: EntityKind) {
        self.start = start
        self.end = end
        self.kind = kind
    }

    /// The entities of a tag sequence read strictly: an entity opens with `B-X` and runs over the
    /// `I-X` tags that follow; an `I-X` without its `B-X` belongs to no entity (seqeval's strict IOB2).
    public static func chunks(of tags: [EntityTag]) -> [EntityChunk] {
        var chunks: [EntityChunk] = []
        var i = 0
        while i < tags.count {
            guard let kind = tags[i].kind, !tags[i].isInside else {
                i += 1
                continue
            }
            let inside = EntityTag(kind: kind, begins: false)
            var j = i + 1
            while j < tags.count, tags[j] == inside { j += 1 }
            chunks.append(EntityChunk(start: i, end: j, kind: kind))
            i = j
        }
        return chunks
    }
}
