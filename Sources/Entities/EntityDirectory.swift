import Foundation

/// One entity of a text, named once, with every mention of it.
public struct EntityEntry: Hashable, Sendable {
    public var kind: EntityKind
    /// The name as the text most often writes its fullest form.
    public var name: String
    /// Every mention, in text order, short forms included (`Putin` for `Vladimir Putin`).
    public var mentions: [EntitySpan]
}

/// The entities of one text, each once: mentions whose names differ only in case, accents,
/// hyphens or spacing are one entity (`Kim Jong-un`, `Kim Jong Un`), and a person named by part of
/// a fuller name the same text uses is that person (`Putin` with `Vladimir Putin`, `Kim` with
/// `Kim Jong Un`), unless the part fits more than one of them.
public enum EntityDirectory {
    /// The words of a name as compared: folded case and accents, hyphens as spaces.
    public static func normalisedWords(_ name: String) -> [String] {
        if name.utf8.allSatisfy({ $0 < 0x80 }) {
            // Plain ASCII, the usual case: folding is lower-casing.
            return name.utf8.split(whereSeparator: { $0 == 0x20 || $0 == 0x2D || (0x09...0x0D).contains($0) }).map {
                String(decoding: $0.map { (0x41...0x5A).contains($0) ? $0 | 0x20 : $0 }, as: UTF8.self)
            }
        }
        let folded = name.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
        return folded.split(whereSeparator: { $0.isWhitespace || $0 == "-" || $0 == "‐" || $0 == "–" }).map(String.init)
    }

    /// The entries of `text` from its entity spans, most mentioned first (ties: first mentioned first).
    public static func entries(in text: String, spans: [EntitySpan]) -> [EntityEntry] {
        struct Group {
            var kind: EntityKind
            var words: [String]
            var mentions: [EntitySpan] = []
            /// Each way the text writes the name, with its count, in order of first use.
            var surfaces: [(text: String, count: Int)] = []
        }
        var groups: [Group] = []
        var groupIndex: [String: Int] = [:]
        for span in spans.sorted(by: { $0.start < $1.start }) {
            let surface = span.text(in: text)
            let words = normalisedWords(surface)
            guard !words.isEmpty else { continue }
            let key = span.kind.rawValue + "|" + words.joined(separator: " ")
            let index =
                groupIndex[key]
                ?? {
                    groups.append(Group(kind: span.kind, words: words))
                    groupIndex[key] = groups.count - 1
                    return groups.count - 1
                }()
            groups[index].mentions.append(span)
            if let at = groups[index].surfaces.firstIndex(where: { $0.text == surface }) {
                groups[index].surfaces[at].count += 1
            } else {
                groups[index].surfaces.append((surface, 1))
            }
        }

        // People named by part of a fuller name: joined to the one fuller name that contains the part.
        var root = Array(groups.indices)
        func find(_ i: Int) -> Int { root[i] == i ? i : find(root[i]) }
        let byLength = groups.indices.sorted { groups[$0].words.count > groups[$1].words.count }
        for short in byLength where groups[short].kind == .person {
            var roots = Set<Int>()
            for long in groups.indices
            where groups[long].kind == .person && groups[long].words.count > groups[short].words.count
                && contains(groups[long].words, groups[short].words)
            {
                roots.insert(find(long))
            }
            if roots.count == 1 { root[short] = roots.first! }
        }

        var entries: [Int: (entry: EntityEntry, first: Int)] = [:]
        for index in groups.indices {
            let owner = find(index)
            let group = groups[owner]
            var entry =
                entries[owner]?.entry
                ?? EntityEntry(
                    kind: group.kind,
                    name: group.surfaces.reduce(group.surfaces[0]) { $1.count > $0.count ? $1 : $0 }.text,
                    mentions: [])
            entry.mentions += groups[index].mentions
            entries[owner] = (entry, min(entries[owner]?.first ?? Int.max, groups[index].mentions[0].start))
        }
        return entries.values.map { value -> (EntityEntry, Int) in
            var entry = value.entry
            entry.mentions.sort { $0.start < $1.start }
            return (entry, value.first)
        }
        .sorted { $0.0.mentions.count != $1.0.mentions.count ? $0.0.mentions.count > $1.0.mentions.count : $0.1 < $1.1 }
        .map(\.0)
    }

    static func contains(_ words: [String], _ part: [String]) -> Bool {
        guard part.count <= words.count else { return false }
        for start in 0...(words.count - part.count) where Array(words[start..<(start + part.count)]) == part {
            return true
        }
        return false
    }
}
